using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;

namespace MatchEngine;

/// <summary>
/// Decides one pair for candidate generation: the hard rules, then the score in the pair's best mode, then the
/// minimum pair score. The gates are the rules in order followed by <see cref="MinimumScoreRule"/>; a pair that is
/// not allowed reports the index of the gate that stopped it, which is what the reasons count.
/// </summary>
internal sealed class PairGate
{
    private readonly RuleSet _rules;
    private readonly PairScorer _scorer;
    private readonly MatchOptions _options;
    private readonly int _minPoints;
    private readonly Dictionary<IEligibilityRule, int> _index = new(ReferenceEqualityComparer.Instance);

    public PairGate(IReadOnlyList<IEligibilityRule> rules, PairScorer scorer, MatchOptions options)
    {
        _rules = new RuleSet(rules);
        _scorer = scorer;
        _options = options;
        _minPoints = (int)Math.Round(options.MinPairScore * 100, MidpointRounding.AwayFromZero);
        Gates = [.. rules, MinimumScoreRule.Instance];
        for (var i = 0; i < Gates.Length; i++)
        {
            _index[Gates[i]] = i;
        }
    }

    /// <summary>The rules in order, then the minimum score.</summary>
    public IEligibilityRule[] Gates { get; }

    /// <summary>The pair's mode and points when allowed (<c>Failed</c> = -1), else the index of the gate that stopped it.</summary>
    public (int Failed, MeetingModes Mode, int Points) Decide(Mentor mentor, Mentee mentee, int mentorAge, int menteeAge)
    {
        var d = GeoPoint.Between(mentor.Location, mentee.Location);
        var assessment = _rules.Assess(new PairContext(mentor, mentee, mentorAge, menteeAge, d, _options));
        if (!assessment.IsEligible)
        {
            return (_index[assessment.FailedRule!], MeetingModes.None, 0);
        }

        var (mode, score) = _scorer.Best(mentor, mentee, assessment.Allowed, d);
        return score.Points < _minPoints ? (Gates.Length - 1, MeetingModes.None, 0) : (-1, mode, score.Points);
    }
}
