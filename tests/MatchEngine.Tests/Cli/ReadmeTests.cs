using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Cli;

public class ReadmeTests
{
    [Fact]
    public void Library_quick_start_in_the_README_is_the_sample_that_CI_builds_against_the_package()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        var start = readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Samples(Path.Combine("PackageConsumer", "Program.cs"))), readme[start..end]);
    }

    [Fact]
    public void README_main_command_and_test_command_are_the_ones_CI_runs()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        var ci = File.ReadAllText(Path.Combine(RepoRoot, ".ci", "run"));
        Assert.Contains("dotnet run --project src/MatchEngine.Cli -- match --mentors samples/mentors.csv --mentees samples/mentees.csv --out out --as-of 2026-09-01", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test", ci, StringComparison.Ordinal);
        Assert.Contains("match --mentors samples/mentors.csv --mentees samples/mentees.csv", ci, StringComparison.Ordinal);
    }
}
