using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Solving;

namespace MatchEngine.Candidates;

/// <summary>How the rounds end: what a run proved, and the last solve of a run stopped by a limit.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>What a run proved: whether it is certified, the pricing rounds, and the bound on the score missing.</summary>
    public sealed class Stats
    {
        public int PriceRounds { get; set; }

        public bool Certified { get; set; }

        public long ViolationBound { get; set; }

        /// <summary>Rounds whose warm start gave up (the auction's optimum, or OR-Tools', was taken instead).</summary>
        public int WarmGaveUp { get; set; }

        /// <summary>Hard rounds (see <see cref="FewAdded"/>) that were tried warm all the same.</summary>
        public int HardWarmRounds { get; set; }

        /// <summary>Which limit stopped the rounds, if any (the result then carries its gap, not a certificate).</summary>
        public StoppedBy StoppedBy { get; set; }
    }

    /// <summary>
    /// A run stopped by a limit (or its rounds, when the caller passes limits) solves once more over the pairs its last
    /// pricing round found, so that the match in hand uses them: warm-started only (never from nothing) and within the
    /// budget of a round after one that gave up, when the limits leave room for a solve (judged by the slowest so far).
    /// The bound proven by that pricing round still holds (an optimum over more pairs, with the proven counts, scores at
    /// least as much), so the gap shrinks by what the score gains. A solve that gives up leaves the match as it was
    /// priced: solved from nothing, 400k x 1M's such round (4.6 million pairs, places scarce) ran for more than 12
    /// minutes.
    /// </summary>
    private (AssignmentSolution Solution, AssignmentProblem Problem, List<MeetingModes> Modes, Stats Stats) SolveOnceMore(
        ObjectiveOrder objective, RoundLimits? limits, SparseWarm? warm, (int Priority, int Matched) proven,
        (AssignmentSolution Solution, AssignmentProblem Problem, List<MeetingModes> Modes, Stats Stats) priced, IProgress<MatchProgress>? progress, CancellationToken ct)
    {
        if (warm is null || limits?.RoomForASolve() != true)
        {
            return priced;
        }

        var (problem, modes) = Problem();
        progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"solving once more over the pairs found ({problem.ArcCount:N0} pairs)"), priced.Stats.PriceRounds, 0) { Kind = ProgressStage.Solving });
        var budget = (WarmBudgetForTests ?? WarmBudgetAfterGivingUp) * ((long)problem.ArcCount + problem.LeftCount);
        if (SparseAssignment.Solve(problem, objective, warm, budget, ct, out _, warmOnly: true) is not { } solved
            || !Keeps(solved, proven, objective) || solved.TotalScore < priced.Solution.TotalScore)
        {
            return priced;
        }

        priced.Stats.ViolationBound += priced.Solution.TotalScore - solved.TotalScore;
        return (solved, problem, modes, priced.Stats);
    }

    /// <summary>Whether a round's optimum keeps the proven counts (it must: pricing only adds pairs).</summary>
    private static bool Keeps(AssignmentSolution s, (int Priority, int Matched) proven, ObjectiveOrder objective) =>
        s.PriorityMatched == proven.Priority && (objective == ObjectiveOrder.BestPairsFirst || s.Matched == proven.Matched);
}
