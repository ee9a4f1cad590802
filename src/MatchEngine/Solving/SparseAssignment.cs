using System.Numerics;
using System.Runtime.CompilerServices;

namespace MatchEngine.Solving;

/// <summary>
/// What a <see cref="SparseAssignment"/> solve leaves for the next one on a larger (or pruned) pair set: the weights'
/// constants, each left node's right node, and the dual values.
/// </summary>
internal sealed record SparseWarm(long PriorityBonus, long OtherBonus, long Shift, long Range, int[] RightOfLeft, long[] LeftDual, long[] RightDual);

/// <summary>
/// A specialised solver for the large-batch engine's restricted problems: shortest augmenting paths with dual values
/// (the Hungarian method, Dijkstra on reduced costs), warm-started from the last round's optimum. OR-Tools' min-cost
/// flow is its oracle in the tests, and the engine's fallback.
/// </summary>
/// <remarks>
/// <para>The lexicographic objective is one weight per pair: a pair of a priority node weighs
/// <c>PriorityBonus + score - Shift</c>, of another node <c>OtherBonus + score - Shift</c> (or its plain score when
/// other nodes are optional). Each bonus exceeds what scores can change along one alternating path (at most
/// (left nodes + 1) x score range), so a maximum-weight matching matches the most priority nodes, then the most nodes,
/// then has the highest score: no hub node is needed for the counts, and so no search fans out through one.</para>
/// <para>Linear programme: maximise the weights of the chosen pairs, each left node at most once, each right node at
/// most its capacity. Duals u (left) and v (right), both at least 0, with u + v at least the weight on every pair.
/// The solve keeps them feasible and ends with complementary slackness (a chosen pair is tight, an unmatched left node
/// has u = 0, a right node with room has v = 0), which it checks on every pair before returning: when the check fails
/// (not expected) it returns null, and the caller solves with OR-Tools.</para>
/// <para>A warm start keeps the last duals and matching. A left node with a new pair above its dual is raised to it and
/// leaves its pair; it then searches for the best alternating path (to a right node with room, or ending a match that
/// is worth less). A right node left with room and a price above 0 searches backwards for a left node to take the
/// place, or lowers its price. Each search is one Dijkstra run over the nodes nearer than its end, so a round costs in
/// proportion to what its new pairs change.</para>
/// </remarks>
internal static class SparseAssignment
{
    /// <summary>The largest weight the solver accepts, so that sums of duals and distances cannot overflow.</summary>
    private const long MaxWeight = 1L << 60;

    /// <summary>
    /// The optimum of <paramref name="problem"/> with prices, or null when the weights would not fit in 64 bits or the
    /// final check fails. <paramref name="warm"/> (from a solve of the same nodes) is used when its constants still
    /// hold and every pair it matched is still in the problem.
    /// </summary>
    public static AssignmentSolution? Solve(AssignmentProblem problem, ObjectiveOrder objective, SparseWarm? warm, CancellationToken ct) =>
        Solve(problem, objective, warm, long.MaxValue, ct, out _);

    /// <summary>
    /// As <see cref="Solve(AssignmentProblem, ObjectiveOrder, SparseWarm?, CancellationToken)"/>, giving up (null) once
    /// its searches have reached more than <paramref name="budget"/> nodes in all, and saying whether the warm start
    /// was used.
    /// </summary>
    internal static AssignmentSolution? Solve(AssignmentProblem problem, ObjectiveOrder objective, SparseWarm? warm, long budget, CancellationToken ct, out bool resumed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        resumed = false;
        if (Weights(problem, objective, warm) is not { } w)
        {
            return null;
        }

        var state = new State(problem, w, ct);
        resumed = warm is not null && w == (warm.PriorityBonus, warm.OtherBonus, warm.Shift, warm.Range) && state.Resume(warm);
        if (!resumed)
        {
            state.Start();
        }

        var ok = state.Run(budget);
        return ok && state.Check() ? state.Result() : null;
    }

    /// <summary>
    /// The dual values of an optimal matching found by another solver (OR-Tools), so that the next round can start
    /// from it: the lowest right prices its optimality allows (the strongest certificate for pricing), by longest
    /// paths over the right nodes. Null when the weights would not fit, or the matching is not optimal for them.
    /// </summary>
    public static AssignmentSolution? Adopt(AssignmentProblem problem, ObjectiveOrder objective, AssignmentSolution optimum, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(optimum);
        if (Weights(problem, objective, null) is not { } w)
        {
            return null;
        }

        var state = new State(problem, w, ct);
        return state.Adopt(optimum.ArcOfLeft) && state.Check() ? state.Result() : null;
    }

    /// <summary>
    /// The weights' constants: the last solve's when every score still falls in its range, else new ones (range and
    /// shift rounded to powers of two, so that later rounds keep them), or null when they would not fit.
    /// </summary>
    private static (long PriorityBonus, long OtherBonus, long Shift, long Range)? Weights(AssignmentProblem p, ObjectiveOrder objective, SparseWarm? warm)
    {
        long low = 0, high = 0;
        foreach (var s in p.Scores)
        {
            low = Math.Min(low, s);
            high = Math.Max(high, s);
        }

        if (warm is not null && low >= warm.Shift && high - warm.Shift <= warm.Range && -low <= warm.Range)
        {
            return (warm.PriorityBonus, warm.OtherBonus, warm.Shift, warm.Range);
        }

        // Optional other nodes keep their plain scores (staying unmatched is worth 0), so nothing is shifted then.
        var shift = objective == ObjectiveOrder.BestPairsFirst || low == 0 ? 0 : -(long)BitOperations.RoundUpToPowerOf2((ulong)-low);
        var range = (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(Math.Max(1024, high - shift), -low));
        var paths = (long)p.LeftCount + 1;
        if (range > MaxWeight / 8 / paths)
        {
            return null;
        }

        // One alternating path changes the score by at most (left nodes + 1) x range (each left node has one pair in
        // either matching); with plain scores, a pair's score lies within [-range, range], so twice that.
        var bound = (paths * range * 2) + 1;
        var other = objective == ObjectiveOrder.BestPairsFirst ? 0 : bound + 1;
        var priority = other + bound + 1;
        return (priority, other, shift, range);
    }

    /// <summary>The solver's working state: the pairs by left and by right node, the matching and the duals.</summary>
    private sealed class State
    {
        private readonly AssignmentProblem _p;
        private readonly CancellationToken _ct;
        private readonly int _l;
        private readonly int _r;
        private readonly long _priorityBonus;
        private readonly long _otherBonus;
        private readonly long _shift;
        private readonly long _range;

        // Pairs by left node: right node, weight, arc index.
        private readonly int[] _first;
        private readonly int[] _col;
        private readonly long[] _weight;
        private readonly int[] _arc;

        // Pairs by right node (built when a backward search needs them): left node, position in the left node's list.
        private int[]? _colFirst;
        private int[]? _colPair;

        // Matching: each left node's position in its pair list (or -1), each right node's left nodes in its slots.
        private readonly int[] _matched;
        private readonly int[] _slotFirst;
        private readonly int[] _slots;
        private readonly int[] _load;

        private readonly long[] _u;
        private readonly long[] _v;

        // Search state (nodes: left 0..l-1, right l..l+r-1), reset after each search.
        private readonly long[] _dist;
        private readonly int[] _pred;
        private readonly bool[] _done;
        private readonly List<int> _touched = [];
        private readonly PriorityQueue<int, long> _heap = new();
        private readonly Queue<int> _rows = new();

        // Nodes reached by all searches so far, and the most allowed.
        private long _work;
        private long _budget = long.MaxValue;

        public State(AssignmentProblem p, (long PriorityBonus, long OtherBonus, long Shift, long Range) w, CancellationToken ct)
        {
            (_p, _ct, _l, _r) = (p, ct, p.LeftCount, p.RightCount);
            (_priorityBonus, _otherBonus, _shift, _range) = w;
            var lefts = p.Lefts;
            var rights = p.Rights;
            var scores = p.Scores;
            var arcs = lefts.Length;
            _first = new int[_l + 1];
            foreach (var i in lefts)
            {
                _first[i + 1]++;
            }

            for (var i = 0; i < _l; i++)
            {
                _first[i + 1] += _first[i];
            }

            _col = new int[arcs];
            _weight = new long[arcs];
            _arc = new int[arcs];
            var fill = (int[])_first.Clone();
            var degree = new int[_r];
            for (var a = 0; a < arcs; a++)
            {
                var i = lefts[a];
                var k = fill[i]++;
                (_col[k], _weight[k], _arc[k]) = (rights[a], Bonus(i) + scores[a] - _shift, a);
                degree[rights[a]]++;
            }

            // A right node never holds more left nodes than it has pairs, so its slots fit in the arc count.
            _slotFirst = new int[_r + 1];
            for (var j = 0; j < _r; j++)
            {
                _slotFirst[j + 1] = _slotFirst[j] + Math.Min(p.RightCapacity[j], degree[j]);
            }

            _slots = new int[_slotFirst[_r]];
            _load = new int[_r];
            _matched = new int[_l];
            Array.Fill(_matched, -1);
            _u = new long[_l];
            _v = new long[_r];
            _dist = new long[_l + _r];
            Array.Fill(_dist, long.MaxValue);
            _pred = new int[_l + _r];
            _done = new bool[_l + _r];
        }

        private long Bonus(int i) => _p.LeftPriority[i] ? _priorityBonus : _otherBonus;

        private int Room(int j) => _slotFirst[j + 1] - _slotFirst[j];

        /// <summary>A cold start: each left node's dual is its best weight; it takes that pair if the right node has room.</summary>
        public void Start()
        {
            for (var i = 0; i < _l; i++)
            {
                long best = 0;
                for (var k = _first[i]; k < _first[i + 1]; k++)
                {
                    best = Math.Max(best, _weight[k]);
                }

                _u[i] = best;
            }

            // Heaviest first (priority nodes before others): they claim their best places, and those who come later
            // find the prices already raised, so their searches end sooner.
            var order = new int[_l];
            for (var i = 0; i < _l; i++)
            {
                order[i] = i;
            }

            var key = new long[_l];
            for (var i = 0; i < _l; i++)
            {
                key[i] = -_u[i];
            }

            Array.Sort(key, order);
            foreach (var i in order)
            {
                var best = _u[i];
                if (best == 0)
                {
                    continue;
                }

                var placed = false;
                for (var k = _first[i]; k < _first[i + 1] && !placed; k++)
                {
                    if (_weight[k] == best && _load[_col[k]] < Room(_col[k]))
                    {
                        Assign(i, k);
                        placed = true;
                    }
                }

                if (!placed)
                {
                    _rows.Enqueue(i);
                }
            }
        }

        /// <summary>A warm start from <paramref name="warm"/>: false (nothing changed) when a matched pair is gone or a right node is over capacity.</summary>
        public bool Resume(SparseWarm warm)
        {
            if (warm.RightOfLeft.Length != _l || warm.RightDual.Length != _r)
            {
                return false;
            }

            var position = new int[_l];
            var load = new int[_r];
            for (var i = 0; i < _l; i++)
            {
                position[i] = -1;
                var j = warm.RightOfLeft[i];
                if (j < 0)
                {
                    continue;
                }

                for (var k = _first[i]; k < _first[i + 1]; k++)
                {
                    if (_col[k] == j)
                    {
                        position[i] = k;
                        break;
                    }
                }

                if (position[i] < 0 || ++load[j] > Room(j))
                {
                    return false;
                }
            }

            Array.Copy(warm.LeftDual, _u, _l);
            Array.Copy(warm.RightDual, _v, _r);
            for (var i = 0; i < _l; i++)
            {
                if (position[i] >= 0)
                {
                    Assign(i, position[i]);
                }
            }

            // A left node with a pair above its dual is raised to it and leaves its pair (no longer tight).
            for (var i = 0; i < _l; i++)
            {
                var need = _u[i];
                for (var k = _first[i]; k < _first[i + 1]; k++)
                {
                    need = Math.Max(need, _weight[k] - _v[_col[k]]);
                }

                if (need > _u[i])
                {
                    _u[i] = need;
                    if (_matched[i] >= 0)
                    {
                        Unassign(i);
                    }

                    _rows.Enqueue(i);
                }
            }

            return true;
        }

        /// <summary>
        /// Takes an optimal matching (arc per left node) and the lowest right prices it allows: a right node's price is at
        /// least the weight of any unmatched left node's pair with it, and at least v_c + w_ij - w_ic for a left node i
        /// matched to c (so that u_i = w_ic - v_c covers its pair with j). Longest paths by a queue (no positive cycle
        /// exists at an optimum); false if they run too long.
        /// </summary>
        public bool Adopt(IReadOnlyList<int> arcOfLeft)
        {
            var position = new int[_p.ArcCount];
            Array.Fill(position, -1);
            for (var k = 0; k < _arc.Length; k++)
            {
                position[_arc[k]] = k;
            }

            for (var i = 0; i < _l; i++)
            {
                if (arcOfLeft[i] is var a and >= 0)
                {
                    if (_load[_col[position[a]]] >= Room(_col[position[a]]))
                    {
                        return false;
                    }

                    Assign(i, position[a]);
                }
            }

            for (var i = 0; i < _l; i++)
            {
                if (_matched[i] < 0)
                {
                    for (var k = _first[i]; k < _first[i + 1]; k++)
                    {
                        _v[_col[k]] = Math.Max(_v[_col[k]], _weight[k]);
                    }
                }
            }

            var queue = new Queue<int>(_r);
            var queued = new bool[_r];
            for (var j = 0; j < _r; j++)
            {
                queue.Enqueue(j);
                queued[j] = true;
            }

            var steps = 0L;
            var limit = 64L * (_col.Length + _r);
            while (queue.TryDequeue(out var c))
            {
                queued[c] = false;
                for (var t = _slotFirst[c]; t < _slotFirst[c] + _load[c]; t++)
                {
                    var i = _slots[t];
                    var bas = _v[c] - _weight[_matched[i]];
                    for (var k = _first[i]; k < _first[i + 1]; k++)
                    {
                        var j = _col[k];
                        if (bas + _weight[k] > _v[j])
                        {
                            _v[j] = bas + _weight[k];
                            if (!queued[j])
                            {
                                queue.Enqueue(j);
                                queued[j] = true;
                            }
                        }
                    }

                    steps += _first[i + 1] - _first[i];
                }

                if (steps > limit)
                {
                    return false;
                }
            }

            for (var i = 0; i < _l; i++)
            {
                _u[i] = _matched[i] < 0 ? 0 : _weight[_matched[i]] - _v[_col[_matched[i]]];
            }

            return true;
        }

        /// <summary>Searches from every left node that breaks the optimality conditions, then from every such right node.</summary>
        public bool Run(long budget)
        {
            _budget = budget;
            var n = 0;
            while (_rows.TryDequeue(out var s))
            {
                if ((++n & 1023) == 0)
                {
                    _ct.ThrowIfCancellationRequested();
                }

                // Its dual lowered to the least feasible one (prices rose since it was set): shorter searches.
                long need = 0;
                for (var k = _first[s]; k < _first[s + 1]; k++)
                {
                    need = Math.Max(need, _weight[k] - _v[_col[k]]);
                }

                _u[s] = need;
                if (need > 0 && _matched[s] < 0)
                {
                    Forward(s);
                    if (_work > _budget)
                    {
                        return false;
                    }
                }
            }

            for (var j = 0; j < _r; j++)
            {
                if ((++n & 1023) == 0)
                {
                    _ct.ThrowIfCancellationRequested();
                }

                while (_v[j] > 0 && _load[j] < _p.RightCapacity[j])
                {
                    Backward(j);
                    if (_work > _budget)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// From an unmatched left node s with u > 0: Dijkstra on reduced costs along alternating paths, to the nearest
        /// end, which is a right node with room (distance d) or a matched left node that leaves its pair (d + u).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Forward(int s)
        {
            var best = _u[s];
            var end = s;
            Settle(s, 0, -1);
            ScanLeft(s, 0, best);
            while (_heap.TryDequeue(out var x, out var dx))
            {
                if (dx >= best)
                {
                    break;
                }

                if (_done[x] || dx != _dist[x])
                {
                    continue;
                }

                _done[x] = true;
                var j = x - _l;
                if (_load[j] < Room(j))
                {
                    (best, end) = (dx, x);
                    break;
                }

                for (var t = _slotFirst[j]; t < _slotFirst[j] + _load[j]; t++)
                {
                    var i = _slots[t];
                    Settle(i, dx, x);
                    if (dx + _u[i] < best)
                    {
                        (best, end) = (dx + _u[i], i);
                    }

                    ScanLeft(i, dx, best);
                }
            }

            // Duals: nodes nearer than the end move by their lead (left down, right up); the path becomes tight.
            foreach (var x in _touched)
            {
                if (_done[x] && _dist[x] < best)
                {
                    if (x < _l)
                    {
                        _u[x] -= best - _dist[x];
                    }
                    else
                    {
                        _v[x - _l] += best - _dist[x];
                    }
                }
            }

            // The path, from its end back to s: each left node on it moves to the right node that reached it.
            var at = end;
            if (at < _l)
            {
                if (at == s)
                {
                    Reset();
                    return;
                }

                at = _l + _col[_matched[at]];
                Unassign(end);
            }

            while (true)
            {
                var i = _pred[at];
                var k = _pred[i] < 0 ? -1 : _pred[i];
                var position = FindPair(i, at - _l);
                if (_matched[i] >= 0)
                {
                    Unassign(i);
                }

                Assign(i, position);
                if (i == s)
                {
                    break;
                }

                at = k;
            }

            Reset();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Settle(int x, long d, int from)
        {
            if (_dist[x] == long.MaxValue)
            {
                _touched.Add(x);
            }

            _dist[x] = d;
            _pred[x] = from;
            _done[x] = true;
        }

        /// <summary>Relaxes the pairs of left node i (settled at distance d) towards right nodes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ScanLeft(int i, long d, long best)
        {
            var ui = _u[i];
            _work += _first[i + 1] - _first[i];
            for (var k = _first[i]; k < _first[i + 1]; k++)
            {
                var y = _l + _col[k];
                if (_done[y])
                {
                    continue;
                }

                var nd = d + ui + _v[_col[k]] - _weight[k];
                if (nd < _dist[y] && nd < best)
                {
                    if (_dist[y] == long.MaxValue)
                    {
                        _touched.Add(y);
                    }

                    _dist[y] = nd;
                    _pred[y] = i;
                    _heap.Enqueue(y, nd);
                }
            }
        }

        /// <summary>
        /// From a right node t with room and v > 0: Dijkstra backwards along alternating paths, to the nearest end, which
        /// is an unmatched left node that takes a place (distance d) or a right node whose price falls to 0 (d + v).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Backward(int t)
        {
            EnsureColumns();
            var colFirst = _colFirst!;
            var colPair = _colPair!;
            var best = _v[t];
            var end = _l + t;
            Settle(_l + t, 0, -1);
            SettleHeld(t, 0, -1);
            ScanRight(t, 0, best, colFirst, colPair);
            while (_heap.TryDequeue(out var x, out var dx))
            {
                if (dx >= best)
                {
                    break;
                }

                if (_done[x] || dx != _dist[x])
                {
                    continue;
                }

                _done[x] = true;
                if (_matched[x] < 0)
                {
                    (best, end) = (dx, x);
                    break;
                }

                var c = _col[_matched[x]];
                if (_done[_l + c])
                {
                    continue;
                }

                Settle(_l + c, dx, x);
                SettleHeld(c, dx, x);
                if (dx + _v[c] < best)
                {
                    (best, end) = (dx + _v[c], _l + c);
                }

                ScanRight(c, dx, best, colFirst, colPair);
            }

            foreach (var x in _touched)
            {
                if (_done[x] && _dist[x] < best)
                {
                    if (x < _l)
                    {
                        _u[x] += best - _dist[x];
                    }
                    else
                    {
                        _v[x - _l] -= best - _dist[x];
                    }
                }
            }

            // The path, from its end back to t: each left node on it moves to the right node it was reached from.
            var moves = new List<(int Left, int Right)>();
            var at = end;
            if (at >= _l)
            {
                // A right node whose price fell to 0 gives up the left node that reached it (t itself gives up nothing).
                while (at != _l + t)
                {
                    var i = _pred[at];
                    moves.Add((i, _pred[i] - _l));
                    at = _pred[i];
                }
            }
            else
            {
                for (var i = at; ;)
                {
                    moves.Add((i, _pred[i] - _l));
                    if (_pred[i] == _l + t)
                    {
                        break;
                    }

                    i = _pred[_pred[i]];
                }
            }

            foreach (var (i, _) in moves)
            {
                if (_matched[i] >= 0)
                {
                    Unassign(i);
                }
            }

            foreach (var (i, j) in moves)
            {
                Assign(i, FindPair(i, j));
            }

            Reset();
        }

        /// <summary>
        /// The left nodes right node c holds (but <paramref name="except"/>) move with it: as its price falls, theirs
        /// rise as much, so their pairs with it stay tight (they have no other way on in a backward search).
        /// </summary>
        private void SettleHeld(int c, long d, int except)
        {
            for (var t = _slotFirst[c]; t < _slotFirst[c] + _load[c]; t++)
            {
                if (_slots[t] != except)
                {
                    Settle(_slots[t], d, _l + c);
                }
            }
        }

        /// <summary>Relaxes the pairs into right node c (settled at distance d) towards left nodes not matched to it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ScanRight(int c, long d, long best, int[] colFirst, int[] colPair)
        {
            var vc = _v[c];
            _work += colFirst[c + 1] - colFirst[c];
            for (var x = colFirst[c]; x < colFirst[c + 1]; x++)
            {
                var k = colPair[x];
                var i = LeftOf(k);
                if (_done[i] || (_matched[i] >= 0 && _col[_matched[i]] == c))
                {
                    continue;
                }

                var nd = d + _u[i] + vc - _weight[k];
                if (nd < _dist[i] && nd < best)
                {
                    if (_dist[i] == long.MaxValue)
                    {
                        _touched.Add(i);
                    }

                    _dist[i] = nd;
                    _pred[i] = _l + c;
                    _heap.Enqueue(i, nd);
                }
            }
        }

        private int[]? _leftOfPair;

        private int LeftOf(int k) => _leftOfPair![k];

        private void EnsureColumns()
        {
            if (_colFirst is not null)
            {
                return;
            }

            var n = _col.Length;
            _leftOfPair = new int[n];
            for (var i = 0; i < _l; i++)
            {
                for (var k = _first[i]; k < _first[i + 1]; k++)
                {
                    _leftOfPair[k] = i;
                }
            }

            var (first, order) = AssignmentSolver.ArcsBy(_col, n, _r);
            (_colFirst, _colPair) = (first, order);
        }

        private int FindPair(int i, int j)
        {
            for (var k = _first[i]; k < _first[i + 1]; k++)
            {
                if (_col[k] == j)
                {
                    return k;
                }
            }

            throw new InvalidOperationException("An augmenting path used a pair that is not in the problem.");
        }

        private void Reset()
        {
            foreach (var x in _touched)
            {
                _dist[x] = long.MaxValue;
                _done[x] = false;
            }

            _touched.Clear();
            _heap.Clear();
        }

        private void Assign(int i, int k)
        {
            var j = _col[k];
            _slots[_slotFirst[j] + _load[j]++] = i;
            _matched[i] = k;
        }

        private void Unassign(int i)
        {
            var j = _col[_matched[i]];
            var from = _slotFirst[j];
            var last = from + --_load[j];
            for (var t = from; t <= last; t++)
            {
                if (_slots[t] == i)
                {
                    _slots[t] = _slots[last];
                    break;
                }
            }

            _matched[i] = -1;
        }

        /// <summary>The optimality conditions on every pair and node (see the class remarks).</summary>
        public bool Check()
        {
            for (var i = 0; i < _l; i++)
            {
                if (_u[i] < 0 || (_matched[i] < 0 && _u[i] != 0))
                {
                    return false;
                }

                for (var k = _first[i]; k < _first[i + 1]; k++)
                {
                    var slack = _u[i] + _v[_col[k]] - _weight[k];
                    if (slack < 0 || (_matched[i] == k && slack != 0))
                    {
                        return false;
                    }
                }
            }

            for (var j = 0; j < _r; j++)
            {
                if (_v[j] < 0 || _load[j] > _p.RightCapacity[j] || (_v[j] != 0 && _load[j] < _p.RightCapacity[j]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The solution, with prices in score units and what the next round starts from.</summary>
        public AssignmentSolution Result()
        {
            var arcOfLeft = new int[_l];
            var rightOfLeft = new int[_l];
            var priceLeft = new long[_l];
            int m = 0, pm = 0;
            long total = 0;
            for (var i = 0; i < _l; i++)
            {
                var k = _matched[i];
                arcOfLeft[i] = k < 0 ? -1 : _arc[k];
                rightOfLeft[i] = k < 0 ? -1 : _col[k];
                if (k >= 0)
                {
                    m++;
                    pm += _p.LeftPriority[i] ? 1 : 0;
                    total += _p.Scores[_arc[k]];
                }

                // A pair (i, j) fits the duals when bonus + score - shift <= u + v, that is score <= (u - bonus + shift) + v.
                priceLeft[i] = _u[i] - Bonus(i) + _shift;
            }

            var priceRight = new long[_r];
            var maxRight = long.MinValue;
            for (var j = 0; j < _r; j++)
            {
                priceRight[j] = -_v[j];
                if (_p.RightCapacity[j] > 0)
                {
                    maxRight = Math.Max(maxRight, priceRight[j]);
                }
            }

            return new AssignmentSolution(arcOfLeft, m, pm, total)
            {
                PriceOfLeft = priceLeft,
                PriceOfRight = priceRight,
                MaxPriceOfRight = maxRight == long.MinValue ? 0 : maxRight,
                SparseWarm = new SparseWarm(_priorityBonus, _otherBonus, _shift, _range, rightOfLeft, (long[])_u.Clone(), (long[])_v.Clone()),
            };
        }
    }
}
