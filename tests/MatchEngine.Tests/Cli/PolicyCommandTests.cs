using System.Text.Json;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Cli;

public class PolicyCommandTests
{
    private static string[] Batch(string outDir, params string[] extra) =>
        ["match", "--mentors", Samples("mentors.csv"), "--mentees", Samples("mentees.csv"), "--out", outDir, "--as-of", "2026-09-01", .. extra];

    [Fact]
    public void Rolling_intake_with_last_months_matches_locked_keeps_every_pair()
    {
        var dir = TempDir();
        Assert.Equal(0, Run(Batch(Path.Combine(dir, "m1"))).Code);
        var first = File.ReadAllLines(Path.Combine(dir, "m1", "matches.csv")).Skip(1).Select(l => l.Split(',')).Select(f => (f[0], f[1], f[3])).ToList();
        var (code, stdout, err) = Run(Batch(Path.Combine(dir, "m2"), "--locked", Path.Combine(dir, "m1", "matches.csv")));
        Assert.True(code == 0, err);
        Assert.Contains($"locked pairs kept:      {first.Count}", stdout, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(dir, "m2", "matches.csv"));
        var lockedColumn = Array.IndexOf(lines[0].Split(','), "locked");
        var second = lines.Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var (mentee, mentor, mode) in first)
        {
            Assert.Contains(second, f => f[0] == mentee && f[1] == mentor && f[3] == mode && f[lockedColumn] == "true");
        }
    }

    [Fact]
    public void Excluded_pair_is_never_made()
    {
        var dir = TempDir();
        Assert.Equal(0, Run(Batch(Path.Combine(dir, "a"))).Code);
        var pair = File.ReadAllLines(Path.Combine(dir, "a", "matches.csv"))[1].Split(',');
        var excluded = Path.Combine(dir, "excluded.csv");
        File.WriteAllText(excluded, $"mentee_id,mentor_id\n{pair[0]},{pair[1]}\n");
        Assert.Equal(0, Run(Batch(Path.Combine(dir, "b"), "--excluded", excluded)).Code);
        Assert.DoesNotContain(File.ReadAllLines(Path.Combine(dir, "b", "matches.csv")), l => l.StartsWith($"{pair[0]},{pair[1]},", StringComparison.Ordinal));
    }

    [Fact]
    public void Locked_and_excluded_files_with_unknown_people_or_overbooked_mentors_exit_2()
    {
        var dir = TempDir();
        var locked = Path.Combine(dir, "locked.csv");
        File.WriteAllText(locked, "mentee_id,mentor_id\nNOBODY,MR0001\nME0001,MR0010\nME0002,MR0010\nME0001,MR0011\n");
        var (code, _, err) = Run(Batch(Path.Combine(dir, "o"), "--locked", locked));
        Assert.Equal(2, code);
        Assert.Contains("locked.csv, row 2, column mentee_id: 'NOBODY' is not a mentee of this batch.", err, StringComparison.Ordinal);
        Assert.Contains("locked.csv, row 4, column mentor_id: 'MR0010' has more locked mentees than their capacity", err, StringComparison.Ordinal);
        Assert.Contains("locked.csv, row 5, column mentee_id: 'ME0001' is locked to two mentors: rows 3 and 5.", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
    }

    [Fact]
    public void Cross_background_target_is_reported_in_the_summary()
    {
        var dir = TempDir();
        var (code, stdout, _) = Run(Batch(dir, "--min-cross-background", "0.97"));
        Assert.Equal(0, code);
        Assert.Contains("target 97 % cross-background: NOT reachable", stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var t = doc.RootElement.GetProperty("cross_background_target");
        Assert.False(t.GetProperty("feasible").GetBoolean());
        Assert.True(t.GetProperty("score_given_up").GetDouble() >= 0);
        Assert.Equal(t.GetProperty("best_achievable_share").GetDouble(), doc.RootElement.GetProperty("cross_background_share").GetDouble(), 4);
        Assert.Equal(1, Run(Batch(TempDir(), "--min-cross-background", "1.5")).Code);
    }

    [Fact]
    public void Explain_prints_the_breakdown_and_the_rules_and_json_for_tools()
    {
        string[] args = ["explain", "--mentors", Samples("mentors.csv"), "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01"];
        var (code, text, err) = Run([.. args, "--mentee", "ME0001", "--mentor", "MR0002"]);
        Assert.True(code == 0, err);
        Assert.Contains("Matched with", text, StringComparison.Ordinal);
        Assert.Contains("ethnicity difference", text, StringComparison.Ordinal);
        Assert.Contains("Mentor MR0002: not allowed (MENTOR_TOO_YOUNG)", text, StringComparison.Ordinal);
        var (jcode, json, _) = Run([.. args, "--mentee", "ME0003", "--json"]);
        Assert.Equal(0, jcode);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("MENTEE_AGE_OUT_OF_RANGE", doc.RootElement.GetProperty("unmatched").GetProperty("reason_code").GetString());
        Assert.Equal(200, doc.RootElement.GetProperty("rejected").GetArrayLength() + doc.RootElement.GetProperty("alternatives").GetArrayLength());
        Assert.Equal(1, Run([.. args, "--mentee", "NOPE"]).Code);
    }

    [Fact]
    public void Policy_command_prints_the_defaults()
    {
        var (code, stdout, _) = Run("policy");
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(Samples("policy.json")), stdout);
    }
}
