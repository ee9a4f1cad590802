using MatchEngine.Model;
using MatchEngine.Rules;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Rules;

/// <summary>The excluded-pair rule built through its public constructor (pairs as <see cref="PairRef"/>, not tuples).</summary>
public class ExcludedPairRuleTests
{
    [Fact]
    public void An_excluded_pair_has_no_mode_and_other_pairs_keep_theirs()
    {
        var rule = new ExcludedPairRule([new PairRef("ME1", "MR1"), new PairRef("ME1", "MR1"), new PairRef("ME2", "MR2")]);
        Assert.Equal(2, rule.Count);
        Assert.Equal(RuleCodes.Excluded, rule.Code);

        var excluded = new PairContext(Mentor("MR1"), Mentee("ME1"), 30, 16, null, MatchOptions.Default);
        var crossed = new PairContext(Mentor("MR2"), Mentee("ME1"), 30, 16, null, MatchOptions.Default);
        Assert.Equal(MeetingModes.None, rule.Apply(excluded, MeetingModes.All));
        Assert.Equal(MeetingModes.All, rule.Apply(crossed, MeetingModes.All));
        Assert.Equal("the pair is on the excluded list", rule.Describe(excluded));
    }

    [Fact]
    public void Null_pairs_are_refused() =>
        Assert.Throws<ArgumentNullException>(() => new ExcludedPairRule((IEnumerable<PairRef>)null!));
}
