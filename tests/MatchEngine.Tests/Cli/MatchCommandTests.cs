using System.Text.Json;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Cli;

public class MatchCommandTests
{
    private static string[] MatchArgs(string outDir, params string[] extra) =>
        ["match", "--mentors", Samples("mentors.csv"), "--mentees", Samples("mentees.csv"), "--out", outDir, "--as-of", "2026-09-01", .. extra];

    [Fact]
    public void Match_on_the_samples_writes_the_three_files_and_a_summary()
    {
        var dir = TempDir();
        var (code, stdout, stderr) = Run(MatchArgs(dir));
        Assert.True(code == 0, stderr);
        Assert.Contains("Matched", stdout, StringComparison.Ordinal);
        Assert.Contains("unmet needs matched", stdout, StringComparison.Ordinal);
        Assert.Contains("cross-background", stdout, StringComparison.Ordinal);
        Assert.Contains("elapsed", stdout, StringComparison.Ordinal);
        var matches = File.ReadAllLines(Path.Combine(dir, "matches.csv"));
        var unmatched = File.ReadAllLines(Path.Combine(dir, "unmatched.csv"));
        Assert.StartsWith("mentee_id,mentor_id,score,mode,distance_km,cross_background", matches[0], StringComparison.Ordinal);
        Assert.Equal("role,id,reason_code,reason,eligible_count", unmatched[0]);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var matched = summary.RootElement.GetProperty("matched").GetInt32();
        Assert.Equal(matches.Length - 1, matched);
        var menteeRows = File.ReadAllLines(Samples("mentees.csv")).Length - 1;
        Assert.Equal(menteeRows, matched + unmatched.Count(l => l.StartsWith("mentee,", StringComparison.Ordinal)));
    }

    [Fact]
    public void Match_twice_gives_byte_identical_files()
    {
        var a = TempDir();
        var b = TempDir();
        Assert.Equal(0, Run(MatchArgs(a)).Code);
        Assert.Equal(0, Run(MatchArgs(b)).Code);
        foreach (var f in new[] { "matches.csv", "unmatched.csv", "summary.json" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f)));
        }
    }

    [Fact]
    public void Earlier_results_are_not_overwritten_without_force()
    {
        var dir = TempDir();
        Assert.Equal(0, Run(MatchArgs(dir)).Code);
        var (code, _, err) = Run(MatchArgs(dir));
        Assert.Equal(1, code);
        Assert.Contains("--force", err, StringComparison.Ordinal);
        Assert.Equal(0, Run(MatchArgs(dir, "--force")).Code);
    }

    [Fact]
    public void Invalid_input_exits_2_lists_every_error_and_writes_nothing()
    {
        var dir = TempDir();
        var mentees = Path.Combine(dir, "mentees.csv");
        File.WriteAllText(mentees,
            "id,birth_date,region,modes,unmet_needs\n" +
            "A1,2010-02-30,West Midlands,face-to-face,yes\n" +
            "A2,2009-01-01,West Midlands,virtaul,yse\n" +
            "A1,2009-01-01,,hybrid,no\n");
        var outDir = Path.Combine(dir, "out");
        var (code, stdout, stderr) = Run("match", "--mentors", Samples("mentors.csv"), "--mentees", mentees, "--out", outDir, "--as-of", "2026-09-01");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.False(Directory.Exists(outDir));
        Assert.Contains("mentees.csv, row 2, column birth_date: '2010-02-30' is not a date that exists.", stderr, StringComparison.Ordinal);
        Assert.Contains("row 3, column modes: 'virtaul' is not a meeting mode", stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'virtual'?", stderr, StringComparison.Ordinal);
        Assert.Contains("row 3, column unmet_needs: 'yse'", stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'yes'?", stderr, StringComparison.Ordinal);
        Assert.Contains("row 4, column region", stderr, StringComparison.Ordinal);
        Assert.Contains("same id is on row 2 and row 4", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_the_samples_and_rejects_bad_files_with_exit_2()
    {
        var (ok, okOut, _) = Run("validate", "--mentors", Samples("mentors.csv"), "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01");
        Assert.Equal(0, ok);
        Assert.Contains("200 mentors and 300 mentees are valid", okOut, StringComparison.Ordinal);
        var (bad, _, err) = Run("validate", "--mentors", Samples("mentees.csv"), "--mentees", Samples("mentors.csv"), "--as-of", "2026-09-01");
        Assert.Equal(2, bad);
        Assert.Contains("looks like a mentees file", err, StringComparison.Ordinal);
        Assert.Contains("looks like a mentors file", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_and_bad_options_are_reported_without_a_stack_trace()
    {
        var dir = TempDir();
        var (code, _, err) = Run("match", "--mentors", Path.Combine(dir, "nope.csv"), "--mentees", Samples("mentees.csv"), "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains("nope.csv: does not exist.", err, StringComparison.Ordinal);
        Assert.Equal(1, Run(MatchArgs(Path.Combine(dir, "o2"), "--as-of", "2026-13-01")).Code);
        Assert.Equal(1, Run("match", "--mentors", Samples("mentors.csv")).Code);
        Assert.Equal(1, Run("frobnicate").Code);
    }
}
