using Google.OrTools.Graph;
using MatchEngine.Solving;

namespace MatchEngine.Priority;

/// <summary>
/// The k-tier generalisation of <see cref="AssignmentSolver"/>'s two phases: the most young people of tier 0 matched,
/// then of tier 1, and so on, then the highest total score. Matchable sets form a transversal matroid, so one matching
/// reaches the maximum of every tier prefix at once: phase 1 finds the prefix maxima c_0 &lt;= c_1 &lt;= ... with OR-Tools
/// max flows, so tier t gets exactly n_t = c_t - c_(t-1); phase 2 is one min-cost flow with one source arc per tier
/// carrying exactly its count (the engine's two-hub structure, with k hubs). No big-M weight is needed.
/// </summary>
internal static class TieredSolver
{
    /// <summary>Solves with tiers.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="tierOfLeft">Each left node's tier, 0 = highest.</param>
    /// <param name="cancellationToken">Checked between phases.</param>
    /// <returns>The solution (<see cref="AssignmentSolution.PriorityMatched"/> counts tier 0) and the matched count per tier.</returns>
    public static (AssignmentSolution Solution, IReadOnlyList<int> PerTier) Solve(AssignmentProblem problem, IReadOnlyList<int> tierOfLeft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(tierOfLeft);
        if (tierOfLeft.Count != problem.LeftCount || tierOfLeft.Any(t => t < 0))
        {
            throw new ArgumentException("One tier (0 or more) per left node is needed.", nameof(tierOfLeft));
        }

        int l = problem.LeftCount, r = problem.RightCount;
        var k = tierOfLeft.Count == 0 ? 1 : tierOfLeft.Max() + 1;
        var arcOfLeft = new int[l];
        Array.Fill(arcOfLeft, -1);
        if (problem.ArcCount == 0)
        {
            return (new AssignmentSolution(arcOfLeft, 0, 0, 0), new int[k]);
        }

        // Phase 1: prefix maxima.
        var count = new int[k];
        var previous = 0;
        for (var t = 0; t < k; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var c = MaxFlowMatching.Size(problem, i => tierOfLeft[i] <= t, "the tier counts");
            count[t] = c - previous;
            previous = c;
        }

        // Phase 2: min-cost flow with one hub per tier, carrying exactly its count.
        cancellationToken.ThrowIfCancellationRequested();
        long top = 0;
        for (var a = 0; a < problem.ArcCount; a++)
        {
            top = Math.Max(top, problem.ArcScore(a));
        }

        int source = l + r, sink = source + 1, hub0 = sink + 1;
        using var f = new MinCostFlow(l + r + 2 + k, problem.ArcCount + l + r + k);
        for (var a = 0; a < problem.ArcCount; a++)
        {
            f.AddArcWithCapacityAndUnitCost(problem.ArcLeft(a), l + problem.ArcRight(a), 1, top - problem.ArcScore(a));
        }

        for (var t = 0; t < k; t++)
        {
            f.AddArcWithCapacityAndUnitCost(source, hub0 + t, count[t], 0);
        }

        for (var i = 0; i < l; i++)
        {
            f.AddArcWithCapacityAndUnitCost(hub0 + tierOfLeft[i], i, 1, 0);
        }

        for (var j = 0; j < r; j++)
        {
            if (problem.RightCapacity[j] > 0)
            {
                f.AddArcWithCapacityAndUnitCost(l + j, sink, problem.RightCapacity[j], 0);
            }
        }

        var total = previous;
        f.SetNodeSupply(source, total);
        f.SetNodeSupply(sink, -total);
        var status = f.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"OR-Tools min-cost flow returned {status} in the tiered phase 2; the assignment could not be proven optimal.");
        }

        var perTier = new int[k];
        long score = 0;
        var matched = 0;
        for (var a = 0; a < problem.ArcCount; a++)
        {
            if (f.Flow(a) > 0)
            {
                var left = problem.ArcLeft(a);
                arcOfLeft[left] = a;
                perTier[tierOfLeft[left]]++;
                score += problem.ArcScore(a);
                matched++;
            }
        }

        return (new AssignmentSolution(arcOfLeft, matched, perTier[0], score), perTier);
    }
}
