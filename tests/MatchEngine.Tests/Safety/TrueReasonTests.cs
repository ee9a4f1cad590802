using MatchEngine.Model;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Safety;

/// <summary>Reasons follow the objective in force; explain speaks of one mentor's own rule.</summary>
public class TrueReasonTests
{
    [Fact]
    public void Under_best_pairs_first_a_zero_score_pair_left_unmade_is_not_called_capacity_taken()
    {
        var mentor = People.Mentor("M", modes: MeetingModes.Virtual, capacity: 3);
        var mentee = People.Mentee("E", modes: MeetingModes.Virtual);
        var batch = new MatchBatch([mentor], [mentee], People.AsOf);
        var r = new Matcher(MatchOptions.Default with { Objective = ObjectiveOrder.BestPairsFirst }).Match(batch);
        Assert.Empty(r.Pairs);
        var e = r.Unmatched.Single(u => u.Role == PersonRole.Mentee);
        var m = r.Unmatched.Single(u => u.Role == PersonRole.Mentor);
        Assert.Equal(ReasonCodes.NoScoreGain, e.ReasonCode);
        Assert.Contains("1 eligible mentor still has free places, but every pair with them scores 0", e.Reason, StringComparison.Ordinal);
        Assert.Equal(ReasonCodes.NoScoreGain, m.ReasonCode);
        Assert.StartsWith("3 of 3 places unused: 1 young person this mentor could take has no mentor", m.Reason, StringComparison.Ordinal);

        // The same batch under most-pairs-first is matched.
        Assert.Single(new Matcher().Match(batch).Pairs);
    }

    [Fact]
    public void Capacity_taken_still_says_so_and_names_the_objective()
    {
        var batch = new MatchBatch([People.Mentor("M")], [People.Mentee("E1"), People.Mentee("E2")], People.AsOf);
        var r = new Matcher(MatchOptions.Default with { Objective = ObjectiveOrder.BestPairsFirst }).Match(batch);
        var u = r.Unmatched.Single(x => x.Role == PersonRole.Mentee);
        Assert.Equal(ReasonCodes.CapacityTaken, u.ReasonCode);
        Assert.Contains("unmet needs first, then the highest total score", u.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_on_a_matched_mentee_speaks_of_each_excluded_mentor_not_of_the_unmatched()
    {
        var batch = new MatchBatch([People.Mentor("NEAR"), People.Mentor("FAR", modes: MeetingModes.FaceToFace, at: People.North(80))],
            [People.Mentee("E", modes: MeetingModes.FaceToFace)], People.AsOf);
        var matcher = new Matcher();
        var r = matcher.Match(batch);
        var x = matcher.Explain(batch, r, "E", "FAR");
        Assert.Equal("NEAR", x.Chosen!.MentorId);
        var far = Assert.Single(x.Rejected);
        Assert.StartsWith("this mentor is 80 km away: face-to-face only within 25 km", far.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("no mentor who could otherwise meet them", far.Reason, StringComparison.Ordinal);
        Assert.Equal(far.Reason, x.Focus!.Reason);
    }

    [Fact]
    public void Explain_mentor_gives_that_mentors_own_rule_on_the_command_line()
    {
        var (code, stdout, err) = Run("explain", "--mentors", Samples("mentors.csv"), "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01", "--mentee", "ME0009", "--mentor", "MR0003");
        Assert.True(code == 0, err);
        Assert.Contains("Mentor MR0003: not allowed (MENTOR_NOT_TRAINED): this mentor has not completed training.", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("no mentor offers", stdout, StringComparison.Ordinal);
    }
}
