namespace MatchEngine.Solving;

/// <summary>The dual values: adopted from another solver's optimum, checked, and given as prices.</summary>
internal static partial class SparseAssignment
{
    private sealed partial class State
    {
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

            return LowestPrices(LowestPriceSteps);
        }

        /// <summary>
        /// The lowest right prices the current matching's optimality allows, and the left duals they give (see
        /// <see cref="Adopt"/>); false if the longest paths take more than <paramref name="stepsPerArc"/> steps per pair
        /// and right node.
        /// </summary>
        public bool LowestPrices(long stepsPerArc)
        {
            Array.Clear(_v);
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
            var limit = stepsPerArc * (_col.Length + _r);
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
