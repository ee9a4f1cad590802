using System.Diagnostics;
using System.Globalization;

namespace MatchEngine.Cli;

/// <summary>
/// Shows progress of a long run on stderr: one live line on a terminal, plain timestamped lines when stderr is
/// redirected (a log file, CI). Quiet for runs that finish within a second.
/// </summary>
internal sealed class ProgressDisplay : IProgress<MatchProgress>
{
    private readonly TextWriter _err;
    private readonly bool _live;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private string _lastStage = string.Empty;
    private long _lastTick;

    public ProgressDisplay(TextWriter err, bool live)
    {
        _err = err;
        _live = live;
    }

    public static bool IsTerminal(TextWriter err) => ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected;

    public void Report(MatchProgress value)
    {
        lock (_lock)
        {
            var ms = _clock.ElapsedMilliseconds;
            var changed = value.Stage != _lastStage;
            if (!changed && ms - _lastTick < (_live ? 200 : 5000))
            {
                return;
            }

            _lastTick = ms;
            _lastStage = value.Stage;
            var pct = value.Total > 0 ? string.Create(CultureInfo.InvariantCulture, $" {value.Done:N0}/{value.Total:N0} ({100.0 * value.Done / value.Total:0}%)") : string.Empty;
            var line = string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {value.Stage}{pct}");
            if (_live)
            {
                _err.Write("\r" + line.PadRight(72));
            }
            else
            {
                _err.WriteLine(line);
            }
        }
    }

    public void Done()
    {
        if (_live && _lastStage.Length > 0)
        {
            _err.Write("\r" + new string(' ', 72) + "\r");
        }
    }
}
