namespace MatchEngine.Solving;

/// <summary>The cold start by auction: bids with ε-scaling (Bertsekas), places left empty released by reverse bids.</summary>
internal static partial class SparseAssignment
{
    /// <summary>
    /// The bids (and reverse bids) an auction may make per pair and left node before it gives up (and the caller
    /// solves another way); checked every 65,536.
    /// </summary>
    private const long BidsPerArc = 20;

    /// <summary>
    /// The factor ε falls by at each step. 100k x 100k's first round (1.2 million pairs): 2.9 s with 8 (17 steps),
    /// 3.2 s with 16, 4.3 s with 32, 7.7 s with 64 (fewer steps, but far more bids in each).
    /// </summary>
    private const long EpsStep = 8;

    /// <summary>The price of a right node without places: above any scaled weight (below 2^60), yet no sum overflows.</summary>
    private const long NoPlace = 1L << 61;

    /// <summary>
    /// The optimum of <paramref name="problem"/> found by the auction alone (see <see cref="State.Bid"/>): null when it
    /// gave up or its matching needed the searches to repair it. For the tests, which hold it to OR-Tools' optimum.
    /// </summary>
    internal static AssignmentSolution? SolveByAuction(AssignmentProblem problem, ObjectiveOrder objective, CancellationToken ct) =>
        SolveByAuction(problem, objective, 1, ct, out _);

    /// <summary>
    /// As <see cref="SolveByAuction(AssignmentProblem, ObjectiveOrder, CancellationToken)"/>, saying how the early check
    /// went (see <see cref="EarlyCheckSteps"/>), made from <paramref name="earlyFactor"/> times the usual ε (tests make
    /// it early enough to fail): how many found the matching not yet optimal, and whether one ended the bids.
    /// </summary>
    internal static AssignmentSolution? SolveByAuction(AssignmentProblem problem, ObjectiveOrder objective, long earlyFactor, CancellationToken ct, out (int Failed, bool Passed) earlyChecks)
    {
        earlyChecks = default;
        if (Weights(problem, objective, null) is not { } w)
        {
            return null;
        }

        var state = new State(problem, w, ct) { EarlyFactor = earlyFactor };
        var solved = state.Bid(out var exact) && exact;
        earlyChecks = (state.EarlyChecksFailed, state.EarlyCheckPassed);
        return solved ? state.Result() : null;
    }

    /// <summary>
    /// A solve from nothing by the auction's other ways out, for the tests: its matching repaired by the searches from
    /// the bids' rounded prices even where it is exact (<paramref name="repair"/>), or, as when the auction gives up,
    /// each left node's best pair and the searches. Null when the final check fails.
    /// </summary>
    internal static AssignmentSolution? SolveColdForTests(AssignmentProblem problem, ObjectiveOrder objective, bool repair, CancellationToken ct)
    {
        if (Weights(problem, objective, null) is not { } w)
        {
            return null;
        }

        var state = new State(problem, w, ct);
        if (repair)
        {
            state.RepairForTests = true;
            state.Bid(out _);
        }
        else
        {
            state.Start();
        }

        return state.Run(long.MaxValue) && state.Check() ? state.Result() : null;
    }

    private sealed partial class State
    {
        // The auction's places: each right node's slots (see _slotFirst), their prices and holders (scaled weights).
        private long[] _price = [];
        private int[] _owner = [];
        private int[] _slotOf = [];
        private int[] _arcOf = [];
        private int[] _low = [];

        // Each left node's profit at its place (weight less price, scaled), or 0 without one: what a reverse bid reads of
        // every left node in its right node's column, one read where working it out took four (100k x 100k's first
        // round: its 2.6 million reverse bids read 69 million column entries, 1.9 to 2.8 s before, 1.0 to 1.3 s so);
        // the ε check reads it too.
        private long[] _profit = [];

        // Each right node's cheapest place's price, beside its index (one read per pair in the bids' scans), or
        // NoPlace for a right node without places, which no one values.
        private long[] _lowPrice = [];
        private long _scale = 1;
        private long _bids;
        private long _mostBids;

        /// <summary>How many times the usual ε the early check is made at (see <see cref="EarlyCheckSteps"/>).</summary>
        public long EarlyFactor { get; init; } = 1;

        /// <summary>The early checks that found the matching not yet optimal (the bids went on).</summary>
        public int EarlyChecksFailed { get; private set; }

        /// <summary>Whether an early check ended the bids.</summary>
        public bool EarlyCheckPassed { get; private set; }

        /// <summary>Whether the auction's matching goes to the searches' repair even when it is exact (tests set it).</summary>
        public bool RepairForTests { get; set; }

        /// <summary>
        /// A cold start by auction (Bertsekas): each left node without a place bids for the place it values most
        /// (weight less price) and raises its price by how much more it values it than its next best (another place,
        /// or staying unmatched) plus ε. ε falls by a factor of <see cref="EpsStep"/> at each step (ε-scaling), from
        /// an eighth of the largest weight to 1, on weights scaled by the left nodes + 1, where a matching within ε of
        /// the best everywhere is optimal (checked before, see <see cref="EarlyCheckSteps"/>). A place left empty at
        /// a price between steps bids back (reverse auction)
        /// for the left node that gains most by taking it, or goes back to price 0. With <paramref name="last"/>, the bids
        /// start from its prices and matching instead (see <see cref="StartFrom"/>). The matching is then taken with
        /// the lowest prices its optimality allows (<paramref name="exact"/>), or, if those do not certify it, with
        /// the bids' prices rounded up, for the searches to repair. False when the bids outgrow
        /// <see cref="BidsPerArc"/>: nothing has changed then.
        /// </summary>
        public bool Bid(out bool exact, SparseWarm? last = null)
        {
            exact = false;
            long top = 1;
            foreach (var w in _weight)
            {
                top = Math.Max(top, Math.Abs(w));
            }

            _scale = Math.Max(1, Math.Min((long)_l + 1, MaxWeight / 16 / top));
            var slots = _slotFirst[_r];
            (_price, _owner, _slotOf, _arcOf, _low, _lowPrice, _profit) = (new long[slots], new int[slots], new int[_l], new int[_l], new int[_r], new long[_r], new long[_l]);
            Array.Fill(_owner, -1);
            Array.Fill(_slotOf, -1);
            for (var j = 0; j < _r; j++)
            {
                _low[j] = _slotFirst[j];
                _lowPrice[j] = _slotFirst[j] < _slotFirst[j + 1] ? 0 : NoPlace;
            }

            var queue = new Queue<int>(_l);
            var early = RepairForTests ? 0 : (long)Int128.Clamp((Int128)_scale * ScoreStep() * EarlyFactor / 64, 1, long.MaxValue);
            (_bids, _mostBids) = (0, BidsPerArc * ((long)_col.Length + _l));
            for (var eps = FirstEps(top, last); ; eps = Math.Max(1, eps / EpsStep))
            {
                // Who no longer values their place within ε of their best bids again.
                for (var i = 0; i < _l; i++)
                {
                    if ((i & 65535) == 0)
                    {
                        _ct.ThrowIfCancellationRequested();
                    }

                    if (_slotOf[i] < 0 || !Fair(i, eps))
                    {
                        Leave(i);
                        queue.Enqueue(i);
                    }
                }

                while (queue.TryDequeue(out var i))
                {
                    if (!Counted())
                    {
                        return GiveUp();
                    }

                    BidFor(i, eps, queue);
                }

                if (!Release(eps))
                {
                    return GiveUp();
                }

                if (eps == 1)
                {
                    break;
                }

                // Once ε is small beside the scores' common divisor the matching is most often optimal (see EarlyCheckSteps).
                if (eps <= early)
                {
                    EarlyCheckPassed = Settled(EarlyCheckSteps);
                    EarlyChecksFailed += EarlyCheckPassed ? 0 : 1;
                    if (EarlyCheckPassed)
                    {
                        exact = true;
                        Drop();
                        return true;
                    }
                }
            }

            exact = !RepairForTests && Settled(LowestPriceSteps);
            if (!exact)
            {
                Place();
                Rounded();
            }

            Drop();
            return true;
        }

        /// <summary>Counts a bid; false once the bids outgrow their limit (cancellation is checked every 65,536).</summary>
        private bool Counted()
        {
            if ((++_bids & 65535) == 0)
            {
                _ct.ThrowIfCancellationRequested();
                return _bids <= _mostBids;
            }

            return true;
        }

        /// <summary>Gives up: the auction's arrays let go, and nothing else has changed.</summary>
        private bool GiveUp()
        {
            Drop();
            return false;
        }

        /// <summary>Lets go of the auction's arrays.</summary>
        private void Drop() => (_price, _owner, _slotOf, _arcOf, _low, _lowPrice, _profit) = ([], [], [], [], [], [], []);

        /// <summary>Left node i bids for its best place, unless staying unmatched is worth as much.</summary>
        private void BidFor(int i, long eps, Queue<int> queue)
        {
            // Best and second best value; the second may be another place of the best right node, or staying unmatched (0).
            long best = long.MinValue, second = 0;
            var bestK = -1;
            for (var k = _first[i]; k < _first[i + 1]; k++)
            {
                var value = (_weight[k] * _scale) - _lowPrice[_col[k]];
                if (value > best)
                {
                    second = Math.Max(second, best);
                    (best, bestK) = (value, k);
                }
                else if (value > second)
                {
                    second = value;
                }
            }

            if (bestK < 0 || best <= 0)
            {
                return;
            }

            var bj = _col[bestK];
            var s = _low[bj];
            for (var t = _slotFirst[bj]; t < _slotFirst[bj + 1]; t++)
            {
                second = t == s ? second : Math.Max(second, (_weight[bestK] * _scale) - _price[t]);
            }

            _price[s] += best - second + eps;
            if (_owner[s] >= 0)
            {
                _slotOf[_owner[s]] = -1;
                _profit[_owner[s]] = 0;
                queue.Enqueue(_owner[s]);
            }

            (_owner[s], _slotOf[i], _arcOf[i]) = (i, s, bestK);
            _profit[i] = (_weight[bestK] * _scale) - _price[s];
            Lowest(bj);
        }

        /// <summary>
        /// Places left empty at a price bid for left nodes in turn (reverse auction): the one who gains most by moving
        /// there takes the place, at the price that leaves the next best within ε; a place no one gains from goes back
        /// to price 0. Profits only rise (by ε at least), so this ends, with no empty place priced above 0; false if
        /// its steps take the bids past their limit.
        /// </summary>
        private bool Release(long eps)
        {
            EnsureColumns();
            var colFirst = _colFirst!;
            var cols = _colPair!;
            var queue = new Queue<(int Node, int Slot)>();
            for (var j = 0; j < _r; j++)
            {
                for (var t = _slotFirst[j]; t < _slotFirst[j + 1]; t++)
                {
                    if (_owner[t] < 0 && _price[t] > 0)
                    {
                        queue.Enqueue((j, t));
                    }
                }
            }

            while (queue.TryDequeue(out var x))
            {
                var (j, t) = x;
                if (_owner[t] >= 0 || _price[t] <= 0)
                {
                    continue;
                }

                if (!Counted())
                {
                    return false;
                }

                long first = long.MinValue, second = long.MinValue;
                var taker = -1;
                for (var c = colFirst[j]; c < colFirst[j + 1]; c++)
                {
                    var gain = (cols[c].Weight * _scale) - _profit[cols[c].Left];
                    if (gain > first)
                    {
                        (second, first, taker) = (first, gain, cols[c].Left);
                    }
                    else if (gain > second)
                    {
                        second = gain;
                    }
                }

                if (first <= 0)
                {
                    _price[t] = 0;
                }
                else
                {
                    if (_slotOf[taker] is var old and >= 0)
                    {
                        _owner[old] = -1;
                        queue.Enqueue((_col[_arcOf[taker]], old));
                    }

                    _price[t] = second <= eps ? 0 : second - eps;
                    (_owner[t], _slotOf[taker], _arcOf[taker]) = (taker, t, FindPair(taker, j));
                    _profit[taker] = (_weight[_arcOf[taker]] * _scale) - _price[t];
                }

                Lowest(j);
            }

            return true;
        }

        /// <summary>Whether left node i values its place within ε of its best (and of staying unmatched).</summary>
        private bool Fair(int i, long eps)
        {
            var own = _profit[i];
            if (own < -eps)
            {
                return false;
            }

            for (var k = _first[i]; k < _first[i + 1]; k++)
            {
                if ((_weight[k] * _scale) - _lowPrice[_col[k]] > own + eps)
                {
                    return false;
                }
            }

            return true;
        }

        private void Leave(int i)
        {
            if (_slotOf[i] >= 0)
            {
                _owner[_slotOf[i]] = -1;
                _slotOf[i] = -1;
                _profit[i] = 0;
            }
        }

        /// <summary>Right node j's cheapest place.</summary>
        private void Lowest(int j)
        {
            var m = _slotFirst[j];
            for (var t = m + 1; t < _slotFirst[j + 1]; t++)
            {
                m = _price[t] < _price[m] ? t : m;
            }

            _low[j] = m;
            _lowPrice[j] = _price[m];
        }

        /// <summary>
        /// The bids' prices rounded up as right prices, and each matched left node's dual its pair leaves at them: the
        /// pairs no longer tight then leave for the searches, as after a warm start (see <see cref="Raise"/>).
        /// </summary>
        private void Rounded()
        {
            for (var j = 0; j < _r; j++)
            {
                var p = _slotFirst[j] < _slotFirst[j + 1] ? _price[_low[j]] : 0;
                _v[j] = p <= 0 ? 0 : (p + _scale - 1) / _scale;
            }

            for (var i = 0; i < _l; i++)
            {
                _u[i] = _matched[i] < 0 ? 0 : _weight[_matched[i]] - _v[_col[_matched[i]]];
            }

            Raise();
        }
    }
}
