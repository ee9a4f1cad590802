namespace MatchEngine;

/// <summary>Progress of a long match, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Stage">The stage: <c>reading</c>, <c>candidates</c>, <c>solving</c>, <c>writing</c>.</param>
/// <param name="Done">Units done in this stage (people, or 0/1 for a stage without units).</param>
/// <param name="Total">Units in this stage.</param>
public sealed record MatchProgress(string Stage, long Done, long Total)
{
    /// <summary>The kind of stage, for code that acts on it; <see cref="Stage"/> is the text for people. <see cref="ProgressStage.Other"/> when not set.</summary>
    public ProgressStage Kind { get; init; }
}
