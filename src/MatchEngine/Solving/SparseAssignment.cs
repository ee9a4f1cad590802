using System.Numerics;

namespace MatchEngine.Solving;

/// <summary>
/// What a <see cref="SparseAssignment"/> solve leaves for the next one on a larger (or pruned) pair set: the weights'
/// constants, each left node's right node, and the dual values.
/// </summary>
internal sealed record SparseWarm(long PriorityBonus, long OtherBonus, long Shift, long Range, int[] RightOfLeft, long[] LeftDual, long[] RightDual);

/// <summary>
/// A specialised solver for the large-batch engine's restricted problems: shortest augmenting paths with dual values
/// (the Hungarian method, Dijkstra on reduced costs), warm-started from the last round's optimum, and from nothing an
/// ε-scaling auction (see <see cref="State.Bid"/>). OR-Tools' min-cost flow is its oracle in the tests, and the
/// engine's fallback.
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
internal static partial class SparseAssignment
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
    /// was used; with <paramref name="warmOnly"/>, giving up too where the warm start cannot be used (instead of
    /// starting from nothing by auction). An auction starts from <paramref name="bidFrom"/>'s prices and matching where
    /// given and its weights still fit (see <see cref="MostUnsettled"/>).
    /// </summary>
    internal static AssignmentSolution? Solve(AssignmentProblem problem, ObjectiveOrder objective, SparseWarm? warm, long budget, CancellationToken ct, out bool resumed, bool warmOnly = false, SparseWarm? bidFrom = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        resumed = false;
        if (Weights(problem, objective, warm ?? bidFrom) is not { } w)
        {
            return null;
        }

        var state = new State(problem, w, ct);
        resumed = warm is not null && w == (warm.PriorityBonus, warm.OtherBonus, warm.Shift, warm.Range) && state.Resume(warm);
        if (warmOnly && !resumed)
        {
            return null;
        }

        // From nothing: an auction; where it gives up, each left node's best pair (the searches then do the rest, which
        // with a budget is left to the caller: OR-Tools is faster than those searches from nothing).
        if (!resumed && !state.Bid(out _, bidFrom is not null && Fits(problem, w, bidFrom) ? bidFrom : null))
        {
            if (budget != long.MaxValue)
            {
                return null;
            }

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

    /// <summary>A pair seen from its right node: the left node and the weight.</summary>
    private readonly record struct ColumnPair(int Left, long Weight);

    /// <summary>The solver's working state: the pairs by left and by right node, the matching and the duals.</summary>
    private sealed partial class State
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

        // Pairs by right node (built when a backward search needs them): left node and weight.
        private int[]? _colFirst;
        private ColumnPair[]? _colPair;

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
        private readonly List<(int Left, int Right)> _moves = [];

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

        /// <summary>The least dual value left node i may have with the current right prices: its best weight less price, or 0.</summary>
        private long LeastDual(int i)
        {
            long need = 0;
            for (var k = _first[i]; k < _first[i + 1]; k++)
            {
                need = Math.Max(need, _weight[k] - _v[_col[k]]);
            }

            return need;
        }

        /// <summary>A cold start: each left node's dual is its best weight; it takes that pair if the right node has room.</summary>
        public void Start()
        {
            for (var i = 0; i < _l; i++)
            {
                _u[i] = LeastDual(i);
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

            Raise();
            return true;
        }

        /// <summary>A left node with a pair above its dual is raised to it and leaves its pair (no longer tight), to search.</summary>
        private void Raise()
        {
            for (var i = 0; i < _l; i++)
            {
                var need = LeastDual(i);
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
        }
    }
}
