using System.Globalization;
using MatchEngine.Candidates;

namespace MatchEngine.Results;

/// <summary>
/// The solver's name and status as summary.json and the terminal write them (the CSV contract's strings), in the order
/// of <see cref="SolverOutcome"/>, the typed state.
/// </summary>
internal static class SolverStatusText
{
    /// <summary>The status of a proven optimum over every eligible pair.</summary>
    public const string Optimal = "optimal";

    /// <summary>The status of a large batch proven optimal over all eligible pairs by pricing.</summary>
    public const string Certified = "optimal (certified over all eligible pairs)";

    /// <summary>The solver that made the pairs: the min-cost flow, or the method that met the cross-background target.</summary>
    public static string Solver(QuotaReport? quota) =>
        quota is null || quota.MethodKind == QuotaMethod.MetWithoutTarget ? "OR-Tools min-cost flow (two-phase lexicographic)" : $"OR-Tools {quota.Method}";

    /// <summary>The solver of a large batch's pricing rounds (see <see cref="Candidates.ExactSparse"/>).</summary>
    public const string Rounds = "MatchEngine pricing rounds (auction and warm-started shortest augmenting paths; OR-Tools min-cost flow where they give up)";

    /// <summary>The status of a cross-background target not solved exactly.</summary>
    public static string Gap(double gap) => string.Create(CultureInfo.InvariantCulture, $"gap {gap:P3} to the bound");

    /// <summary>
    /// The status of a large batch stopped by its time or memory limit (<see cref="MatchOptions.TimeLimitSeconds"/>,
    /// <see cref="MatchOptions.MemoryLimitMiB"/>) before it was certified.
    /// </summary>
    public static string Limited(double gap, int rounds, StoppedBy by)
    {
        var limit = by switch
        {
            StoppedBy.Time => "the time limit",
            StoppedBy.Memory => "the memory limit",
            _ => "the time and memory limits",
        };
        return string.Create(CultureInfo.InvariantCulture, $"gap {gap:P3} to a proven bound (stopped at {limit} after {rounds} pricing rounds; not proven optimal)");
    }

    /// <summary>The status of a large batch whose pricing stopped at the round limit before every left-out pair was priced out.</summary>
    public static string PricingStopped(double gap, int rounds) => string.Create(CultureInfo.InvariantCulture, $"gap {gap:P3} to a proven bound (pricing stopped after {rounds} rounds)");

    /// <summary>The status of a large batch whose cross-background target was met over the priced pairs.</summary>
    public static string OptimalOverPricedPairs => "cross-background target met; optimal over the priced pairs (the target is not certified over all eligible pairs)";

    /// <summary>The status of a large batch whose cross-background target left a gap over the priced pairs.</summary>
    public static string GapOverPricedPairs(double gap) => string.Create(CultureInfo.InvariantCulture, $"cross-background target: gap {gap:P3} to the bound over the priced pairs");
}
