using MatchEngine.Candidates;
using MatchEngine.Scoring;
using MatchEngine.Solving;

namespace MatchEngine.Results;

/// <summary>The result lists of a solved batch: every pair (locked ones included, sorted by mentee), and everyone left unmatched with the reason.</summary>
/// <param name="Pairs">The pairs, locked ones included, sorted by mentee id.</param>
/// <param name="Unmatched">The unmatched mentees (by id), then the mentors with unused places (by id), each with the reason.</param>
internal sealed record PairsAndUnmatched(List<MatchedPair> Pairs, List<UnmatchedEntry> Unmatched)
{
    /// <summary>Reads the pairs off the solution and writes a reason for each mentee without a mentor and each mentor with a place left.</summary>
    public static PairsAndUnmatched Of(PreparedBatch prepared, SolvedBatch solved, PairEvaluator evaluator)
    {
        var (g, solution) = (solved.Graph, solved.Solution);
        var pairs = new List<MatchedPair>(solution.Matched + prepared.Locked.Count);
        pairs.AddRange(prepared.Locked);
        var used = (int[])prepared.LockedLoad.Clone();
        var unmatched = new List<UnmatchedEntry>();
        var reasons = new Reasons(evaluator.Options, g, solution);
        for (var e = 0; e < g.Mentees.Length; e++)
        {
            var arc = solution.ArcOfLeft[e];
            if (arc >= 0)
            {
                var m = g.Problem.ArcRight(arc);
                used[m]++;
                pairs.Add(evaluator.Pair(g.Mentors[m], g.Mentees[e], g.ArcMode[arc]));
                continue;
            }

            unmatched.Add(reasons.MenteeReason(g, e));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.MenteeId, b.MenteeId));
        for (var m = 0; m < g.Mentors.Length; m++)
        {
            if (used[m] < g.Mentors[m].Capacity)
            {
                unmatched.Add(reasons.MentorReason(g, m, used[m]));
            }
        }

        return new PairsAndUnmatched(pairs, unmatched);
    }
}
