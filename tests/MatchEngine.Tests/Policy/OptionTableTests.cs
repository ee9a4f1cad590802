using System.Text;
using MatchEngine.Policy;

namespace MatchEngine.Tests.Policy;

/// <summary>One declaration per option: the policy file and <see cref="MatchOptions.Validate"/> read the same ranges and name the field the user wrote.</summary>
public class OptionTableTests
{
    private static PolicyLoadResult Load(string json) => PolicyFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "policy.json");

    [Fact]
    public void Every_option_in_the_table_is_a_property_and_a_policy_field()
    {
        var defaults = PolicyFile.Defaults();
        foreach (var f in OptionTable.Fields)
        {
            var owner = f.InWeights ? typeof(ScoreWeights) : typeof(MatchOptions);
            Assert.NotNull(owner.GetProperty(f.Property));
            Assert.Contains($"\"{f.PolicyPath[(f.PolicyPath.IndexOf('.', StringComparison.Ordinal) + 1)..]}\":", defaults, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_library_and_the_policy_file_take_the_same_travel_range()
    {
        var errors = (MatchOptions.Default with { FaceToFaceMaxKm = 2000 }).Validate();
        Assert.Equal(["FaceToFaceMaxKm: 2000 is not allowed; expected 0 to 1000."], errors);
        var file = Load("{\"travel\": {\"face_to_face_max_km\": 2000}}");
        Assert.Equal(["policy.json: field 'travel.face_to_face_max_km' has 2000: is out of range; expected 0 to 1000."], file.Errors);
    }

    [Fact]
    public void A_weight_sum_error_names_the_weights_once()
    {
        var errors = (MatchOptions.Default with { Weights = ScoreWeights.Default with { Proximity = 40 } }).Validate();
        Assert.Equal(["Weights: the weights sum to 125; they must sum to 100."], errors);
        Assert.DoesNotContain("Weights.weights", errors[0], StringComparison.Ordinal);
        Assert.Equal(["the weights sum to 125; they must sum to 100."], (ScoreWeights.Default with { Proximity = 40 }).Validate());
        var file = Load("{\"weights\": {\"proximity\": 40}}");
        Assert.Equal(["policy.json: field 'weights': the weights sum to 125; they must sum to 100."], file.Errors);
    }

    [Fact]
    public void A_bound_set_by_another_option_names_both_fields_as_the_user_wrote_them()
    {
        var file = Load("{\"ages\": {\"mentee_min\": 18, \"mentee_max\": 16}}");
        Assert.Equal(["policy.json: field 'ages.mentee_max': 16 is not allowed; expected 18 to 120 (at least field 'ages.mentee_min')."], file.Errors);
        var errors = (MatchOptions.Default with { MenteeMinAge = 18, MenteeMaxAge = 16 }).Validate();
        Assert.Equal(["MenteeMaxAge: 16 is not allowed; expected 18 to 120 (at least MenteeMinAge)."], errors);
    }

    [Fact]
    public void The_dense_pair_limit_has_no_upper_bound_so_an_application_can_always_check_every_pair()
    {
        Assert.Empty((MatchOptions.Default with { DensePairLimit = long.MaxValue }).Validate());
        Assert.Equal(["DensePairLimit: -1 is not allowed; expected 0 or more."], (MatchOptions.Default with { DensePairLimit = -1 }).Validate());
    }
}
