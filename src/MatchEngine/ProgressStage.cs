namespace MatchEngine;

/// <summary>The kind of stage a <see cref="MatchProgress"/> reports; <see cref="MatchProgress.Stage"/> keeps the human text.</summary>
public enum ProgressStage
{
    /// <summary>A stage without a kind (a report built without one).</summary>
    Other = 0,

    /// <summary>Reading and checking the input files (the CLI).</summary>
    Reading,

    /// <summary>Finding each mentee's candidate mentors in a large batch (the CLI reports it before matching too).</summary>
    Candidates,

    /// <summary>Solving the assignment: the whole batch, or one round on the restricted pairs of a large batch.</summary>
    Solving,

    /// <summary>A large batch: proving the counts of matched people maximal over all eligible pairs.</summary>
    Counts,

    /// <summary>A large batch: pricing the eligible pairs left out against the mentees' dual prices.</summary>
    Pricing,

    /// <summary>Writing the output files (the CLI).</summary>
    Writing,

    /// <summary>Running the strategies side by side (the CLI's <c>compare</c> and <c>report</c>).</summary>
    Comparing,

    /// <summary>Explaining one mentee's result (the CLI's <c>explain</c>).</summary>
    Explaining,

    /// <summary>Computing quality figures of a set of pairs (the CLI's <c>evaluate</c>).</summary>
    Evaluating,

    /// <summary>The readiness check (the CLI's <c>validate</c>).</summary>
    Readiness,

    /// <summary>One policy of a sweep (the CLI's <c>sweep</c>); Done and Total count the policies.</summary>
    Sweeping,
}
