using System.Text;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Review;
using MatchEngine.Tests.Cli;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Review;

public class ReviewRoundTests
{
    private static string[] Args(string dir, string outName, params string[] extra) =>
        ["match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01",
            "--out", Path.Combine(dir, outName), .. extra];

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => SplitCsv(l)).Select(cells => header.Select((h, i) => (h, cells[i])).ToDictionary(x => x.h, x => x.Item2))];
    }

    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    sb.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    sb.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(c);
            }
        }

        cells.Add(sb.ToString());
        return [.. cells];
    }

    /// <summary>The coordinator's review: accept every third proposal, reject every seventh (the other rows stay blank).</summary>
    private static (HashSet<(string, string)> Accepted, HashSet<(string, string)> Rejected) Review(string matches, string reviewed, int salt)
    {
        var lines = File.ReadAllLines(matches);
        var accepted = new HashSet<(string, string)>();
        var rejected = new HashSet<(string, string)>();
        var output = new List<string> { lines[0] };
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            var pair = (cells[0], cells[1]);
            var line = lines[i];
            if (line.EndsWith(",false,", StringComparison.Ordinal))
            {
                if ((i + salt) % 3 == 0)
                {
                    line += "accept";
                    accepted.Add(pair);
                }
                else if ((i + salt) % 7 == 0)
                {
                    line += "Reject";
                    rejected.Add(pair);
                }
            }

            output.Add(line);
        }

        File.WriteAllLines(reviewed, output);
        return (accepted, rejected);
    }

    [Fact]
    public void Three_review_rounds_keep_every_accepted_pair_and_never_propose_a_rejected_one_again()
    {
        var dir = CliRunner.TempDir();
        var (code, _, err) = CliRunner.Run(Args(dir, "round1"));
        Assert.True(code == 0, err);
        var (acc1, rej1) = Review(Path.Combine(dir, "round1", "matches.csv"), Path.Combine(dir, "reviewed1.csv"), 0);

        (code, var out2, err) = CliRunner.Run(Args(dir, "round2", "--decisions", Path.Combine(dir, "reviewed1.csv")));
        Assert.True(code == 0, err);
        Assert.Contains("review:", out2, StringComparison.Ordinal);
        var round2 = ReadCsv(Path.Combine(dir, "round2", "matches.csv"));
        var (acc2, rej2) = Review(Path.Combine(dir, "round2", "matches.csv"), Path.Combine(dir, "reviewed2.csv"), 1);

        (code, _, err) = CliRunner.Run(Args(dir, "round3", "--decisions", Path.Combine(dir, "reviewed1.csv"), "--decisions", Path.Combine(dir, "reviewed2.csv")));
        Assert.True(code == 0, err);
        var round3 = ReadCsv(Path.Combine(dir, "round3", "matches.csv"));

        Assert.NotEmpty(acc1);
        Assert.NotEmpty(rej1);
        Assert.NotEmpty(acc2);
        Assert.NotEmpty(rej2);
        foreach (var (round, accepted, rejected) in new[] { (round2, acc1, rej1), (round3, acc1.Union(acc2).ToHashSet(), rej1.Union(rej2).ToHashSet()) })
        {
            var pairs = round.ToDictionary(r => (r["mentee_id"], r["mentor_id"]));
            foreach (var a in accepted)
            {
                Assert.True(pairs.TryGetValue(a, out var row), $"accepted pair {a} is missing");
                Assert.Equal("true", row!["locked"]);
                Assert.Equal("accept", row["decision"]);
            }

            Assert.DoesNotContain(pairs.Keys, rejected.Contains);
        }

        // Round-changes: every reject of round 2 shows up as a new mentor or a lost proposal, with the reason.
        var changes = ReadCsv(Path.Combine(dir, "round3", "round-changes.csv"));
        foreach (var (mentee, mentor) in rej2)
        {
            var c = Assert.Single(changes, r => r["mentee_id"] == mentee);
            Assert.Equal(mentor, c["previous_mentor_id"]);
            Assert.Equal("reject", c["previous_decision"]);
            Assert.Contains(c["change"], new[] { "new_mentor", "lost_proposal" });
            Assert.Contains("was rejected", c["reason"], StringComparison.Ordinal);
        }

        Assert.All(changes.Where(r => acc2.Contains((r["mentee_id"], r["previous_mentor_id"]))), r => Assert.Equal("kept", r["change"]));

        // Any earlier round's reviewed file is accepted as it is, on its own.
        (code, _, err) = CliRunner.Run(Args(dir, "again", "--decisions", Path.Combine(dir, "reviewed1.csv")));
        Assert.True(code == 0, err);
    }

    [Fact]
    public void A_matches_file_with_or_without_the_decision_column_still_works_as_locked()
    {
        var dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(Args(dir, "r1")).Code);
        var withColumn = Path.Combine(dir, "r1", "matches.csv");
        var without = Path.Combine(dir, "old.csv");
        File.WriteAllLines(without, File.ReadAllLines(withColumn).Select(l => l[..l.LastIndexOf(',')]));
        foreach (var f in new[] { withColumn, without })
        {
            var (code, _, err) = CliRunner.Run(Args(dir, Path.GetFileNameWithoutExtension(f) + "-locked", "--locked", f));
            Assert.True(code == 0, err);
            Assert.DoesNotContain("decision", err, StringComparison.Ordinal);
        }
    }

    private static readonly MatchBatch Batch = new(
        [Mentor("MR1", capacity: 1), Mentor("MR2") with { TrainingComplete = false }, Mentor("MR3")],
        [Mentee("ME1"), Mentee("ME2"), Mentee("ME3")],
        AsOf);

    private static CsvReadResult<ReviewedPair> Read(string text, string file = "reviewed.csv") =>
        DecisionsCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), file, Batch);

    [Fact]
    public void Bad_decisions_are_errors_with_row_and_column()
    {
        var r = Read("mentee_id,mentor_id,decision\nME1,MR1,acept\nME9,MR1,\nME2,MR3,reject\nME2,MR3,\n");
        Assert.Equal(3, r.Errors.Count);
        Assert.Contains(r.Errors, e => e.Row == 2 && e.Column == "decision" && e.Message.Contains("did you mean 'accept'", StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.Row == 3 && e.Column == "mentee_id");
        Assert.Contains(r.Errors, e => e.Row == 5 && e.Message.Contains("listed twice", StringComparison.Ordinal));
        var missing = Read("mentee_id,mentor_id\nME1,MR1\n");
        Assert.Contains(missing.Errors, e => e.Column == "decision" && e.Message.Contains("required", StringComparison.Ordinal));
    }

    [Fact]
    public void An_accepted_pair_is_checked_against_every_hard_rule_and_capacity()
    {
        var r = Read("mentee_id,mentor_id,decision\nME1,MR2,accept\nME2,MR1,accept\nME3,MR1,accept\n");
        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        var round = ReviewRound.Plan([r.Records], Batch, new Matcher());
        Assert.Contains(round.Errors, e => e.Row == 2 && e.Message.Contains("MENTOR_NOT_TRAINED", StringComparison.Ordinal));
        Assert.Contains(round.Errors, e => e.Row == 4 && e.Message.Contains("capacity", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => round.Apply(Batch));
    }

    [Fact]
    public void Later_files_win_and_a_blank_does_not_undo_an_earlier_decision()
    {
        var first = Read("mentee_id,mentor_id,decision\nME1,MR1,reject\nME2,MR3,accept\n", "r1.csv").Records;
        var second = Read("mentee_id,mentor_id,decision\nME1,MR1,\nME2,MR3,reject\n", "r2.csv").Records;
        var round = ReviewRound.Plan([first, second], Batch, new Matcher());
        Assert.True(round.IsValid);
        Assert.Empty(round.Accepted);
        Assert.Equal([("ME1", "MR1"), ("ME2", "MR3")], round.Rejected.Select(p => (p.MenteeId, p.MentorId)));
        var result = new Matcher().Match(round.Apply(Batch));
        Assert.DoesNotContain(result.Pairs, p => (p.MenteeId, p.MentorId) is ("ME1", "MR1") or ("ME2", "MR3"));
    }
}
