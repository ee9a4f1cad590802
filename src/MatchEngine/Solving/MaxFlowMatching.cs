using Google.OrTools.Graph;

namespace MatchEngine.Solving;

/// <summary>
/// The size of a maximum matching of an assignment problem restricted to some left nodes, by OR-Tools max flow
/// (source to each left node taking part, its arcs, each right node with places to the sink): the counts proofs.
/// </summary>
internal static class MaxFlowMatching
{
    /// <summary>The size of a maximum matching over the left nodes that take part.</summary>
    /// <param name="p">The problem.</param>
    /// <param name="takesPart">Whether a left node takes part.</param>
    /// <param name="what">What the matching proves, for the message when the solver fails (e.g. <c>the counts</c>).</param>
    /// <returns>The size.</returns>
    /// <exception cref="InvalidOperationException">When OR-Tools does not return an optimum.</exception>
    public static int Size(AssignmentProblem p, Func<int, bool> takesPart, string what)
    {
        int l = p.LeftCount, r = p.RightCount, source = l + r, sink = source + 1;
        using var f = new MaxFlow();
        for (var a = 0; a < p.ArcCount; a++)
        {
            f.AddArcWithCapacity(p.ArcLeft(a), l + p.ArcRight(a), 1);
        }

        for (var i = 0; i < l; i++)
        {
            if (takesPart(i))
            {
                f.AddArcWithCapacity(source, i, 1);
            }
        }

        for (var j = 0; j < r; j++)
        {
            if (p.RightCapacity[j] > 0)
            {
                f.AddArcWithCapacity(l + j, sink, p.RightCapacity[j]);
            }
        }

        var status = f.Solve(source, sink);
        if (status != MaxFlow.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"OR-Tools max flow returned {status}; {what} could not be proven optimal.");
        }

        return checked((int)f.OptimalFlow());
    }
}
