using System.Runtime.InteropServices;

namespace MatchEngine.Solving;

/// <summary>
/// A sparse bipartite assignment problem: left nodes (mentees) each take at most one right node (mentor);
/// a right node takes at most its capacity. Some left nodes have priority (unmet needs).
/// </summary>
internal sealed class AssignmentProblem
{
    private readonly List<int> _arcLeft;
    private readonly List<int> _arcRight;
    private readonly List<long> _arcScore;

    /// <summary>Creates a problem.</summary>
    /// <param name="leftPriority">One entry per left node: whether it has priority.</param>
    /// <param name="rightCapacity">One entry per right node: its capacity (at least 0).</param>
    /// <param name="expectedArcs">How many arcs will be added, when known: room is made for them at once, so adding
    /// them never copies what was added before (a dense 4000 x 4000 problem has 16 million).</param>
    public AssignmentProblem(IReadOnlyList<bool> leftPriority, IReadOnlyList<int> rightCapacity, int expectedArcs = 0)
    {
        ArgumentNullException.ThrowIfNull(leftPriority);
        ArgumentNullException.ThrowIfNull(rightCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedArcs);
        _arcLeft = new List<int>(expectedArcs);
        _arcRight = new List<int>(expectedArcs);
        _arcScore = new List<long>(expectedArcs);
        LeftPriority = [.. leftPriority];
        RightCapacity = [.. rightCapacity];
        if (RightCapacity.Any(c => c < 0))
        {
            throw new ArgumentException("Capacities must not be negative.", nameof(rightCapacity));
        }
    }

    /// <summary>Number of left nodes.</summary>
    public int LeftCount => LeftPriority.Length;

    /// <summary>Number of right nodes.</summary>
    public int RightCount => RightCapacity.Length;

    /// <summary>Number of arcs.</summary>
    public int ArcCount => _arcLeft.Count;

    internal bool[] LeftPriority { get; }

    /// <summary>The left ends of the arcs, in arc order.</summary>
    internal ReadOnlySpan<int> Lefts => CollectionsMarshal.AsSpan(_arcLeft);

    /// <summary>The right ends of the arcs, in arc order.</summary>
    internal ReadOnlySpan<int> Rights => CollectionsMarshal.AsSpan(_arcRight);

    /// <summary>The scores of the arcs, in arc order.</summary>
    internal ReadOnlySpan<long> Scores => CollectionsMarshal.AsSpan(_arcScore);

    internal int[] RightCapacity { get; }

    /// <summary>Left end of an arc.</summary>
    /// <param name="arc">Arc index.</param>
    /// <returns>The left node.</returns>
    public int ArcLeft(int arc) => _arcLeft[arc];

    /// <summary>Right end of an arc.</summary>
    /// <param name="arc">Arc index.</param>
    /// <returns>The right node.</returns>
    public int ArcRight(int arc) => _arcRight[arc];

    /// <summary>Integer score of an arc (higher is better).</summary>
    /// <param name="arc">Arc index.</param>
    /// <returns>The score.</returns>
    public long ArcScore(int arc) => _arcScore[arc];

    /// <summary>Adds an allowed pair.</summary>
    /// <param name="left">Left node.</param>
    /// <param name="right">Right node.</param>
    /// <param name="score">Integer score; |score| at most 10^12.</param>
    /// <returns>The arc index.</returns>
    public int AddArc(int left, int right, long score)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(left);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(left, LeftCount);
        ArgumentOutOfRangeException.ThrowIfNegative(right);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(right, RightCount);
        if (score is > MaxAbsScore or < -MaxAbsScore)
        {
            // (Not Math.Abs, which throws an OverflowException for long.MinValue instead of this.)
            throw new ArgumentOutOfRangeException(nameof(score), score, "Scores must lie within ±10^12.");
        }

        _arcLeft.Add(left);
        _arcRight.Add(right);
        _arcScore.Add(score);
        return _arcLeft.Count - 1;
    }

    internal const long MaxAbsScore = 1_000_000_000_000;
}

/// <summary>The optimal assignment.</summary>
/// <param name="ArcOfLeft">For each left node, the arc it is assigned by, or -1.</param>
/// <param name="Matched">Number of left nodes matched.</param>
/// <param name="PriorityMatched">Number of priority left nodes matched.</param>
/// <param name="TotalScore">Sum of the scores of the chosen arcs.</param>
internal sealed record AssignmentSolution(IReadOnlyList<int> ArcOfLeft, int Matched, int PriorityMatched, long TotalScore)
{
    /// <summary>
    /// Dual prices of the score phase, when asked for: a pair (left, right) that is not in the problem could raise
    /// the total score (with the counts kept) only if its score exceeds <c>PriceOfLeft[left] - PriceOfRight[right]</c>.
    /// </summary>
    internal long[]? PriceOfLeft { get; init; }

    /// <summary>See <see cref="PriceOfLeft"/>.</summary>
    internal long[]? PriceOfRight { get; init; }

    /// <summary>The highest price of a right node with capacity: a pair left out of the problem cannot raise the score if its score is at most <c>PriceOfLeft[left] - MaxPriceOfRight</c>.</summary>
    internal long MaxPriceOfRight { get; init; }

    /// <summary>What the next <see cref="SparseAssignment"/> solve on a larger pair set may start from.</summary>
    internal SparseWarm? SparseWarm { get; init; }
}
