using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;

namespace MatchEngine.Analytics;

/// <summary>
/// The pair set every analytics figure is computed on: every eligible pair of the batch (each mentor against each
/// mentee, through the matcher's one rule set, scorer and minimum score), whatever the batch's size and the dense
/// limit, never the sparse shortlist. Strategies, blocking pairs and violations all use it, so the comparison is fair.
/// </summary>
internal static class EligiblePairs
{
    /// <summary>Describes the pair set, for outputs.</summary>
    public const string Description = "all eligible pairs";

    /// <summary>Builds the graph of all eligible pairs of the batch (locked pairs ignored; excluded pairs honoured).</summary>
    public static CandidateGraph Build(Matcher matcher, MatchBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(matcher);
        ArgumentNullException.ThrowIfNull(batch);
        var mentors = batch.Mentors.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        var mentees = batch.Mentees.OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
        IReadOnlyList<IEligibilityRule> rules = batch.Excluded.Count == 0
            ? matcher.Rules.Rules
            : [.. matcher.Rules.Rules, new ExcludedPairRule(batch.Excluded.Select(x => (x.MenteeId, x.MentorId)))];
        return CandidateGraph.Build(mentors, mentees, mentors.Select(m => m.Capacity).ToArray(), batch.AsOf, rules, new PairScorer(matcher.Options), matcher.Options, cancellationToken);
    }
}
