using MatchEngine.Candidates;
using MatchEngine.Solving;

namespace MatchEngine.Results;

/// <summary>
/// The status of a large batch: optimal when the counts were proven maximal and no eligible pair left out could
/// raise the score (certified over all eligible pairs); otherwise the proven bound (the restricted optimum plus
/// the largest violation of each mentee's dual price) and the gap to it.
/// </summary>
internal static class Certification
{
    /// <summary>The summary with the status the large-batch engine proved.</summary>
    public static MatchSummary Certify(AssignmentSolution solution, MatchSummary summary, QuotaReport? quota, ExactSparse.Stats stats)
    {
        var certified = stats.Certified;
        var bound = solution.TotalScore + (certified ? 0 : stats.ViolationBound);
        var gap = bound <= 0 ? 0 : Math.Max(0, (double)(bound - solution.TotalScore) / bound);
        string status;
        if (quota is not null)
        {
            status = quota.Gap > 0
                ? SolverStatusText.GapOverPricedPairs(quota.Gap)
                : SolverStatusText.OptimalOverPricedPairs;
            var outcome = quota.Gap > 0 ? SolverOutcome.GapOverPricedPairs : SolverOutcome.OptimalOverPricedPairs;
            return summary with { SolverStatus = status, Outcome = outcome, CandidatesPruned = true, ScoreUpperBound = null, OptimalityGap = null };
        }

        status = certified ? SolverStatusText.Certified
            : stats.StoppedBy != StoppedBy.None ? SolverStatusText.Limited(gap, stats.PriceRounds, stats.StoppedBy)
            : SolverStatusText.PricingStopped(gap, stats.PriceRounds);
        return summary with
        {
            Solver = SolverStatusText.Rounds,
            SolverStatus = status,
            Outcome = certified ? SolverOutcome.Certified : SolverOutcome.Gap,
            CandidatesPruned = true,
            ScoreUpperBound = bound / 100.0,
            OptimalityGap = certified ? 0 : Math.Round(gap, 6),
        };
    }
}
