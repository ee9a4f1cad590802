using System.Text;
using MatchEngine.Policy;
using MatchEngine.Tests.Cli;

namespace MatchEngine.Tests.Policy;

public class PolicyFileTests
{
    private static PolicyLoadResult Load(string json) => PolicyFile.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Sample_policy_is_the_defaults_written_out_and_loads_to_the_defaults()
    {
        var sample = File.ReadAllText(CliRunner.Samples("policy.json"));
        Assert.Equal(PolicyFile.Defaults(), sample);
        var r = Load(sample);
        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        Assert.Equal(MatchOptions.Default, r.Options);
    }

    [Theory]
    [InlineData("{\"weights\": {\"proximty\": 15}}", "unknown field 'weights.proximty' (did you mean 'weights.proximity'?)")]
    [InlineData("{\"colour\": 1}", "unknown field 'colour'")]
    [InlineData("{\"travel\": {\"hybrid_max_km\": \"far\"}}", "field 'travel.hybrid_max_km' has \"far\": expected a number")]
    [InlineData("{\"travel\": {\"face_to_face_max_km\": -3}}", "field 'travel.face_to_face_max_km' has -3: is out of range")]
    [InlineData("{\"ages\": {\"mentee_min\": 11.5}}", "field 'ages.mentee_min' has 11.5: expected a whole number")]
    [InlineData("{\"safeguarding\": {\"require_background_check\": \"yes\"}}", "field 'safeguarding.require_background_check' has \"yes\": expected true or false")]
    [InlineData("{\"objective\": \"most-pair-first\"}", "field 'objective' has \"most-pair-first\": expected \"most-pairs-first\" or \"best-pairs-first\" (did you mean \"most-pairs-first\"?)")]
    [InlineData("{\"min_cross_background_share\": 75}", "field 'min_cross_background_share' has 75: is out of range")]
    [InlineData("{\"weights\": {\"proximity\": 20}}", "weights sum to 105; they must sum to 100")]
    [InlineData("{\"ages\": {\"mentee_min\": 18, \"mentee_max\": 16}}", "ages.mentee_max")]
    [InlineData("{\"weights\": 5}", "field 'weights' must be an object")]
    [InlineData("{\"weights\": {", "not valid JSON at line")]
    public void Each_kind_of_mistake_names_the_field(string json, string expected)
    {
        var r = Load(json);
        Assert.False(r.IsValid);
        Assert.Contains(r.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_mistake_is_listed_not_just_the_first()
    {
        var r = Load("{\"weights\": {\"proximty\": 1}, \"travel\": {\"hybrid_max_km\": -1}, \"objective\": 3}");
        Assert.Equal(3, r.Errors.Count);
    }

    [Fact]
    public void Comments_and_partial_files_are_accepted()
    {
        var r = Load("// only what differs\n{ \"travel\": { \"face_to_face_max_km\": 10 }, /* stricter */ \"min_pair_score\": 20 }");
        Assert.True(r.IsValid);
        Assert.Equal(10, r.Options!.FaceToFaceMaxKm);
        Assert.Equal(20, r.Options.MinPairScore);
        Assert.Equal(50, r.Options.HybridMaxKm);
    }

    [Fact]
    public void Policy_changes_the_match_from_the_CLI_and_a_bad_policy_exits_2()
    {
        var dir = CliRunner.TempDir();
        var policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, "{ \"min_pair_score\": 60 }");
        var (code, _, err) = CliRunner.Run("match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--out", Path.Combine(dir, "o"), "--as-of", "2026-09-01", "--policy", policy);
        Assert.True(code == 0, err);
        var scores = File.ReadAllLines(Path.Combine(dir, "o", "matches.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(scores, s => Assert.True(s >= 60));
        Assert.Contains("SCORE_BELOW_MINIMUM", File.ReadAllText(Path.Combine(dir, "o", "unmatched.csv")), StringComparison.Ordinal);

        File.WriteAllText(policy, "{ \"travel\": { \"hybrid_max_km\": -1 } }");
        var (bad, _, badErr) = CliRunner.Run("match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--out", Path.Combine(dir, "o2"), "--as-of", "2026-09-01", "--policy", policy);
        Assert.Equal(2, bad);
        Assert.Contains("travel.hybrid_max_km", badErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "o2")));
    }
}
