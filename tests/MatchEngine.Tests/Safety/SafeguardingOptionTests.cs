using MatchEngine.Tests.Cli;

namespace MatchEngine.Tests.Safety;

/// <summary>
/// Safeguarding is never bypassed: a policy file, a sweep grid or <see cref="MatchOptions"/> can tighten the
/// safeguarding options (raise the ages) but never switch them off or lower an age below 18.
/// </summary>
public class SafeguardingOptionTests
{
    private const string Why = "safeguarding cannot be switched off";

    [Theory]
    [InlineData("{ \"safeguarding\": { \"require_background_check\": false } }", "safeguarding.require_background_check", "has false")]
    [InlineData("{ \"safeguarding\": { \"remote_only_for_adults\": false } }", "safeguarding.remote_only_for_adults", "has false")]
    [InlineData("{ \"safeguarding\": { \"background_check_under_age\": 16 } }", "safeguarding.background_check_under_age", "has 16")]
    [InlineData("{ \"safeguarding\": { \"remote_min_age\": 0 } }", "safeguarding.remote_min_age", "has 0")]
    public void A_policy_that_switches_safeguarding_off_exits_2_naming_the_file_the_key_and_why(string json, string key, string has)
    {
        var dir = CliRunner.TempDir();
        var policy = Path.Combine(dir, "loose-policy.json");
        File.WriteAllText(policy, json);
        var outDir = Path.Combine(dir, "out");
        var (code, _, err) = CliRunner.Run("match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--out", outDir, "--as-of", "2026-09-01", "--policy", policy);
        Assert.Equal(2, code);
        var line = Assert.Single(err.Split('\n'), l => l.Contains(key, StringComparison.Ordinal));
        Assert.Contains("loose-policy.json", line, StringComparison.Ordinal);
        Assert.Contains(has, line, StringComparison.Ordinal);
        Assert.Contains(Why, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Every_loosened_switch_is_listed_and_validate_refuses_it_too()
    {
        var dir = CliRunner.TempDir();
        var policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, "{ \"safeguarding\": { \"require_background_check\": false, \"remote_only_for_adults\": false, \"remote_min_age\": 17, \"background_check_under_age\": 12 } }");
        var (code, _, err) = CliRunner.Run("validate", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01", "--policy", policy);
        Assert.Equal(2, code);
        Assert.Equal(4, err.Split('\n').Count(l => l.Contains(Why, StringComparison.Ordinal)));
    }

    [Fact]
    public void Raising_the_safeguarding_ages_is_allowed_and_tightens_the_match()
    {
        var dir = CliRunner.TempDir();
        var policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, "{ \"safeguarding\": { \"require_background_check\": true, \"remote_min_age\": 21, \"background_check_under_age\": 21 } }");
        string[] Args(string o, params string[] more) => ["match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--out", Path.Combine(dir, o), "--as-of", "2026-09-01", .. more];
        var (code, _, err) = CliRunner.Run(Args("strict", "--policy", policy));
        Assert.True(code == 0, err);
        Assert.Equal(0, CliRunner.Run(Args("default")).Code);
        int Matched(string o) => File.ReadAllLines(Path.Combine(dir, o, "matches.csv")).Length - 1;
        Assert.True(Matched("strict") <= Matched("default"));
    }

    [Fact]
    public void A_sweep_grid_cannot_switch_safeguarding_off()
    {
        var dir = CliRunner.TempDir();
        var grid = Path.Combine(dir, "grid.json");
        File.WriteAllText(grid, "{ \"safeguarding.require_background_check\": [true, false] }");
        var (code, _, err) = CliRunner.Run("sweep", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01", "--policy-grid", grid);
        Assert.Equal(2, code);
        Assert.Contains("grid.json: field 'safeguarding.require_background_check' has false: " + Why, err, StringComparison.Ordinal);
    }

    public static TheoryData<string, MatchOptions> Loosened => new()
    {
        { nameof(MatchOptions.RequireBackgroundCheck), MatchOptions.Default with { RequireBackgroundCheck = false } },
        { nameof(MatchOptions.RemoteOnlyForAdults), MatchOptions.Default with { RemoteOnlyForAdults = false } },
        { nameof(MatchOptions.BackgroundCheckUnderAge), MatchOptions.Default with { BackgroundCheckUnderAge = 17 } },
        { nameof(MatchOptions.RemoteMinAge), MatchOptions.Default with { RemoteMinAge = -1 } },
    };

    [Theory]
    [MemberData(nameof(Loosened))]
    public void The_library_refuses_options_that_switch_safeguarding_off(string property, MatchOptions options)
    {
        var problem = Assert.Single(options.Validate());
        Assert.StartsWith(property + ": ", problem, StringComparison.Ordinal);
        Assert.Contains(Why, problem, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => new Matcher(options));
        Assert.Contains(property, e.Message, StringComparison.Ordinal);
        Assert.Contains(Why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_accepts_raised_ages()
    {
        Assert.Empty((MatchOptions.Default with { RemoteMinAge = 25, BackgroundCheckUnderAge = 21 }).Validate());
    }
}
