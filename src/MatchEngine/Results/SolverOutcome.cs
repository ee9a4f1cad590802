namespace MatchEngine;

/// <summary>
/// How far the result of a match is proven, as a type; <see cref="MatchSummary.SolverStatus"/> keeps the text written
/// to summary.json and the terminal.
/// </summary>
public enum SolverOutcome
{
    /// <summary>Not set: a summary built outside <see cref="Matcher"/>.</summary>
    Unknown = 0,

    /// <summary>Every eligible pair was considered and the lexicographic optimum was proven (status <c>optimal</c>).</summary>
    Optimal,

    /// <summary>A large batch with pruned candidates, proven optimal over all eligible pairs by pricing (status <c>optimal (certified over all eligible pairs)</c>).</summary>
    Certified,

    /// <summary>
    /// A gap to a proven bound over all eligible pairs: pricing stopped before certifying a large batch
    /// (<c>gap X % to a proven bound (pricing stopped after N rounds)</c>), or a cross-background target was not
    /// solved exactly (<c>gap X % to the bound</c>). See <see cref="MatchSummary.OptimalityGap"/> or <see cref="QuotaReport.Gap"/>.
    /// </summary>
    Gap,

    /// <summary>A large batch with a cross-background target, optimal over the priced pairs only (status <c>cross-background target met; optimal over the priced pairs ...</c>).</summary>
    OptimalOverPricedPairs,

    /// <summary>A large batch with a cross-background target and a gap to the bound over the priced pairs only (status <c>cross-background target: gap X % to the bound over the priced pairs</c>).</summary>
    GapOverPricedPairs,
}
