namespace MatchEngine.Solving;

/// <summary>The auction's early check: whether the bids' matching is optimal before ε reaches 1.</summary>
internal static partial class SparseAssignment
{
    /// <summary>
    /// The auction checks its matching after each step whose ε is at most a 64th of the scores' common divisor, until
    /// it is optimal (weights are scaled by the left nodes + 1, so only ε = 1 guarantees an optimum). 40k x 100k
    /// co-located (everyone at one place, so the scores share a divisor in the hundreds): optimal at the first check
    /// (ε = 6.1 score units) in all 13 rounds solved from nothing, where the steps after it had made up to 60 % of the
    /// bids; checked at ε = 49 instead, 7 of 18 were. 100k x 100k (a divisor of at most 6): optimal at the first check
    /// (ε = 0.012) in both such rounds; at ε = 0.095, 1 of 4.
    /// When it is not optimal, the bids go on. A check gives up after this many steps per pair and right node.
    /// </summary>
    private const long EarlyCheckSteps = 8;

    /// <summary>The steps per pair and right node the final check's longest paths may take.</summary>
    private const long LowestPriceSteps = 64;

    private sealed partial class State
    {
        /// <summary>The bids' matching placed (nothing else changes).</summary>
        private void Place()
        {
            for (var i = 0; i < _l; i++)
            {
                if (_slotOf[i] >= 0)
                {
                    Assign(i, _arcOf[i]);
                }
            }
        }

        /// <summary>
        /// Whether the bids' matching is optimal: placed, with the lowest prices it allows (longest paths of at most
        /// <paramref name="stepsPerArc"/> steps per pair and right node), passing the check on every pair. When it is
        /// not, the matching is taken back and nothing else has changed that the bids read.
        /// </summary>
        private bool Settled(long stepsPerArc)
        {
            Place();
            if (LowestPrices(stepsPerArc) && Check())
            {
                return true;
            }

            // (The bids run only where nothing was placed before them, not after a warm start's Resume, so taking the
            // matching back empties every place.)
            Array.Fill(_matched, -1);
            Array.Clear(_load);
            return false;
        }

        /// <summary>The greatest common divisor of the scores (1 where they are all 0): the least two matchings' scores can differ by.</summary>
        private long ScoreStep()
        {
            long g = 0;
            foreach (var s in _p.Scores)
            {
                for (var b = Math.Abs(s); b != 0;)
                {
                    (g, b) = (b, g % b);
                }

                if (g == 1)
                {
                    break;
                }
            }

            return Math.Max(1, g);
        }
    }
}
