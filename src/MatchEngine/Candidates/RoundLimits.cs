namespace MatchEngine.Candidates;

/// <summary>Which limit stopped a large batch's rounds before it was certified.</summary>
[Flags]
internal enum StoppedBy
{
    None = 0,
    Time = 1,
    Memory = 2,
}

/// <summary>
/// The time and memory limits of a large batch's rounds (<see cref="MatchOptions.TimeLimitSeconds"/>,
/// <see cref="MatchOptions.MemoryLimitMiB"/>): both are checked before each pricing round, which is the last once a
/// limit has passed or when going on (another pricing round, a solve, then a last pricing round) would pass it.
/// </summary>
/// <param name="secondsLeft">The seconds left before the time limit; null for none.</param>
/// <param name="mibLeft">The MiB of peak memory left before the memory limit; null for none.</param>
internal sealed class RoundLimits(Func<double>? secondsLeft, Func<double>? mibLeft)
{
    private double? _roundsBegan, _solveBegan, _pricingBegan, _lastMiB;
    private double _slowestSolve, _lastPricing, _growth;

    /// <summary>The rounds begin (after the first candidates).</summary>
    public void Begin()
    {
        _roundsBegan = secondsLeft?.Invoke();
        _lastMiB = mibLeft?.Invoke();
    }

    /// <summary>A round's solve begins.</summary>
    public void SolveBegins() => _solveBegan = secondsLeft?.Invoke();

    /// <summary>A round's solve has ended.</summary>
    public void SolveEnded()
    {
        if (_solveBegan is { } began && secondsLeft?.Invoke() is { } solved)
        {
            _slowestSolve = Math.Max(_slowestSolve, began - solved);
        }
    }

    /// <summary>
    /// A pricing round begins: which limit makes it the last. The time of another pricing round is judged by the last
    /// one, or before the first by all the time the rounds have taken so far, counts proofs included (the slowest
    /// solve alone, 42 s at 400k x 1M, let a second pricing round start at 147 s of 300, and that run passed 1,000 s);
    /// a solve by the slowest so far. The memory another round needs is judged by the most the peak grew between two
    /// pricing rounds, or before the first since the rounds began.
    /// </summary>
    public StoppedBy PricingBegins()
    {
        var stopped = StoppedBy.None;
        _pricingBegan = secondsLeft?.Invoke();
        if (_pricingBegan is { } left)
        {
            var pricing = _lastPricing > 0 ? _lastPricing : Math.Max(_slowestSolve, (_roundsBegan - left) ?? 0);
            stopped |= left <= 0 || left < _slowestSolve + (2 * pricing) ? StoppedBy.Time : StoppedBy.None;
        }

        if (mibLeft?.Invoke() is { } mib)
        {
            _growth = Math.Max(_growth, (_lastMiB ?? mib) - mib);
            _lastMiB = mib;
            stopped |= mib <= 0 || mib < 2 * _growth ? StoppedBy.Memory : StoppedBy.None;
        }

        return stopped;
    }

    /// <summary>
    /// Whether the limits leave room for one more solve after the last pricing round: the time left at least the
    /// slowest solve so far, and the memory left at least the most the peak grew in a round.
    /// </summary>
    public bool RoomForASolve() =>
        (secondsLeft?.Invoke() is not { } left || left >= _slowestSolve) && (mibLeft?.Invoke() is not { } mib || mib >= _growth);

    /// <summary>A pricing round has ended.</summary>
    public void PricingEnded() => _lastPricing = _pricingBegan is { } before && secondsLeft is not null ? before - secondsLeft() : 0;
}
