using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MatchEngine.Cli;

/// <summary>
/// Seconds per stage of a run, for <c>match --timings FILE</c>: every progress report passes through to the display,
/// and the time from one stage to the next is added to the stage's kind (reading, candidates, solving, counts,
/// pricing, writing; for a report without a kind, the first word of its text). Kept out of summary.json, which stays byte-identical between runs.
/// </summary>
internal sealed class StageTimer(IProgress<MatchProgress> inner) : IProgress<MatchProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Stage, double Seconds)> _stages = [];
    private readonly object _lock = new();
    private string? _current;
    private double _since;

    public void Report(MatchProgress value)
    {
        var family = value.Kind != ProgressStage.Other ? value.Kind.ToString().ToLowerInvariant() : Family(value.Stage);
        lock (_lock)
        {
            if (family != _current)
            {
                Close();
                _current = family;
            }
        }

        inner.Report(value);
    }

    /// <summary>Writes <c>stage,seconds</c> rows (stages in the order first seen) and a total, atomically.</summary>
    public void Write(FileInfo file)
    {
        lock (_lock)
        {
            Close();
            _current = null;
        }

        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("stage,seconds\n");
        foreach (var (stage, seconds) in _stages)
        {
            sb.Append(inv, $"{stage},{seconds:0.000}\n");
        }

        sb.Append(inv, $"total,{_clock.Elapsed.TotalSeconds:0.000}\n");
        var temp = file.FullName + ".tmp";
        File.WriteAllText(temp, sb.ToString());
        File.Move(temp, file.FullName, overwrite: true);
    }

    private void Close()
    {
        var now = _clock.Elapsed.TotalSeconds;
        if (_current is not null)
        {
            var i = _stages.FindIndex(s => s.Stage == _current);
            if (i < 0)
            {
                _stages.Add((_current, now - _since));
            }
            else
            {
                _stages[i] = (_current, _stages[i].Seconds + (now - _since));
            }
        }

        _since = now;
    }

    private static string Family(string stage)
    {
        var word = stage.Split(' ', 2)[0].ToLowerInvariant();
        return word == "priced" ? "pricing" : word;
    }
}
