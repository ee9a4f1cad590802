namespace MatchEngine;

/// <summary>The outcome of the cross-background target (<see cref="MatchOptions.MinCrossBackgroundShare"/>) of a match: how it was met and what it cost (a result, not an output file).</summary>
/// <param name="TargetShare">The share asked for, 0 to 1.</param>
/// <param name="Feasible">Whether the target can be met without leaving anyone unmatched who would otherwise be matched.</param>
/// <param name="BestAchievableShare">The highest share possible with the same number of pairs.</param>
/// <param name="AchievedShare">The share of the chosen pairs.</param>
/// <param name="ScoreWithoutTarget">Total score (points, hundredths) of the optimum without the target.</param>
/// <param name="Score">Total score (points) of the chosen pairs.</param>
/// <param name="UpperBound">A proven upper bound on the best total score (points) under the target.</param>
/// <param name="Method">How it was solved.</param>
public sealed record QuotaReport(double TargetShare, bool Feasible, double BestAchievableShare, double AchievedShare, long ScoreWithoutTarget, long Score, long UpperBound, string Method)
{
    /// <summary>How it was solved, as a type (<see cref="Method"/> keeps the text).</summary>
    public QuotaMethod MethodKind { get; init; }

    /// <summary>Score (points) given up to reach the share.</summary>
    public long ScoreGivenUp => ScoreWithoutTarget - Score;

    /// <summary>Relative gap between the chosen score and the bound; 0 when proven optimal.</summary>
    public double Gap => UpperBound <= 0 ? 0 : (double)(UpperBound - Score) / UpperBound;
}
