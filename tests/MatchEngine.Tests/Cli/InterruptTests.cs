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
