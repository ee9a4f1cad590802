namespace MatchEngine.Candidates;

/// <summary>Memory at national scale: letting go of the pair set, and giving memory back between rounds.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>
    /// Lets go of the restricted pair set and what pricing kept, once the result's graph is built (<see cref="Graph"/>):
    /// at 1M x 1M some 15 million pairs in a million lists, memory the rest of the run can reuse. The engine is not
    /// solved again after this.
    /// </summary>
    internal void Release()
    {
        var pairs = _arcs.Sum(a => (long)(a?.Count ?? 0));
        Array.Clear(_arcs);
        Array.Clear(_known);
        _forest.Clear();
        _forest.TrimExcess();
        _near.Clear();
        (_clean, _lastLeft, _lastRight) = (null, null, null);
        Reclaim(pairs);
    }

    /// <summary>The least pairs of a restricted set whose rounds collect the garbage before pricing (see <see cref="Reclaim"/>).</summary>
    private const long ReclaimFrom = 4_000_000;

    /// <summary>
    /// A full, compacting collection that gives memory back, for a restricted set of at least <see cref="ReclaimFrom"/>
    /// pairs: before a pricing round (the last solve's arrays and the round's problem are garbage by then, hundreds of
    /// MB at 1M x 1M, which pricing's own lists would otherwise be laid beside) and once the engine is released. Left to
    /// itself the collector kept them, and 1M x 1M's peak grew through pricing and the result building to 4.5 GB.
    /// </summary>
    private static void Reclaim(long pairs)
    {
        if (pairs >= ReclaimFrom)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }
}
