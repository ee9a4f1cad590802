using System.Diagnostics;
using System.Globalization;
using System.Text;
using MatchEngine.Cli.Commands;
using Spectre.Console;

namespace MatchEngine.Cli;

/// <summary>
/// Shows the progress of a long run on stderr, at least once a second, whatever the library reports:
/// <list type="bullet">
/// <item>on a terminal, a live bar (Spectre.Console) with the stage, its count, the time in the stage and a spinner,
/// redrawn ten times a second, so it moves even while one long solver call reports nothing;</item>
/// <item>when stderr is redirected (a pipe, a log file, CI), plain lines: one at each new stage, then one a second
/// while the stage lasts (the count when it moves, else "still working, N s in this stage");</item>
/// <item>nothing for a run that ends within a second (the live bar appears after half a second, the lines after one).</item>
/// <item>nothing with <c>--quiet</c>.</item>
/// </list>
/// The stage text is whatever <see cref="MatchProgress.Stage"/> carries (rounds, pairs priced, the gap); a count is
/// shown when <see cref="MatchProgress.Total"/> is above 1 (0/1 is a stage without units). Output files are never touched.
/// </summary>
internal sealed class ProgressDisplay : IProgress<MatchProgress>, IDisposable
{
    private static readonly TimeSpan Beat = TimeSpan.FromSeconds(1);
    private readonly TextWriter _err;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly Timer? _heartbeat;
    private readonly Thread? _live;
    private readonly ManualResetEventSlim _stop = new();
    private readonly IDisposable? _abandonTidy;
    private MatchProgress? _current;
    private TimeSpan _stageStart;
    private TimeSpan _lastLine;
    private string? _shownStage;
    private bool _disposed;

    private ProgressDisplay(TextWriter err, Mode mode)
    {
        _err = err;
        DisplayMode = mode;
        if (mode == Mode.Lines)
        {
            _heartbeat = new Timer(_ => HeartbeatLine(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }
        else if (mode == Mode.Live)
        {
            _abandonTidy = Interruption.OnAbandon(() => _err.Write("\u001b[?25h"));
            _live = new Thread(LiveLoop) { IsBackground = true, Name = "progress" };
            _live.Start();
        }
    }

    /// <summary>How progress is shown.</summary>
    public enum Mode
    {
        /// <summary>Not at all (--quiet).</summary>
        Off,

        /// <summary>Plain timestamped lines (stderr redirected).</summary>
        Lines,

        /// <summary>A live bar (stderr is a terminal).</summary>
        Live,
    }

    public Mode DisplayMode { get; }

    /// <summary>Starts showing progress for a command: live on a terminal, lines when redirected, nothing with --quiet.</summary>
    public static ProgressDisplay Start(CliContext cli)
    {
        if (cli.Quiet.On)
        {
            return new ProgressDisplay(TextWriter.Null, Mode.Off);
        }

        var err = cli.RawErr ?? cli.Err;
        return new ProgressDisplay(err, IsTerminal(err) ? Mode.Live : Mode.Lines);
    }

    public static bool IsTerminal(TextWriter err) => ReferenceEquals(err, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>The stage as a line shows it: the stage text and, when it has units, the count and the share done.</summary>
    internal static string Describe(MatchProgress p)
    {
        var stage = TerminalText.Safe(p.Stage, 120);
        return p.Total > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{stage} {p.Done:N0}/{p.Total:N0} ({100.0 * Math.Clamp(p.Done, 0, p.Total) / p.Total:0}%)")
            : stage;
    }

    public void Report(MatchProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var now = _clock.Elapsed;
            var changed = _current is null || value.Stage != _current.Stage;
            if (changed)
            {
                _stageStart = now;
            }

            _current = value;
            if (DisplayMode == Mode.Lines && now >= Beat && (changed || now - _lastLine >= Beat))
            {
                WriteLine(now, Describe(value));
            }
        }
    }

    /// <summary>Ends the display (clears the live bar); the same as <see cref="Dispose"/>.</summary>
    public void Done() => Dispose();

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _heartbeat?.Dispose();
        _stop.Set();
        _live?.Join();
        _abandonTidy?.Dispose();
        _stop.Dispose();
    }

    private void WriteLine(TimeSpan now, string text)
    {
        _lastLine = now;
        _shownStage = _current?.Stage;
        _err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{now.TotalSeconds,6:0.0}s] {text}"));
    }

    /// <summary>Lines mode: when nothing was printed for a second, says the stage is still working.</summary>
    private void HeartbeatLine()
    {
        lock (_lock)
        {
            var now = _clock.Elapsed;
            if (_disposed || _current is null || now < Beat || now - _lastLine < Beat - TimeSpan.FromMilliseconds(150))
            {
                return;
            }

            WriteLine(now, _shownStage == _current.Stage
                ? string.Create(CultureInfo.InvariantCulture, $"{Describe(_current)} (still working, {(now - _stageStart).TotalSeconds:0} s in this stage)")
                : Describe(_current));
        }
    }

    /// <summary>Live mode: draws the bar on its own thread until disposed; runs shorter than half a second draw nothing.</summary>
    private void LiveLoop()
    {
        if (_stop.Wait(TimeSpan.FromMilliseconds(500)))
        {
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_err) });
        LiveErrorWriter.Instance.Attach(console);
        try
        {
            console.Progress()
                .AutoClear(true)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("starting", autoStart: true, maxValue: 1);
                    do
                    {
                        lock (_lock)
                        {
                            if (_current is { } p)
                            {
                                var inStage = (_clock.Elapsed - _stageStart).TotalSeconds;
                                task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{Describe(p)}  {inStage:0}s"));
                                task.IsIndeterminate = p.Total <= 1;
                                task.MaxValue = Math.Max(1, p.Total);
                                task.Value = Math.Clamp(p.Done, 0, Math.Max(1, p.Total));
                            }
                        }

                        ctx.Refresh();
                    }
                    while (!_stop.Wait(TimeSpan.FromMilliseconds(100)));
                    task.StopTask();
                });
        }
#pragma warning disable CA1031 // The display must never end the run: if the terminal cannot take it, the run goes on without it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            LiveErrorWriter.Instance.Detach();
        }
    }
}

/// <summary>
/// Stderr of the process while a live bar may be drawn: lines written for people (errors, warnings, notes) go through
/// the live display's console, which prints them above the bar instead of across it; otherwise straight to stderr.
/// </summary>
internal sealed class LiveErrorWriter : TextWriter
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _pending = new();
    private IAnsiConsole? _live;

    private LiveErrorWriter()
    {
    }

    public static LiveErrorWriter Instance { get; } = new();

    public override Encoding Encoding => Console.Error.Encoding;

    /// <summary>The writer for a command's stderr: this one for the process's stderr, the writer itself otherwise (tests).</summary>
    public static TextWriter For(TextWriter stderr) => ReferenceEquals(stderr, Console.Error) ? Instance : stderr;

    public void Attach(IAnsiConsole console)
    {
        lock (_lock)
        {
            _live = console;
        }
    }

    public void Detach()
    {
        lock (_lock)
        {
            var console = _live;
            _live = null;
            if (_pending.Length > 0)
            {
                console?.Write(new Spectre.Console.Text(_pending.ToString()));
                console?.WriteLine();
                _pending.Clear();
            }
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_lock)
        {
            if (_live is null)
            {
                Console.Error.Write(value);
                return;
            }

            _pending.Append(value);
            var text = _pending.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0)
            {
                return;
            }

            _pending.Clear().Append(text.AsSpan(end + 1));
            foreach (var line in text[..end].Split('\n'))
            {
                _live.Write(new Spectre.Console.Text(line.TrimEnd('\r')));
                _live.WriteLine();
            }
        }
    }

    public override void WriteLine() => Write("\n");

    public override void WriteLine(string? value) => Write(value + "\n");

    public override void Flush()
    {
        lock (_lock)
        {
            if (_live is null)
            {
                Console.Error.Flush();
            }
        }
    }
}
