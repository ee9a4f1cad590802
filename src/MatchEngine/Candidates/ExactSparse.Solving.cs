using MatchEngine.Solving;

namespace MatchEngine.Candidates;

/// <summary>How one round's restricted problem is solved: warm, by auction, or by OR-Tools.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>Whether the auction may run beside a warm round on another core (tests turn it off to compare).</summary>
    internal bool AuctionBeside { get; set; } = Environment.ProcessorCount > 1;

    /// <summary>
    /// The optimum of a round: warm-started from <paramref name="warm"/> when given, else (or when its
    /// searches outgrow <paramref name="budget"/>) by <see cref="SparseAssignment"/>'s auction, started from the last
    /// optimum's prices and matching (<paramref name="last"/>) where there is one, else by OR-Tools (where the auction
    /// gives up, or its optimum loses the proven counts). Where most mentees have a new pair above their dual, the
    /// auction is the round's solve (see <see cref="SparseAssignment.MostUnsettled"/>). Whether the warm start gave
    /// up, and whether OR-Tools' optimum was adopted, are returned beside it.
    /// </summary>
    /// <remarks>
    /// Where the last warm start gave up (<paramref name="beside"/>; hard rounds come in runs), the round's auction
    /// starts at once on another core (<see cref="AuctionBeside"/>), so that a warm start that gives up again has cost
    /// no time of its own (100k x 100k co-located, before the auction's early check: ten warm starts
    /// gave up after 1 to 11 s each, and auctions of 8 to 14 s followed). Which optimum is kept does not depend on which finishes first: the warm one whenever its
    /// searches stay within the budget (counted in pairs scanned, not seconds), and the auction is then stopped. Only
    /// there, because the two hold two copies of the round's problem: beside every warm round, 400k x 1M's peak rose
    /// from 3,786 to 4,658 MiB, for no gain of time.
    /// </remarks>
    private (AssignmentSolution Solution, bool WarmGaveUp, bool Adopted) SolveRound(
        AssignmentProblem problem, ObjectiveOrder objective, SparseWarm? warm, SparseWarm? last, long budget, (int Priority, int Matched)? proven, bool beside, CancellationToken ct)
    {
        AssignmentSolution? solution = null;
        AssignmentSolution? bid = null;
        var auctioned = false;
        if (warm is not null && SparseAssignment.MostUnsettled(problem, objective, warm))
        {
            warm = null;
        }

        if (warm is not null)
        {
            (solution, bid, auctioned) = AuctionBeside && beside ? WarmBesideAuction(problem, objective, warm, budget, ct) : (SparseAssignment.Solve(problem, objective, warm, budget, ct, out _), null, false);
        }

        if (solution is null && !auctioned)
        {
            bid = SparseAssignment.Solve(problem, objective, null, budget, ct, out _, bidFrom: last);
        }

        var warmGaveUp = warm is not null && solution is null;
        if (solution is null && bid is not null && (proven is not { } p || Keeps(bid, p, objective)))
        {
            return (bid, warmGaveUp, false);
        }

        if (solution is null || (proven is { } q && !Keeps(solution, q, objective)))
        {
            var cold = AssignmentSolver.Solve(problem, objective, withPrices: false, proven, ct);
            solution = SparseAssignment.Adopt(problem, objective, cold, ct)
                ?? AssignmentSolver.Solve(problem, objective, withPrices: true, proven, ct);
            return (solution, warmGaveUp, true);
        }

        return (solution, warmGaveUp, false);
    }

    /// <summary>
    /// A warm solve on this thread and the auction (from the same warm start's prices) on another: the warm optimum (the auction stopped) when
    /// the warm searches stay within <paramref name="budget"/>, else the auction's (null where it gave up).
    /// </summary>
    private static (AssignmentSolution? Warm, AssignmentSolution? Bid, bool Auctioned) WarmBesideAuction(
        AssignmentProblem problem, ObjectiveOrder objective, SparseWarm warm, long budget, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var auction = Task.Run(() => SparseAssignment.Solve(problem, objective, null, budget, stop.Token, out _, bidFrom: warm), CancellationToken.None);
        AssignmentSolution? solved;
        var gaveUp = false;
        try
        {
            solved = SparseAssignment.Solve(problem, objective, warm, budget, ct, out _);
            gaveUp = solved is null;
        }
        finally
        {
            // Solved warm, cancelled or failed: the auction is stopped, and waited for, before this returns or throws.
            if (!gaveUp)
            {
                stop.Cancel();
                Finish(auction);
            }
        }

        // (Cancelled by the caller meanwhile: the auction throws, and so does this.)
        return gaveUp ? (null, auction.GetAwaiter().GetResult(), true) : (solved, null, false);
    }

    /// <summary>Waits for a stopped auction to end: with its optimum, or cancelled as asked.</summary>
    private static void Finish(Task<AssignmentSolution?> auction)
    {
        try
        {
            auction.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }
    }
}
