namespace MatchEngine.Candidates;

/// <summary>A set of mentor prices laid out for the search (see Search): per node and group the lowest price, per leaf the members in price order.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>Prices for one search: the lowest price per node and per group, and each leaf's members in price order.</summary>
    private sealed class Prices
    {
        public Prices(ExactSparse x, long[] price, CancellationToken ct)
        {
            var byPrice = (int[])x._members.Clone();
            var min = new long[x._nodes.Length];
            var leaves = new List<int>();
            for (var i = 0; i < x._nodes.Length; i++)
            {
                if (x._nodes[i].Depth == Depths - 1)
                {
                    leaves.Add(i);
                }
            }

            // (A partition of an empty range throws: a batch whose usable mentors have no place has no leaf.)
            Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, Math.Max(1, leaves.Count)), new ParallelOptions { CancellationToken = ct }, range =>
            {
                for (var t = range.Item1; t < Math.Min(range.Item2, leaves.Count); t++)
                {
                    var n = leaves[t];
                    var span = byPrice.AsSpan(x._nodes[n].Lo, x._nodes[n].Hi - x._nodes[n].Lo);
                    var keys = new (long Price, int Mentor)[span.Length];
                    for (var i = 0; i < span.Length; i++)
                    {
                        keys[i] = (price[span[i]], span[i]);
                    }

                    keys.AsSpan().Sort(span);
                    min[n] = price[span[0]];
                }
            });

            // Internal nodes: the lowest of their children, children coming after their parent in preorder.
            for (var i = 0; i < min.Length; i++)
            {
                if (x._nodes[i].Depth < Depths - 1)
                {
                    min[i] = long.MaxValue;
                }
            }

            for (var i = min.Length - 1; i >= 0; i--)
            {
                var p = x._nodes[i].Parent;
                if (p >= 0 && min[i] < min[p])
                {
                    min[p] = min[i];
                }
            }

            // The nodes as the search reads them, each with its lowest price: one place per node visited.
            Hot = new HotNode[min.Length];
            for (var i = 0; i < min.Length; i++)
            {
                ref readonly var node = ref x._nodes[i];
                Hot[i] = new HotNode(min[i], node.Skip, node.Earned, node.ExtraFirst, node.Lo, node.Hi, (byte)node.Depth, (byte)node.ParentDepth, (byte)node.ExtraCount);
            }

            // The members in price order with their prices and places, read in turn at a leaf.
            Members = new Member[byPrice.Length];
            for (var t = 0; t < byPrice.Length; t++)
            {
                var m = byPrice[t];
                Members[t] = new Member(price[m], m, x._mentorType[m], x._mxyz[3 * m], x._mxyz[(3 * m) + 1], x._mxyz[(3 * m) + 2]);
            }

            GroupMin = new long[x._gFirst.Length];
            for (var g = 0; g < GroupMin.Length; g++)
            {
                var lowest = long.MaxValue;
                for (var i = x._gFirst[g]; i < x._gEnd[g]; i = x._nodes[i].Skip)
                {
                    lowest = Math.Min(lowest, min[i]);
                }

                GroupMin[g] = Math.Min(lowest, PricedOut); // an empty group: out of reach, without overflow
            }
        }

        /// <summary>The lowest price in each group (by bucket index; groups only).</summary>
        public long[] GroupMin { get; }

        /// <summary>The nodes with their lowest prices, for the search's loop.</summary>
        public HotNode[] Hot { get; }

        /// <summary>Each group's members in price order per leaf, with their prices and places.</summary>
        public Member[] Members { get; }
    }

    /// <summary>A group member as a leaf's loop reads it: price, mentor, type (see _tModes) and place (a point on the Earth's sphere in km, see Xyz; 0 without a location).</summary>
    private readonly record struct Member(long Price, int Mentor, int Type, double X, double Y, double Z);

    /// <summary>
    /// What the search reads of a node on every visit (see <see cref="TreeNode"/>), with the lowest price below it, side
    /// by side in one array per set of prices: most visits end at the bound, having read this alone.
    /// </summary>
    private readonly record struct HotNode(long Min, int Skip, int Earned, int ExtraFirst, int Lo, int Hi, byte Depth, byte ParentDepth, byte ExtraCount);
}
