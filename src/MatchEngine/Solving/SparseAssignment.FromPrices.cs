namespace MatchEngine.Solving;

/// <summary>
/// The auction started from the last round's optimum: its prices and matching, instead of from nothing. Where most
/// left nodes have a new pair above their dual, the warm searches would start from nearly everyone, and the auction
/// from these prices does better (traced on the 19 rounds of 100k x 100k co-located where pricing raised 57 to 88 % of
/// the young people: 0.5 to 8.4 s a round by the searches, 64.5 s in all, 4 of them giving up; 0.7 to 5.5 s by the
/// auction from the last prices, 37.4 s).
/// </summary>
internal static partial class SparseAssignment
{
    /// <summary>
    /// Whether more than half of <paramref name="problem"/>'s left nodes have a pair above their dual in
    /// <paramref name="last"/> (false where its weights' constants or node counts no longer fit): the warm searches would
    /// then start from most of them, and the auction from <paramref name="last"/>'s prices is the round's solve.
    /// </summary>
    internal static bool MostUnsettled(AssignmentProblem problem, ObjectiveOrder objective, SparseWarm last)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(last);
        if (Weights(problem, objective, last) is not { } w || !Fits(problem, w, last))
        {
            return false;
        }

        var raised = new bool[problem.LeftCount];
        var count = 0;
        var lefts = problem.Lefts;
        var rights = problem.Rights;
        var scores = problem.Scores;
        for (var a = 0; a < lefts.Length; a++)
        {
            var i = lefts[a];
            var weight = (problem.LeftPriority[i] ? w.PriorityBonus : w.OtherBonus) + scores[a] - w.Shift;
            if (!raised[i] && weight > last.LeftDual[i] + last.RightDual[rights[a]])
            {
                raised[i] = true;
                count++;
            }
        }

        return count * 2L > problem.LeftCount;
    }

    /// <summary>
    /// The optimum of <paramref name="problem"/> found by the auction alone started from <paramref name="last"/>'s
    /// prices and matching: null when they do not fit, or the auction gave up or needed the searches to repair its
    /// matching. For the tests, which hold it to OR-Tools' optimum.
    /// </summary>
    internal static AssignmentSolution? SolveByAuctionFrom(AssignmentProblem problem, ObjectiveOrder objective, SparseWarm last, CancellationToken ct)
    {
        if (Weights(problem, objective, last) is not { } w || !Fits(problem, w, last))
        {
            return null;
        }

        var state = new State(problem, w, ct);
        return state.Bid(out var exact, last) && exact ? state.Result() : null;
    }

    /// <summary>Whether <paramref name="last"/> was solved with weights <paramref name="w"/> and the same nodes, so that its duals and matching can be used.</summary>
    private static bool Fits(AssignmentProblem problem, (long PriorityBonus, long OtherBonus, long Shift, long Range) w, SparseWarm last) =>
        w == (last.PriorityBonus, last.OtherBonus, last.Shift, last.Range)
        && last.LeftDual.Length == problem.LeftCount && last.RightOfLeft.Length == problem.LeftCount && last.RightDual.Length == problem.RightCount;

    private sealed partial class State
    {
        /// <summary>
        /// The auction's first ε: an eighth of the largest weight from nothing; from <paramref name="last"/>'s prices
        /// (see <see cref="StartFrom"/>), an eighth of the most any pair exceeds its duals there, so that the few who
        /// gain move first and the rest keep their places.
        /// </summary>
        private long FirstEps(long top, SparseWarm? last) =>
            last is null || !Scalable(last) ? Math.Max(1, _scale * top / EpsStep) : Math.Min(Math.Max(1, _scale * top / EpsStep), Math.Max(1, _scale * StartFrom(last) / EpsStep));

        /// <summary>
        /// Whether every right dual of <paramref name="last"/> stays within the bids' range once scaled (as the weights
        /// do, see <see cref="Bid"/>); else the bids start from nothing. (Duals of an optimum are at most the largest
        /// weight, but a warm start is not trusted to be one.)
        /// </summary>
        private bool Scalable(SparseWarm last)
        {
            var most = MaxWeight / 16 / _scale;
            foreach (var v in last.RightDual)
            {
                if (v < 0 || v > most)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Sets every place of a right node to its dual in <paramref name="last"/> (scaled), and gives each left node the
        /// place of its pair there where the pair is still in the problem and a place is left: an optimum of the last
        /// round is then within ε of the best for every left node whose pairs it had. Returns the most a pair exceeds
        /// its duals (0 when none does).
        /// </summary>
        private long StartFrom(SparseWarm last)
        {
            for (var j = 0; j < _r; j++)
            {
                if (_slotFirst[j] < _slotFirst[j + 1])
                {
                    var price = last.RightDual[j] * _scale;
                    Array.Fill(_price, price, _slotFirst[j], _slotFirst[j + 1] - _slotFirst[j]);
                    (_low[j], _lowPrice[j]) = (_slotFirst[j], price);
                }
            }

            var used = new int[_r];
            long over = 0;
            for (var i = 0; i < _l; i++)
            {
                var j = last.RightOfLeft[i];
                for (var k = _first[i]; k < _first[i + 1]; k++)
                {
                    over = Math.Max(over, _weight[k] - last.LeftDual[i] - last.RightDual[_col[k]]);
                    if (_col[k] == j && _slotOf[i] < 0 && used[j] < Room(j))
                    {
                        var t = _slotFirst[j] + used[j]++;
                        (_owner[t], _slotOf[i], _arcOf[i]) = (i, t, k);
                        _profit[i] = (_weight[k] * _scale) - _price[t];
                    }
                }
            }

            // The lowest place of a right node is one left empty, where there is one (the bids take it first).
            for (var j = 0; j < _r; j++)
            {
                if (used[j] < Room(j))
                {
                    _low[j] = _slotFirst[j] + used[j];
                }
            }

            return over;
        }
    }
}
