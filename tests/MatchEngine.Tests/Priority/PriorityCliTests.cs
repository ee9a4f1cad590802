using MatchEngine.Tests.Cli;

namespace MatchEngine.Tests.Priority;

public class PriorityCliTests
{
    [Fact]
    public void A_waited_rounds_tier_with_carry_over_matches_young_people_who_waited_two_rounds()
    {
        var dir = CliRunner.TempDir();
        string[] batch = ["match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01"];
        Assert.Equal(0, CliRunner.Run([.. batch, "--out", Path.Combine(dir, "r1")]).Code);
        var unmatched = Path.Combine(dir, "r1", "unmatched.csv");
        var waited = File.ReadAllLines(unmatched).Skip(1).Where(l => l.StartsWith("mentee,", StringComparison.Ordinal)).Select(l => l.Split(',')[1]).ToHashSet();
        var policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, "{ \"priority\": [\"waited_rounds>=2\", \"unmet_needs\"] }");
        var (code, _, err) = CliRunner.Run([.. batch, "--out", Path.Combine(dir, "r3"), "--policy", policy, "--carry-over", unmatched, "--carry-over", unmatched]);
        Assert.True(code == 0, err);
        var matched = File.ReadAllLines(Path.Combine(dir, "r3", "matches.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        Assert.True(waited.Count(matched.Contains) > waited.Count / 2, $"{waited.Count(matched.Contains)} of {waited.Count}");

        File.WriteAllText(policy, "{ \"priority\": [\"waited_rounds>=0\"] }");
        (code, _, err) = CliRunner.Run([.. batch, "--out", Path.Combine(dir, "bad"), "--policy", policy]);
        Assert.Equal(2, code);
        Assert.Contains("waited_rounds>=0", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Rounds_waited_and_waiting_since_columns_are_read_and_checked()
    {
        var text = "id,birth_date,region,modes,rounds_waited,waiting_since\nME1,2005-01-01,West Midlands,face-to-face,2,2026-01-15\nME2,2005-01-01,West Midlands,face-to-face,-1,2026-02-30\n";
        var r = MatchEngine.Csv.BatchCsv.ReadMentees(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), "mentees.csv", People.AsOf);
        Assert.Equal(2, r.Records.Single().RoundsWaited);
        Assert.Equal(new DateOnly(2026, 1, 15), r.Records.Single().WaitingSince);
        Assert.Contains(r.Errors, e => e.Row == 3 && e.Column == "rounds_waited");
        Assert.Contains(r.Errors, e => e.Row == 3 && e.Column == "waiting_since");
    }
}
