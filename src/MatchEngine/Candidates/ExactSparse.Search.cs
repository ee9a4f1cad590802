using MatchEngine.Model;

namespace MatchEngine.Candidates;

/// <summary>
/// The search over a group of mentors by bounds: each group (the virtual pool, a cell, a region) keeps its mentors
/// in a tree by the score's dimensions (ethnicity, background, sector, gender, languages) under one root. A node's
/// bound for a mentee is what the dimensions fixed on its path earn, plus the most the remaining dimensions and the
/// group's proximity can earn, less the lowest mentor price below it; a subtree whose bound cannot beat the mentee's
/// threshold is skipped whole, so a mentee visits few of the mentors it could reach. A mentor's type (modes, check,
/// slots) is checked at the leaf, before its place: a first level by type split a cell's few mentors over up to 14
/// types, each with its own subtree (100k x 100k: 200 million nodes visited per pricing round with it, 77 million
/// without, and pricing 21 s against 14 s).
/// </summary>
internal sealed partial class ExactSparse
{
    private const int Depths = PairKernel.Dimensions + 1;

    private readonly MeetingModes[] _tModes;
    private readonly bool[] _tChecked;
    private readonly int[] _tSlots;

    // The trees, nodes in preorder (see TreeNode). Group g owns nodes _gFirst[g] .. _gEnd[g].
    private TreeNode[] _nodes = [];

    // Each mentor's type (modes, check, slots; see _tModes), which a leaf's loop checks before the mentor's place.
    private int[] _mentorType = [];
    private int[] _gFirst = [];
    private int[] _gEnd = [];

    // The earnings of nodes merged into their single child (see BuildTrees): node n adds
    // _extraEarned[n.ExtraFirst .. n.ExtraFirst + n.ExtraCount).
    private int[] _extraEarned = [];

    // Where each dimension's values start in a worker's table of earnings (see Begin); the last entry is its length.
    private readonly int[] _dimStart = new int[Depths + 1];

    private void BuildTrees(List<int> groups, int[] mentorType)
    {
        _mentorType = mentorType;
        var nodes = new List<(int Depth, int Value, int Lo, int Parent)>();
        var hi = new List<int>();
        var skip = new List<int>();
        _gFirst = new int[_start.Length - 1];
        _gEnd = new int[_start.Length - 1];
        var key = new int[Depths];
        var prev = new int[Depths];
        var open = new int[Depths];
        foreach (var g in groups)
        {
            int s = _start[g], end = _start[g + 1];
            int[] Key(int m)
            {
                var k = new int[Depths];
                k[0] = 0;
                for (var d = 1; d < Depths; d++)
                {
                    k[d] = _k.Dimension(m, d);
                }

                return k;
            }

            var span = _members[s..end];
            var keys = new int[span.Length][];
            for (var i = 0; i < span.Length; i++)
            {
                keys[i] = Key(span[i]);
            }

            var order = new int[span.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (x, y) =>
            {
                for (var d = 0; d < Depths; d++)
                {
                    var c = keys[x][d].CompareTo(keys[y][d]);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                return span[x].CompareTo(span[y]);
            });
            var sorted = order.Select(i => span[i]).ToArray();
            sorted.CopyTo(_members, s);
            _gFirst[g] = nodes.Count;
            for (var i = 0; i < sorted.Length; i++)
            {
                keys[order[i]].CopyTo(key, 0);
                var d0 = 0;
                if (i > 0)
                {
                    while (d0 < Depths && key[d0] == prev[d0])
                    {
                        d0++;
                    }

                    if (d0 == Depths)
                    {
                        continue;
                    }

                    for (var d = d0; d < Depths; d++)
                    {
                        hi[open[d]] = s + i;
                        skip[open[d]] = nodes.Count;
                    }
                }

                for (var d = d0; d < Depths; d++)
                {
                    open[d] = nodes.Count;
                    nodes.Add((d, key[d], s + i, d == 0 ? -1 : open[d - 1]));
                    hi.Add(0);
                    skip.Add(0);
                }

                key.CopyTo(prev, 0);
            }

            if (sorted.Length > 0)
            {
                for (var d = 0; d < Depths; d++)
                {
                    hi[open[d]] = end;
                    skip[open[d]] = nodes.Count;
                }
            }

            _gEnd[g] = nodes.Count;
        }

        // Each dimension's values (small ids, from 0) get a slot in a mentee's table of earnings.
        var size = new int[Depths];
        for (var m = 0; m < _k.MentorCount; m++)
        {
            for (var d = 1; d < Depths; d++)
            {
                size[d] = Math.Max(size[d], _k.Dimension(m, d) + 1);
            }
        }

        for (var d = 1; d < Depths; d++)
        {
            _dimStart[d + 1] = _dimStart[d] + size[d];
        }

        // A score dimension's node with a single child (common near the leaves: a profile alone in its cell) is merged
        // into that child, whose bound is at least as tight: the child adds the parent's earning to its own. The same
        // leaves are reached in the same order, through fewer nodes.
        var children = new int[nodes.Count];
        foreach (var (_, _, _, parent) in nodes)
        {
            if (parent >= 0)
            {
                children[parent]++;
            }
        }

        var kept = new int[nodes.Count + 1];
        for (var i = 0; i < nodes.Count; i++)
        {
            var merged = nodes[i].Depth >= 1 && nodes[i].Depth < Depths - 1 && children[i] == 1;
            kept[i + 1] = kept[i] + (merged ? 0 : 1);
        }

        _nodes = new TreeNode[kept[nodes.Count]];
        var extra = new List<int>();
        var chain = new List<int>();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (kept[i + 1] == kept[i])
            {
                continue;
            }

            var (depth, value, lo, parent) = nodes[i];
            chain.Clear();
            while (parent >= 0 && kept[parent + 1] == kept[parent])
            {
                chain.Add(_dimStart[nodes[parent].Depth] + nodes[parent].Value);
                parent = nodes[parent].Parent;
            }

            var first = extra.Count;
            extra.AddRange(chain);
            _nodes[kept[i]] = new TreeNode(depth, value, depth == 0 ? 0 : _dimStart[depth] + value, kept[skip[i]], lo, hi[i], parent < 0 ? -1 : kept[parent],
                parent < 0 ? 0 : nodes[parent].Depth, first, chain.Count);
        }

        _extraEarned = [.. extra];
        for (var g = 0; g < _gFirst.Length; g++)
        {
            (_gFirst[g], _gEnd[g]) = (kept[_gFirst[g]], kept[_gEnd[g]]);
        }
    }

    /// <summary>
    /// Searches group <paramref name="g"/> for mentee <paramref name="e"/>: keeps in <see cref="Worker.Top"/> the
    /// eligible pairs of highest gain it has room for (points less the mentor's price less <paramref name="tau"/>),
    /// gains above 0 only, pairs already in the restricted set left out. <paramref name="prox"/> bounds the proximity
    /// of the group; <paramref name="allowed"/> is the modes the mentee can use with this group.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Search(int e, int g, double prox, MeetingModes allowed, long tau, Prices prices, Worker w)
    {
        var acc = w.Acc;
        var rem = w.Rem;
        var earned = w.Earned;
        var extraEarned = _extraEarned;
        var inCell = _bKind[g] == 1 && (allowed & InPerson) != 0;
        var scale = _k.ProximityScale;
        double ex = _exyz[3 * e], ey = _exyz[(3 * e) + 1], ez = _exyz[(3 * e) + 2];
        var c = _k.ProximityBound((allowed & InPerson) != 0 ? prox : 0) - tau;
        var needs = _k.MenteeNeedsCheck[e];
        var slots = _k.MenteeSlots[e];
        var hot = prices.Hot;
        var (tModes, tChecked, tSlots) = (_tModes, _tChecked, _tSlots);
        var top = w.Top;
        var arcs = _arcs[e];
        var threshold = top.Threshold;
        if (rem[1] + c - prices.GroupMin[g] <= threshold)
        {
            return; // no mentor of the group is cheap enough for the most any of them can earn
        }

        int i = _gFirst[g], end = _gEnd[g];
        while (i < end)
        {
            ref readonly var node = ref hot[i];
            int d = node.Depth;
            int a;
            if (d == 0)
            {
                a = 0;
            }
            else
            {
                a = acc[node.ParentDepth] + earned[node.Earned];
                for (var x = node.ExtraFirst; x < node.ExtraFirst + node.ExtraCount; x++)
                {
                    a += earned[extraEarned[x]];
                }
            }

            acc[d] = a;
            if (a + rem[d + 1] + c - node.Min <= threshold)
            {
                i = node.Skip;
                continue;
            }

            if (d < Depths - 1)
            {
                i++;
                continue;
            }

            // Members by price; those sharing the lowest price (interchangeable but for their ids and types: same profile
            // and cell) are taken from an offset of the mentee's own, so alike mentees spread over alike mentors
            // instead of all adding the same few.
            int lo = node.Lo, size = node.Hi - lo;
            var members = prices.Members;
            var p0 = members[lo].Price;
            var run = 1;
            while (run < size && run < 64 && members[lo + run].Price == p0)
            {
                run++;
            }

            var offset = (int)(((uint)e * 2654435761u) % (uint)run);
            for (var t = 0; t < size; t++)
            {
                ref readonly var member = ref members[lo + (t < run ? (t + offset) % run : t)];
                var m = member.Mentor;
                var pm = member.Price;
                if (a + c - pm <= threshold)
                {
                    break;
                }

                var mt = member.Type;
                if ((tModes[mt] & allowed) == 0 || (needs && !tChecked[mt]) || !PairKernel.SlotsMeet(tSlots[mt], slots))
                {
                    continue;
                }

                // In a cell, the straight line to the mentor bounds its proximity before the haversine is paid for:
                // a chord is never longer than its arc (less a margin for rounding, as for the cell's box).
                if (inCell)
                {
                    double dx = member.X - ex, dy = member.Y - ey, dz = member.Z - ez;
                    var chord = Math.Max(0, Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz)) - 1e-6);
                    if (a + _k.ProximityBound(1 - (chord / scale)) - tau - pm <= threshold)
                    {
                        continue;
                    }
                }

                if (!_k.Decide(m, e, out var mode, out var points))
                {
                    continue;
                }

                var gain = points - pm - tau;
                if (gain <= threshold || top.Holds(m) || Has(arcs, m))
                {
                    continue;
                }

                top.Add((m, points, mode, gain));
                threshold = top.Threshold;
            }

            i = node.Skip;
        }
    }

    /// <summary>Prepares a worker for mentee <paramref name="e"/>: the most the dimensions from each depth on can earn.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Begin(int e, Worker w)
    {
        w.Best.Clear();
        w.Rem[Depths] = 0;
        for (var d = Depths - 1; d >= 1; d--)
        {
            w.Rem[d] = w.Rem[d + 1] + _k.MostEarned(d, e);
        }

        w.Rem[0] = w.Rem[1];

        // What each value of each dimension earns with this mentee, looked up by the tree's nodes.
        var earned = w.Earned;
        for (var d = 1; d < Depths; d++)
        {
            for (var v = 0; v < _dimStart[d + 1] - _dimStart[d]; v++)
            {
                earned[_dimStart[d] + v] = _k.Earned(d, v, e);
            }
        }
    }

    /// <summary>
    /// Every group mentee <paramref name="e"/> can reach, searched. With <paramref name="listed"/> (the first search)
    /// its groups are listed in <see cref="Worker.Access"/>, nearest first; later searches read the cells near its own
    /// cell (see <see cref="NearCellGroups"/>) instead of keeping a list per mentee (at 1M x 1M those lists held 322
    /// million entries, 5 GB).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void SearchAll(int e, long tau, Prices prices, int keep, Worker w, bool listed = false)
    {
        Begin(e, w);
        w.Top.Reset(e, keep);
        if (!_k.MenteeUsable[e])
        {
            return;
        }

        var modes = _k.MenteeModes[e];
        if (listed)
        {
            // Nearest groups first, so that the best pairs are found early and the threshold prunes the rest.
            Access(e, w.Access);
            w.Access.Sort((p, q) => p.Prox != q.Prox ? q.Prox.CompareTo(p.Prox) : p.Bucket.CompareTo(q.Bucket));
            foreach (var (g, prox) in w.Access)
            {
                var allowed = _bKind[g] == 0 ? modes & MeetingModes.Virtual : modes & InPerson;
                Search(e, g, prox, allowed, tau, prices, w);
            }
        }
        else
        {
            SearchNear(e, tau, prices, w);
        }

        w.Top.Sorted(w.Best);
    }

    private static bool Holds(List<(int Mentor, int Points, MeetingModes Mode, long Gain)> list, int m)
    {
        foreach (var x in list)
        {
            if (x.Mentor == m)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A node of a group's tree: its depth (0 the group's root, 1.. the score's dimensions), its value there, where that value's
    /// earning sits in a worker's table, the index after its subtree, its members' range (into _members, sorted by the
    /// tree's key), its parent and the parent's depth (a merged node's parent is above it by more than one), and the
    /// earnings of the nodes merged into it (see BuildTrees). The search reads <see cref="HotNode"/>s built from these.
    /// </summary>
    private readonly record struct TreeNode(int Depth, int Value, int Earned, int Skip, int Lo, int Hi, int Parent, int ParentDepth, int ExtraFirst, int ExtraCount);
}
