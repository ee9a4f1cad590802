using MatchEngine.Model;
using MatchEngine.Scoring;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Scoring;

public class PairScorerTests
{
    private readonly PairScorer _scorer = new(MatchOptions.Default);

    [Fact]
    public void Missing_values_count_neither_as_difference_nor_agreement()
    {
        var s = _scorer.Score(Mentor(), Mentee(), MeetingModes.Virtual, null);
        Assert.Equal(0, s.Total);
        Assert.False(s.CrossBackground);
    }

    [Fact]
    public void One_side_missing_earns_nothing()
    {
        var s = _scorer.Score(Mentor(ethnicity: "white", ses: "professional"), Mentee(), MeetingModes.Virtual, null);
        Assert.Equal(0, s.Total);
    }

    [Fact]
    public void Full_marks_are_100()
    {
        var mentor = Mentor(ethnicity: "white", ses: "professional", gender: "female", sector: "engineering", languages: ["english"]);
        var mentee = Mentee(ethnicity: "asian", ses: "working-class", interests: ["Engineering"], languages: ["English"], preferred: "female");
        var s = _scorer.Score(mentor, mentee, MeetingModes.FaceToFace, 0);
        Assert.Equal(100, s.Total);
        Assert.Equal(10_000, s.Points);
        Assert.True(s.CrossBackground);
    }

    [Fact]
    public void Same_background_compares_case_insensitively()
    {
        var s = _scorer.Score(Mentor(ethnicity: "White"), Mentee(ethnicity: "white"), MeetingModes.Virtual, null);
        Assert.Equal(0, s.EthnicityDifference);
    }

    [Fact]
    public void Proximity_falls_linearly_to_zero_at_50_km_and_is_zero_for_virtual()
    {
        Assert.Equal(15 * 0.5, _scorer.Score(Mentor(), Mentee(), MeetingModes.Hybrid, 25).Total, 2);
        Assert.Equal(0, _scorer.Score(Mentor(), Mentee(), MeetingModes.Hybrid, 60).Total);
        Assert.Equal(0, _scorer.Score(Mentor(), Mentee(), MeetingModes.Virtual, 1).Total);
    }

    [Fact]
    public void Best_mode_prefers_in_person_when_close_and_hybrid_on_ties()
    {
        var (mode, score) = _scorer.Best(Mentor(), Mentee(), MeetingModes.All, 5);
        Assert.Equal(MeetingModes.Hybrid, mode);
        Assert.Equal(13.5, score.Total, 2);
        Assert.Equal(MeetingModes.FaceToFace, _scorer.Best(Mentor(), Mentee(), MeetingModes.FaceToFace | MeetingModes.Virtual, 5).Mode);
    }

    [Fact]
    public void Weights_must_sum_to_100_and_the_message_names_the_field()
    {
        var options = MatchOptions.Default with { Weights = ScoreWeights.Default with { Proximity = -1 } };
        var errors = options.Validate();
        Assert.Contains(errors, e => e.Contains("Weights.Proximity", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new Matcher(options));
    }
}
