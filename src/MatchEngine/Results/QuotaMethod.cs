namespace MatchEngine;

/// <summary>How a cross-background target was solved, as a type; <see cref="QuotaReport.Method"/> keeps the text written to summary.json.</summary>
public enum QuotaMethod
{
    /// <summary>Not set: a report built outside <see cref="Matcher"/>.</summary>
    Unknown = 0,

    /// <summary>No pair could be matched (<c>nothing to match</c>).</summary>
    NothingToMatch,

    /// <summary>The optimum without the target already meets it (<c>met by the optimum without the target</c>); the usual min-cost flow solved it.</summary>
    MetWithoutTarget,

    /// <summary>Lagrangian relaxation over min-cost flows (<c>Lagrangian min-cost flow</c>).</summary>
    Lagrangian,

    /// <summary>CP-SAT proved the optimum under the target (<c>CP-SAT (exact)</c>).</summary>
    CpSatExact,

    /// <summary>CP-SAT stopped at its time limit; the gap to the bound is in <see cref="QuotaReport.Gap"/> (<c>CP-SAT (time limit)</c>).</summary>
    CpSatTimeLimit,
}
