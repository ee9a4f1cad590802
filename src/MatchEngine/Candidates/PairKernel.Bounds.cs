namespace MatchEngine.Candidates;

/// <summary>
/// Bounds over groups of mentors: the score's parts as dimensions of small integers, and for a mentee what a value of
/// each dimension earns (rounded up), so that a tree of mentors can bound a whole subtree at once (see ExactSparse).
/// </summary>
internal sealed partial class PairKernel
{
    private readonly int[] _mLangSet, _langSetRep, _w100;

    private static int Up(double weight) => (int)Math.Ceiling(weight * 100);

    /// <summary>The number of score dimensions (1 ethnicity, 2 background, 3 sector, 4 gender, 5 languages).</summary>
    public const int Dimensions = 5;

    /// <summary>A mentor's value in dimension <paramref name="d"/> (1 to <see cref="Dimensions"/>): a small id.</summary>
    public int Dimension(int m, int d) => d switch
    {
        1 => _mEth[m],
        2 => _mSes[m],
        3 => _mSector[m],
        4 => _mGender[m],
        _ => _mLangSet[m],
    };

    /// <summary>
    /// The hundredths (rounded up) a mentor with <paramref name="value"/> in dimension <paramref name="d"/> earns with
    /// mentee <paramref name="e"/>: summed over the dimensions, plus the proximity part rounded up, an upper bound on
    /// the pair's points without a stated preference (no slack is needed for the scorer's rounding: see
    /// <see cref="ProximityBound"/>).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Earned(int d, int value, int e)
    {
        switch (d)
        {
            case 1: return value != 0 && _eEth[e] != 0 && value != _eEth[e] ? _w100[1] : 0;
            case 2: return value != 0 && _eSes[e] != 0 && value != _eSes[e] ? _w100[2] : 0;
            case 3: return value != 0 && (_eInterests[(e * _sw) + (value >> 6)] & (1UL << (value & 63))) != 0 ? _w100[3] : 0;
            case 4: return _ePref[e] != 0 && _ePref[e] == value ? _w100[4] : 0;
            default:
                var m = _langSetRep[value];
                for (var k = 0; k < _lw; k++)
                {
                    if ((_mLang[(m * _lw) + k] & _eLang[(e * _lw) + k]) != 0)
                    {
                        return _w100[5];
                    }
                }

                return 0;
        }
    }

    /// <summary>The most mentee <paramref name="e"/> can earn in dimension <paramref name="d"/> with any mentor.</summary>
    public int MostEarned(int d, int e)
    {
        switch (d)
        {
            case 1: return _eEth[e] != 0 ? _w100[1] : 0;
            case 2: return _eSes[e] != 0 ? _w100[2] : 0;
            case 3: return Any(_eInterests, e * _sw, _sw) ? _w100[3] : 0;
            case 4: return _ePref[e] != 0 ? _w100[4] : 0;
            default: return Any(_eLang, e * _lw, _lw) ? _w100[5] : 0;
        }
    }

    /// <summary>The proximity part of a bound: hundredths rounded up at proximity <paramref name="prox"/> (clamped to 0..1).</summary>
    /// <remarks>
    /// No slack is added for the scorer's rounding, and none is needed: with B the sum of the parts rounded up (each
    /// weight's hundredths in <see cref="Earned"/>, and this), a pair's exact total T in hundredths is at most B, and
    /// the scorer's points are T rounded to the nearest integer (via two decimals), so at most B, B being an integer;
    /// floating-point noise moves T by far less than the half it would take. The bound is therefore exact for tight
    /// pairs (those whose gain is exactly 0), which matters: in a batch where many people share one place (a school),
    /// most pairs are tied, and a slack of 1 let every tied pair through the search to be decided one by one
    /// (20k x 20k co-located: pricing 4 times slower). <c>PairKernelBoundTests</c> holds the bound against the
    /// scorer on random weights and places.
    /// </remarks>
    public int ProximityBound(double prox) => (int)Math.Ceiling(_wProx * 100 * Math.Clamp(prox, 0, 1));

    private static bool Any(ulong[] bits, int offset, int words)
    {
        for (var k = 0; k < words; k++)
        {
            if (bits[offset + k] != 0)
            {
                return true;
            }
        }

        return false;
    }
}
