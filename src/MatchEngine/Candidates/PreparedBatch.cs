using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;

namespace MatchEngine.Candidates;

/// <summary>
/// A batch made ready to solve: the locked and excluded pairs applied, and the candidate graph of the people left to
/// match, built pair by pair for small batches or by the large-batch engine (<see cref="ExactSparse"/>) for large ones.
/// </summary>
/// <param name="Graph">The candidate graph of the people left to match.</param>
/// <param name="Locked">The locked pairs, scored.</param>
/// <param name="LockedLoad">The places each mentor's locked pairs take.</param>
/// <param name="Exact">The large-batch engine when it built the graph, to solve and price with; null for a batch checked pair by pair.</param>
internal sealed record PreparedBatch(CandidateGraph Graph, List<MatchedPair> Locked, int[] LockedLoad, ExactSparse? Exact)
{
    /// <summary>Rule breaches of locked pairs kept with <see cref="MatchOptions.KeepRuleBreakingLocks"/>.</summary>
    public IReadOnlyList<LockedPairBreach> LockBreaches { get; init; } = [];

    /// <summary>Applies locked and excluded pairs and builds the candidate graph of the people left to match.</summary>
    /// <exception cref="ArgumentException">As for <see cref="LockedPairs.Apply"/>.</exception>
    public static PreparedBatch Of(MatchBatch batch, PairEvaluator pairs, CancellationToken cancellationToken, IProgress<MatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var options = pairs.Options;
        var (mentors, mentees, capacity, locked, load, breaches, rules) = LockedPairs.Apply(batch, pairs);
        var index = RuleIndex.Of(rules);
        var defaultTiers = (Priority.PriorityTiers.Parse(options.Priority, out _) ?? Priority.PriorityTiers.Default).IsDefault;
        if ((long)mentors.Length * mentees.Length <= options.DensePairLimit || !index.Indexable || !defaultTiers)
        {
            // Small batches, rule sets with a rule the index cannot state, and priority tiers beyond unmet needs
            // (which the large-batch engine does not prove yet) check every pair.
            return new PreparedBatch(CandidateGraph.Build(mentors, mentees, capacity, batch.AsOf, rules, pairs.Scorer, options, cancellationToken), locked, load, null) { LockBreaches = breaches };
        }

        var mentorAge = mentors.Select(m => Age.On(m.BirthDate, batch.AsOf)).ToArray();
        var menteeAge = mentees.Select(m => Age.On(m.BirthDate, batch.AsOf)).ToArray();
        var kernel = new PairKernel(mentors, mentorAge, mentees, menteeAge, index, options);
        var exact = new ExactSparse(kernel, capacity, [.. mentees.Select(e => e.UnmetNeeds)], options);
        exact.Candidates(options.CandidatesPerMentee, progress, cancellationToken);
        var gate = new PairGate(rules, pairs.Scorer, options);
        var (problem, modes) = exact.Problem();
        return new PreparedBatch(exact.Graph(mentors, mentees, mentorAge, menteeAge, gate, problem, modes, cancellationToken), locked, load, exact) { LockBreaches = breaches };
    }
}
