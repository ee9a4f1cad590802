using MatchEngine.Model;
using MatchEngine.Reports;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Results;

/// <summary>The explanation text <c>explain</c> prints, for a matched and an unmatched young person.</summary>
public class ExplanationTextTests
{
    private static string[] Explain(MatchBatch batch, string menteeId, string? mentorId = null, int top = 5)
    {
        var matcher = new Matcher(MatchOptions.Default);
        var result = matcher.Match(batch);
        var x = matcher.Explain(batch, result, menteeId, mentorId);
        using var w = new StringWriter { NewLine = "\n" };
        ExplanationWriter.WriteText(w, x, batch.Mentees.Single(m => m.Id == menteeId), batch.AsOf, MatchOptions.Default, top);
        return w.ToString().Split('\n');
    }

    [Fact]
    public void A_matched_mentee_sees_the_mentor_the_score_parts_and_the_mentors_the_rules_excluded()
    {
        var batch = new MatchBatch(
            [Mentor("MR1", ethnicity: "Asian", sector: "law"), Mentor("MR2", age: 22)],
            [Mentee("ME1", age: 20, ethnicity: "Black", interests: ["law"])],
            AsOf);
        var lines = Explain(batch, "ME1");
        Assert.Equal("Mentee ME1: aged 20 on 2026-09-01, West Midlands, accepts " + MeetingModeNames.Join(MeetingModes.All), lines[0]);
        Assert.StartsWith("Matched with MR1: score ", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l == "Allowed mentors: 1. Best alternatives:");
        Assert.Contains(lines, l => l == "  none");
        Assert.Contains(lines, l => l == "Excluded by the rules: 1 mentors.");
        Assert.Contains(lines, l => l.StartsWith("  MENTOR_TOO_YOUNG (1): ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l == "    MR2");
    }

    [Fact]
    public void An_unmatched_mentee_sees_the_reason_and_who_took_each_allowed_place()
    {
        var batch = new MatchBatch(
            [Mentor("MR1", capacity: 1)],
            [Mentee("ME1", unmet: true), Mentee("ME2")],
            AsOf);
        var lines = Explain(batch, "ME2");
        Assert.StartsWith("Not matched (CAPACITY_TAKEN): ", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l == "Allowed mentors: 1. Best alternatives:");
        var alt = Assert.Single(lines, l => l.StartsWith("  MR1 ", StringComparison.Ordinal));
        Assert.EndsWith("full: matched with ME1", alt, StringComparison.Ordinal);
        Assert.Contains(lines, l => l == "Excluded by the rules: 0 mentors.");
    }

    [Fact]
    public void A_mentee_no_rule_allows_sees_the_rule_and_a_named_mentor_says_why_not()
    {
        var batch = new MatchBatch(
            [Mentor("MR1", dbs: false)],
            [Mentee("ME1", age: 15)],
            AsOf);
        var lines = Explain(batch, "ME1", mentorId: "MR1");
        Assert.StartsWith("Not matched (", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l == "Allowed mentors: 0. Best alternatives:");
        Assert.Contains(lines, l => l.StartsWith("Mentor MR1: not allowed (NO_BACKGROUND_CHECK): ", StringComparison.Ordinal));
    }

    [Fact]
    public void Top_limits_the_alternatives_and_says_how_many_there_are()
    {
        var batch = new MatchBatch(
            [Mentor("MR1"), Mentor("MR2"), Mentor("MR3")],
            [Mentee("ME1")],
            AsOf);
        var lines = Explain(batch, "ME1", top: 1);
        Assert.Contains(lines, l => l == "Allowed mentors: 3. Best alternatives (top 1 of 2):");
        Assert.Single(lines, l => l.StartsWith("  MR", StringComparison.Ordinal) && l.Contains("score", StringComparison.Ordinal));
    }
}
