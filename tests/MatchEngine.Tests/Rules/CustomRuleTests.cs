using MatchEngine.Model;
using MatchEngine.Rules;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Rules;

/// <summary>Rules of a programme's own, added to the built-in ones: they take pairs away and can never give back what safeguarding took.</summary>
public class CustomRuleTests
{
    /// <summary>A partner's policy: mentor and mentee in the same region only.</summary>
    private sealed class SameRegionOnly : IEligibilityRule
    {
        public string Code => "PARTNER_SAME_REGION";

        public MeetingModes Apply(in PairContext pair, MeetingModes allowed) =>
            string.Equals(pair.Mentor.Region, pair.Mentee.Region, StringComparison.OrdinalIgnoreCase) ? allowed : MeetingModes.None;

        public string Describe(in PairContext pair) => "the partner matches within a region only";
    }

    /// <summary>A careless or hostile rule that tries to allow every mode to every pair.</summary>
    private sealed class AllowEverything : IEligibilityRule
    {
        public string Code => "ALLOW_ALL";

        public MeetingModes Apply(in PairContext pair, MeetingModes allowed) => MeetingModes.All;

        public string Describe(in PairContext pair) => "never";
    }

    [Fact]
    public void An_added_rule_takes_pairs_away_and_is_the_reason()
    {
        var batch = new MatchBatch(
            [Mentor("MR1", modes: MeetingModes.Virtual, region: "Cardiff Capital Region")],
            [Mentee("ME1", age: 20, modes: MeetingModes.Virtual)],
            AsOf);
        Assert.Single(new Matcher().Match(batch).Pairs);

        var result = new Matcher(rules: RuleSet.Default.With([new SameRegionOnly()])).Match(batch);
        Assert.Empty(result.Pairs);
        Assert.Equal("PARTNER_SAME_REGION", Assert.Single(result.Unmatched, u => u.Role == PersonRole.Mentee).ReasonCode);
    }

    [Fact]
    public void An_added_rule_cannot_undo_safeguarding_or_any_other_rule()
    {
        // A 15-year-old: no virtual mentoring, and only with a background-checked mentor; a mentor aged 22 is too young.
        var batch = new MatchBatch(
            [Mentor("NOCHECK", dbs: false), Mentor("VIRTUAL", modes: MeetingModes.Virtual), Mentor("YOUNG", age: 22)],
            [Mentee("KID", age: 15)],
            AsOf);
        var rules = RuleSet.Default.With([new AllowEverything()]);
        var result = new Matcher(rules: rules).Match(batch);
        Assert.Empty(result.Pairs);
        foreach (var mentor in batch.Mentors)
        {
            var a = rules.Assess(new PairContext(mentor, batch.Mentees[0], mentor.Id == "YOUNG" ? 22 : 40, 15, 0, new MatchOptions()));
            Assert.False(a.IsEligible, mentor.Id);
        }
    }

    [Fact]
    public void A_null_rule_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RuleSet.Default.With([null!]));
        Assert.Throws<ArgumentNullException>(() => RuleSet.Default.With(null!));
    }
}
