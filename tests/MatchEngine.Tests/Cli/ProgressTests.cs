using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using MatchEngine.Cli;
using MatchEngine.Cli.Commands;

namespace MatchEngine.Tests.Cli;

/// <summary>
/// Progress on stderr: plain lines when stderr is not a terminal, at least once a second while a stage lasts (even one
/// that reports nothing), nothing with --quiet, and never in an output file. No timing is asserted: a stage is kept
/// going by an input that is a named pipe, fed only once the test has seen the progress it waits for.
/// </summary>
public partial class ProgressTests
{
    [GeneratedRegex(@"^\[\s*\d+\.\ds\] \S", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();

    /// <summary>A writer the test can read while the CLI writes to it from other threads.</summary>
    private sealed class SharedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    private static string Fifo(string dir)
    {
        var path = Path.Combine(dir, "mentees-pipe.csv");
        using var p = Process.Start("mkfifo", [path]);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return path;
    }

    private static async Task Feed(string fifo, string from)
    {
        await using var w = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        var bytes = await File.ReadAllBytesAsync(from);
        await w.WriteAsync(bytes);
    }

    private static async Task<bool> Until(Func<bool> seen)
    {
        var clock = Stopwatch.StartNew();
        while (!seen())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    [Fact]
    public async Task A_stage_that_lasts_prints_progress_lines_every_second_when_piped()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var dir = CliRunner.TempDir();
        var fifo = Fifo(dir);
        var (o, e) = (new SharedWriter(), new SharedWriter());
        var app = new CliApp(o, e, new FixedTime(new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero)));
        var run = Task.Run(() => app.Run(["validate", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", fifo, "--as-of", "2026-09-01"]));

        // The reading stage cannot end before the pipe is fed: it must say so, and again while it lasts.
        Assert.True(await Until(() => e.ToString().Contains("(still working", StringComparison.Ordinal)), e.ToString());
        await Feed(fifo, CliRunner.Samples("mentees.csv"));
        var code = await run;
        Assert.True(code == 0, e.ToString());

        var lines = e.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("] reading", StringComparison.Ordinal) && !l.Contains("still", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("] reading (still working, ", StringComparison.Ordinal));
        Assert.All(lines.Where(l => !l.StartsWith("note", StringComparison.Ordinal) && !l.StartsWith("warning", StringComparison.Ordinal)), l => Assert.Matches(ProgressLine(), l));
        Assert.StartsWith("OK: 200 mentors and 300 mentees are valid", o.ToString(), StringComparison.Ordinal);
        Assert.DoesNotMatch(ProgressLine(), o.ToString());
    }

    [Fact]
    public async Task Quiet_prints_no_progress_even_for_a_stage_that_lasts()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var dir = CliRunner.TempDir();
        var fifo = Fifo(dir);
        var (o, e) = (new SharedWriter(), new SharedWriter());
        var app = new CliApp(o, e, new FixedTime(new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero)));
        var run = Task.Run(() => app.Run(["validate", "-q", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", fifo, "--as-of", "2026-09-01"]));
        await Task.Delay(2500); // long enough that progress would have shown; nothing is asserted about time
        await Feed(fifo, CliRunner.Samples("mentees.csv"));
        Assert.True(await run == 0, e.ToString());
        Assert.Equal(string.Empty, e.ToString());
        Assert.Equal(string.Empty, o.ToString());

        // Progress goes to stderr only: the files are byte for byte those of a run that printed progress.
        string[] Match(string o, params string[] more) => ["match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01", "--out", Path.Combine(dir, o), .. more];
        Assert.Equal((0, string.Empty, string.Empty), CliRunner.Run(Match("quiet", "-q")));
        var (code, _, err) = CliRunner.Run(Match("loud"));
        Assert.True(code == 0, err);
        foreach (var f in new[] { "matches.csv", "unmatched.csv", "per-mentor.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "loud", f)), File.ReadAllBytes(Path.Combine(dir, "quiet", f)));
        }
    }

    [Fact]
    public void A_quiet_run_with_bad_input_prints_only_errors()
    {
        var dir = CliRunner.TempDir();
        var bad = Path.Combine(dir, "mentees.csv");
        File.WriteAllText(bad, "id,birth_date,region,latitude,longitude,modes\nE1,not-a-date,West Midlands,52.4,-1.9,face-to-face\n");
        var (code, stdout, stderr) = CliRunner.Run("match", "--quiet", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", bad, "--as-of", "2026-09-01", "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.All(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.True(l.StartsWith("error", StringComparison.Ordinal) || l.StartsWith("  ", StringComparison.Ordinal), l));
        Assert.DoesNotMatch(ProgressLine(), stderr);
    }

    [Theory]
    [InlineData("solving round 3 (522,674 pairs)", 3, 0, "solving round 3 (522,674 pairs)")]
    [InlineData("priced round 2: 56,240 pairs added; score within 87286.58 points of the optimum", 2, 0, "priced round 2: 56,240 pairs added; score within 87286.58 points of the optimum")]
    [InlineData("candidates", 16384, 20000, "candidates 16,384/20,000 (82%)")]
    [InlineData("solving", 0, 1, "solving")]
    [InlineData("evil \u001b[2J stage", 0, 0, "evil \\e[2J stage")]
    public void Whatever_the_library_reports_is_shown_generically_and_terminal_safe(string stage, long done, long total, string shown)
    {
        Assert.Equal(shown, ProgressDisplay.Describe(new MatchProgress(stage, done, total)));
    }

    [Fact]
    public void Quiet_has_no_display_and_a_redirected_stderr_gets_lines()
    {
        var quiet = new CliContext(TextWriter.Null, TextWriter.Null, TimeProvider.System);
        quiet.Quiet.On = true;
        using (var p = ProgressDisplay.Start(quiet))
        {
            Assert.Equal(ProgressDisplay.Mode.Off, p.DisplayMode);
        }

        using var lines = ProgressDisplay.Start(new CliContext(TextWriter.Null, new StringWriter(), TimeProvider.System));
        Assert.Equal(ProgressDisplay.Mode.Lines, lines.DisplayMode);
    }
}
