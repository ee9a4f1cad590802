using MatchEngine.Model;
using MatchEngine.Rules;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Rules;

/// <summary>The locked-pair check and the readiness check work from the options and rules alone, as the matcher does.</summary>
public class LockedPairCheckOptionsTests
{
    private static MatchBatch Batch() => new([Mentor("MR1")], [Mentee("ME1", age: 20)], AsOf) { Locked = [new LockedPair("ME1", "MR1")] };

    [Fact]
    public void Find_rejects_invalid_options_with_the_matchers_own_message()
    {
        var bad = MatchOptions.Default with { FaceToFaceMaxKm = -1 };
        var fromMatcher = Assert.Throws<ArgumentException>(() => new Matcher(bad));
        var fromFind = Assert.Throws<ArgumentException>(() => LockedPairCheck.Find(Batch(), bad));
        Assert.StartsWith("Invalid match options: ", fromFind.Message, StringComparison.Ordinal);
        Assert.Equal(fromMatcher.Message, fromFind.Message);
        Assert.Equal("options", fromFind.ParamName);
    }

    [Fact]
    public void Find_takes_the_mode_the_matcher_would_give_a_locked_pair_without_one()
    {
        // A 15-year-old with a mentor who has no background check: the pair breaks the safeguarding rule in the mode it is given.
        var batch = new MatchBatch([Mentor("MR1", dbs: false)], [Mentee("ME1", age: 15)], AsOf) { Locked = [new LockedPair("ME1", "MR1")] };
        var breaches = LockedPairCheck.Find(batch);
        Assert.Contains(breaches, b => b.RuleCode == RuleCodes.NoBackgroundCheck && b.IsSafeguarding);
        Assert.All(breaches, b => Assert.Equal(MeetingModes.FaceToFace, b.Mode));
        Assert.Throws<LockedPairRuleException>(() => new Matcher().Match(batch));
    }

    [Fact]
    public void An_allowed_locked_pair_has_no_breach_and_readiness_matches_the_match()
    {
        Assert.Empty(LockedPairCheck.Find(Batch()));
        var matcher = new Matcher();
        var result = matcher.Match(Batch());
        var readiness = matcher.Readiness(Batch());
        Assert.Equal(readiness.ByRegion, result.Readiness.ByRegion);
        Assert.Equal(readiness.ByMode, result.Readiness.ByMode);
        Assert.Equal(readiness.Under18, result.Readiness.Under18);
        Assert.Equal(readiness.Warnings, result.Readiness.Warnings);
    }
}
