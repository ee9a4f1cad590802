using System.Diagnostics;
using MatchEngine.Csv;
using MatchEngine.Generation;

namespace MatchEngine.Tests.Cli;

/// <summary>Kills a real `match` process at different moments: the output folder holds the old or the new complete files, never a mix or a fragment.</summary>
public class InterruptTests
{
    private static readonly string[] Outputs = ["matches.csv", "unmatched.csv", "summary.json"];

    private static void Kill(int pid, int signal)
    {
        using var k = Process.Start("kill", $"-{signal} {pid}");
        k.WaitForExit();
    }

    [Theory]
    [InlineData(15, 0)]
    [InlineData(15, 150)]
    [InlineData(15, 400)]
    [InlineData(15, 900)]
    [InlineData(9, 200)]
    [InlineData(9, 700)]
    public void Killed_run_leaves_old_or_new_complete_files(int signal, int delayMs)
    {
        var dir = CliRunner.TempDir();
        var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 1500, Mentees = 1500, Seed = 5 });
        using (var f = File.Create(Path.Combine(dir, "mentors.csv")))
        {
            BatchCsvWriter.WriteMentors(f, batch.Mentors);
        }

        using (var f = File.Create(Path.Combine(dir, "mentees.csv")))
        {
            BatchCsvWriter.WriteMentees(f, batch.Mentees);
        }

        string[] Args(string outDir, string asOf) =>
            ["match", "--mentors", Path.Combine(dir, "mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"), "--out", outDir, "--as-of", asOf, "--force"];

        var oldDir = Path.Combine(dir, "old");
        var newDir = Path.Combine(dir, "new");
        var target = Path.Combine(dir, "target");
        Assert.Equal(0, CliRunner.Run(Args(oldDir, "2026-01-01")).Code);
        Assert.Equal(0, CliRunner.Run(Args(newDir, "2026-09-01")).Code);
        Assert.Equal(0, CliRunner.Run(Args(target, "2026-01-01")).Code);

        var cli = Path.Combine(AppContext.BaseDirectory, "MatchEngine.Cli.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(cli);
        foreach (var a in Args(target, "2026-09-01"))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        Thread.Sleep(delayMs);
        Kill(p.Id, signal);
        Assert.True(p.WaitForExit(60_000));
        int[] expected = signal == 15 ? [0, 143] : [0, 137];
        Assert.Contains(p.ExitCode, (IEnumerable<int>)expected);
        if (signal == 15)
        {
            Assert.DoesNotContain(Directory.GetFiles(target), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        }

        var state = Outputs.Select(o => File.ReadAllBytes(Path.Combine(target, o))).ToList();
        bool Same(string d) => Outputs.Select((o, i) => state[i].SequenceEqual(File.ReadAllBytes(Path.Combine(d, o)))).All(x => x);
        bool EachComplete() => Outputs.Select((o, i) => state[i].SequenceEqual(File.ReadAllBytes(Path.Combine(oldDir, o))) || state[i].SequenceEqual(File.ReadAllBytes(Path.Combine(newDir, o)))).All(x => x);
        Assert.True(signal == 15 ? Same(oldDir) || Same(newDir) : EachComplete(), "the output folder holds a mix or a fragment");
    }
}

/// <summary>
/// Ctrl-C / SIGTERM are honoured within about a second even when the run does not hear the cancellation (as a native
/// solver call does not): the process says so, ends with 130 / 143, and the output folder keeps the earlier set, with
/// nothing beside it that the next run would trip on. The run is made deaf by a test-only switch and kept going by an
/// input that is a named pipe nobody writes to, so it can neither finish nor stop by itself: no timing is asserted,
/// the signal is sent after the first progress line.
/// </summary>
public class DeafRunInterruptTests
{
    [Theory]
    [InlineData(15, 143)]
    [InlineData(2, 130)]
    public async Task A_run_that_cannot_be_cancelled_is_ended_and_leaves_the_earlier_results(int signal, int expected)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var dir = CliRunner.TempDir();
        var fifo = Path.Combine(dir, "mentees.csv");
        using (var mk = Process.Start("mkfifo", [fifo]))
        {
            await mk.WaitForExitAsync();
            Assert.Equal(0, mk.ExitCode);
        }

        var target = Path.Combine(dir, "out");
        string[] Small() => ["match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--out", target, "--as-of", "2026-09-01", "--force"];
        Assert.Equal(0, CliRunner.Run(Small()).Code);
        var before = Directory.GetFiles(target).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();

        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["MATCHENGINE_TEST_IGNORE_CANCEL"] = "1";
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MatchEngine.Cli.dll"));
        foreach (var a in (string[])["match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", fifo, "--out", target, "--as-of", "2026-09-01", "--force"])
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var first = await p.StandardError.ReadLineAsync();
        Assert.NotNull(first);
        Assert.Contains("] reading", first, StringComparison.Ordinal);
        using (var k = Process.Start("kill", $"-{signal} {p.Id}"))
        {
            await k.WaitForExitAsync();
        }

        var rest = await p.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            await p.WaitForExitAsync(timeout.Token);
        }

        Assert.True(p.ExitCode == expected, $"exit {p.ExitCode}\n{first}\n{rest}");
        Assert.Contains("interrupted: nothing was written; the earlier results are unchanged.", rest, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrote", await stdout, StringComparison.Ordinal);

        var after = Directory.GetFiles(target).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        Assert.Equal(before.Select(x => x.Item1), after.Select(x => x.Item1));
        Assert.All(before.Zip(after), x => Assert.True(x.First.Item2.AsSpan().SequenceEqual(x.Second.Item2), x.First.Item1 + " changed"));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(dir), e => Path.GetFileName(e).StartsWith(".matchengine", StringComparison.Ordinal));

        // Nothing left for the next run to trip on.
        var (code, _, err) = CliRunner.Run(Small());
        Assert.True(code == 0, err);
    }
}
