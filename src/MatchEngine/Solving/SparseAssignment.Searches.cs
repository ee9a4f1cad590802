using System.Runtime.CompilerServices;

namespace MatchEngine.Solving;

/// <summary>The searches: shortest alternating paths on reduced costs, forward from left nodes and backward from right nodes.</summary>
internal static partial class SparseAssignment
{
    private sealed partial class State
    {
        /// <summary>
        /// Searches from every left node that breaks the optimality conditions, then from every such right node; false
        /// (the state is then of no use) once the searches have scanned more pairs than the budget.
        /// </summary>
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
                var need = LeastDual(s);
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
            ScanLeft(s, 0, ref best, ref end);
            while (Pop(best, out var x, out var dx))
            {
                // (A right node with room is never queued: it is an end, taken when its pair is relaxed.)
                var j = x - _l;
                for (var t = _slotFirst[j]; t < _slotFirst[j] + _load[j]; t++)
                {
                    var i = _slots[t];
                    Settle(i, dx, x);
                    if (dx + _u[i] < best)
                    {
                        (best, end) = (dx + _u[i], i);
                    }

                    ScanLeft(i, dx, ref best, ref end);
                }
            }

            MoveDuals(best, forward: true);

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
                var next = _pred[i];
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

                at = next;
            }

            Reset();
        }

        /// <summary>Pops the nearest node not yet settled and nearer than <paramref name="best"/>, and settles it; false when none is left.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Pop(long best, out int x, out long dx)
        {
            while (_heap.TryDequeue(out x, out dx))
            {
                if (dx >= best)
                {
                    return false;
                }

                if (!_done[x] && dx == _dist[x])
                {
                    _done[x] = true;
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The duals after a search whose end is at distance <paramref name="best"/>: every node settled nearer moves by
        /// its lead (forward: left nodes down, right nodes up; backward the other way). Every reduced cost stays at least
        /// 0, and those along the path become 0.
        /// </summary>
        private void MoveDuals(long best, bool forward)
        {
            foreach (var x in _touched)
            {
                if (_done[x] && _dist[x] < best)
                {
                    var lead = forward ? best - _dist[x] : _dist[x] - best;
                    if (x < _l)
                    {
                        _u[x] -= lead;
                    }
                    else
                    {
                        _v[x - _l] += lead;
                    }
                }
            }
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

        /// <summary>
        /// Relaxes the pairs of left node i (settled at distance d) towards right nodes. A right node with room is an
        /// end at once, not queued: among ties the search then stops at the first end it sees, instead of settling every
        /// node as near as it first (many pairs tie, so those plateaus are wide).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ScanLeft(int i, long d, ref long best, ref int end)
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
                    if (_load[_col[k]] < Room(_col[k]))
                    {
                        (best, end) = (nd, y);
                    }
                    else
                    {
                        _heap.Enqueue(y, nd);
                    }
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
            ScanRight(t, 0, ref best, ref end, colFirst, colPair);
            while (Pop(best, out var x, out var dx))
            {
                // (An unmatched left node is never queued: it is an end, taken when its pair is relaxed.)
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

                ScanRight(c, dx, ref best, ref end, colFirst, colPair);
            }

            MoveDuals(best, forward: false);

            // The path, from its end back to t: each left node on it moves to the right node it was reached from.
            var moves = _moves;
            moves.Clear();
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
        /// The left nodes right node c holds (but <paramref name="except"/>) are settled with it: as its price falls,
        /// theirs rise as much, so their pairs with it stay tight. (Scanning c would reach them at the same distance
        /// through those tight pairs; settling them at once saves their trips through the heap.)
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

        /// <summary>
        /// Relaxes the pairs into right node c (settled at distance d) towards left nodes not yet settled (those c holds
        /// are: they were settled with it).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void ScanRight(int c, long d, ref long best, ref int end, int[] colFirst, ColumnPair[] colPair)
        {
            var vc = _v[c];
            _work += colFirst[c + 1] - colFirst[c];
            for (var x = colFirst[c]; x < colFirst[c + 1]; x++)
            {
                var (i, weight) = (colPair[x].Left, colPair[x].Weight);
                if (_done[i])
                {
                    continue;
                }

                var nd = d + _u[i] + vc - weight;
                if (nd < _dist[i] && nd < best)
                {
                    if (_dist[i] == long.MaxValue)
                    {
                        _touched.Add(i);
                    }

                    _dist[i] = nd;
                    _pred[i] = _l + c;
                    if (_matched[i] < 0)
                    {
                        (best, end) = (nd, i);
                    }
                    else
                    {
                        _heap.Enqueue(i, nd);
                    }
                }
            }
        }

        /// <summary>The pairs by right node (left node and weight side by side), built when a backward search first needs them.</summary>
        private void EnsureColumns()
        {
            if (_colFirst is not null)
            {
                return;
            }

            var first = new int[_r + 1];
            foreach (var j in _col)
            {
                first[j + 1]++;
            }

            for (var j = 0; j < _r; j++)
            {
                first[j + 1] += first[j];
            }

            var pairs = new ColumnPair[_col.Length];
            var fill = (int[])first.Clone();
            for (var i = 0; i < _l; i++)
            {
                for (var k = _first[i]; k < _first[i + 1]; k++)
                {
                    pairs[fill[_col[k]]++] = new ColumnPair(i, _weight[k]);
                }
            }

            (_colFirst, _colPair) = (first, pairs);
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
    }
}
