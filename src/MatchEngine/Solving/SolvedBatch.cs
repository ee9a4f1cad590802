using MatchEngine.Candidates;
using MatchEngine.Scoring;

namespace MatchEngine.Solving;

/// <summary>
/// A prepared batch solved: the optimal assignment over its candidate graph (priced over every eligible pair by the
/// large-batch engine, tier by tier for a batch checked pair by pair), under the cross-background target when one is set.
/// </summary>
/// <param name="Graph">The candidate graph solved over (for a large batch, the pairs priced in).</param>
/// <param name="Solution">The assignment.</param>
/// <param name="Quota">How the cross-background target was met; null without one.</param>
/// <param name="Stats">What the large-batch engine proved; null for a batch checked pair by pair.</param>
internal sealed record SolvedBatch(CandidateGraph Graph, AssignmentSolution Solution, QuotaReport? Quota, ExactSparse.Stats? Stats)
{
    /// <summary>Rounds of pricing at most before a large batch reports its gap instead of optimality.</summary>
    private const int MaxPricingRounds = 200;

    /// <summary>Solves a prepared batch.</summary>
    /// <param name="prepared">The prepared batch.</param>
    /// <param name="pairs">The pair evaluator (options, rules, scorer).</param>
    /// <param name="progress">Receives progress; may be null.</param>
    /// <param name="cancellationToken">Cancels the solve.</param>
    /// <param name="limits">The time and memory limits (large batches check them before each pricing round); null for none.</param>
    public static SolvedBatch Solve(PreparedBatch prepared, PairEvaluator pairs, IProgress<MatchProgress>? progress, CancellationToken cancellationToken, RoundLimits? limits = null)
    {
        var options = pairs.Options;
        var g = prepared.Graph;
        QuotaReport? quota = null;
        AssignmentSolution? solution = null;
        ExactSparse.Stats? stats = null;
        if (prepared.Exact is { } exact)
        {
            // Lee and Orlin: solve on the restricted pairs, prove the counts, price every eligible pair left out, repeat.
            var (sol, problem, modes, st) = exact.Solve(options.Objective, MaxPricingRounds, progress, cancellationToken, limits);
            g = exact.Graph(g.Mentors, g.Mentees, g.MentorAge, g.MenteeAge, new PairGate(g.Gates.Take(g.Gates.Count - 1).ToList(), pairs.Scorer, options), problem, modes, cancellationToken, sol);
            exact.Release();
            solution = sol;
            stats = st;
        }
        else if (options.MinCrossBackgroundShare is null)
        {
            progress?.Report(new MatchProgress("solving", 0, 1) { Kind = ProgressStage.Solving });
            solution = Priority.TierStep.Solve(g, options, cancellationToken);
        }

        if (options.MinCrossBackgroundShare is { } share)
        {
            var marked = new bool[g.Problem.ArcCount];
            for (var a = 0; a < marked.Length; a++)
            {
                marked[a] = pairs.Pair(g.Mentors[g.Problem.ArcRight(a)], g.Mentees[g.Problem.ArcLeft(a)], g.ArcMode[a]).CrossBackground;
            }

            (solution, quota) = QuotaSolver.Solve(g.Problem, marked, share, options.Objective, options.ExactQuotaMaxPairs, cancellationToken);
        }

        if (solution is null)
        {
            throw new InvalidOperationException("No solution was computed.");
        }

        return new SolvedBatch(g, solution, quota, stats);
    }
}
