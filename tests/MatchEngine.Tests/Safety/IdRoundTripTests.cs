using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Scoring;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Safety;

/// <summary>Our own outputs read back exactly: the formula guard is undone by our readers, and no two ids give the same cell.</summary>
public class IdRoundTripTests
{
    private static readonly char[] Alphabet = ['=', '+', '-', '@', '\'', '"', ',', ';', '\t', '\r', '\n', '\u001b', '\u0007', '\0', ' ', '|', '1', '.', 'e', 'E', 'é', '中', 'a', 'Z'];

    private static Gen<string> Id =>
        from len in Gen.Choose(1, 6)
        from chars in Gen.ArrayOf(Gen.Elements(Alphabet), len)
        let s = new string(chars)
        where !string.IsNullOrWhiteSpace(s)
        select s;

    private static Gen<string[]> DistinctIds(int max) =>
        from n in Gen.Choose(1, max)
        from ids in Gen.ArrayOf(Id, n)
        select ids.Distinct(StringComparer.Ordinal).ToArray();

    [Property(MaxTest = 300)]
    public Property Escape_is_undone_by_Unescape_and_never_merges_two_texts() => Prop.ForAll(Id.ToArbitrary(), Id.ToArbitrary(), (a, b) =>
        (CellGuard.Unescape(CellGuard.Escape(a)) == a).Label("round trip")
            .And((a == b || CellGuard.Escape(a) != CellGuard.Escape(b)).Label("distinct ids, distinct cells"))
            .And((!CellGuard.Escape(a).StartsWith('=') && !CellGuard.Escape(a).StartsWith('@')).Label("no formula")));

    /// <summary>For any ids (formula characters, quotes, separators, control characters): write matches.csv, read it back as locked pairs, get the same ids.</summary>
    [Property(MaxTest = 150)]
    public Property Matches_written_then_read_as_locked_pairs_give_the_same_ids() => Prop.ForAll(DistinctIds(5).ToArbitrary(), DistinctIds(5).ToArbitrary(), (menteeIds, mentorIds) =>
    {
        var pairs = menteeIds.Select((e, i) => new MatchedPair(e, mentorIds[i % mentorIds.Length], MeetingModes.FaceToFace, 1.5, default)).ToList();
        var batch = new MatchBatch(
            mentorIds.Select(id => People.Mentor(id, capacity: 20)),
            menteeIds.Select(id => People.Mentee(id)),
            People.AsOf);
        using var ms = new MemoryStream();
        ResultCsv.WriteMatches(ms, pairs);
        ms.Position = 0;
        var read = PairsCsv.ReadPairList(ms, "matches.csv", batch, locked: true);
        var back = read.Records.Select(p => (p.MenteeId, p.MentorId)).ToList();
        return read.IsValid.Label(string.Join("; ", read.Errors))
            .And(back.SequenceEqual(pairs.Select(p => (p.MenteeId, p.MentorId))).Label("same ids, same order"));
    });

    [Property(MaxTest = 100)]
    public Property Generated_files_read_back_with_the_same_ids() => Prop.ForAll(DistinctIds(6).ToArbitrary(), ids =>
    {
        using var ms = new MemoryStream();
        BatchCsvWriter.WriteMentees(ms, ids.Select(id => People.Mentee(id)));
        ms.Position = 0;
        var read = BatchCsv.ReadMentees(ms, "mentees.csv", People.AsOf, ',');
        return read.IsValid.Label(string.Join("; ", read.Errors)).And(read.Records.Select(m => m.Id).SequenceEqual(ids));
    });

    [Fact]
    public void Rolling_intake_with_formula_like_ids_keeps_every_pair()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "mentors.csv"), "id,birth_date,region,modes,training_complete,dbs_checked,capacity\n=M1,1980-01-01,West Midlands,face-to-face,yes,yes,2\n'=M1,1980-01-01,West Midlands,face-to-face,yes,yes,2\n");
        File.WriteAllText(Path.Combine(dir, "mentees.csv"), "id,birth_date,region,modes\n=E1,2005-01-01,West Midlands,face-to-face\n'=E1,2005-01-01,West Midlands,face-to-face\n-1.89,2005-01-01,West Midlands,face-to-face\n");
        string[] Args(string outDir, params string[] extra) =>
            ["match", "--mentors", Path.Combine(dir, "mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"), "--out", outDir, "--as-of", "2026-09-01", .. extra];
        var (code, _, err) = Run(Args(Path.Combine(dir, "m1")));
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Path.Combine(dir, "m1", "matches.csv"));
        Assert.Contains(lines, l => l.StartsWith("'=E1,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("''=E1,", StringComparison.Ordinal));
        var (code2, out2, err2) = Run(Args(Path.Combine(dir, "m2"), "--locked", Path.Combine(dir, "m1", "matches.csv")));
        Assert.True(code2 == 0, err2);
        Assert.Contains("locked pairs kept:      3", out2, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllLines(Path.Combine(dir, "m1", "matches.csv")).Skip(1).Select(l => string.Join(',', l.Split(',')[..2])),
            File.ReadAllLines(Path.Combine(dir, "m2", "matches.csv")).Skip(1).Select(l => string.Join(',', l.Split(',')[..2])));
    }

    [Fact]
    public void Numeric_looking_cells_in_rejected_csv_are_not_prefixed_and_formulas_are()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "mentees.csv"), File.ReadAllText(Samples("mentees.csv")) + "=cmd(),2010-02-30,West Midlands,52.49,-1.89,face-to-face\n");
        var (code, _, err) = Run("match", "--mentors", Samples("mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"), "--out", Path.Combine(dir, "o"), "--as-of", "2026-09-01", "--skip-invalid");
        Assert.True(code == 0, err);
        var row = File.ReadAllLines(Path.Combine(dir, "o", "rejected.csv"))[1];
        Assert.Contains(",-1.89,", row, StringComparison.Ordinal);
        Assert.DoesNotContain("'-1.89", row, StringComparison.Ordinal);
        Assert.Contains(",'=cmd(),", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Escape_sequences_in_cells_are_shown_escaped_never_sent_to_the_terminal()
    {
        var dir = TempDir();
        var evil = "\u001b[2K\u001b[1A\rOK: all rows valid\u001b]0;pwned\u0007\u001b[8m";
        var mentees = File.ReadAllText(Samples("mentees.csv")) + $"EVIL,\"{evil}\",West Midlands,52.49,-1.89,face-to-face\n";
        File.WriteAllText(Path.Combine(dir, "mentees.csv"), mentees);
        var (code, stdout, err) = Run("validate", "--mentors", Samples("mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"), "--as-of", "2026-09-01");
        Assert.Equal(2, code);
        Assert.DoesNotContain('\u001b', err + stdout);
        Assert.DoesNotContain('\u0007', err + stdout);
        Assert.DoesNotContain('\r', err + stdout);
        Assert.Contains("'\\e[2K\\e[1A\\rOK: all rows valid\\e]0;pwned\\u0007\\e[8m' is not a date", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_bad_cell_is_cut_and_many_unknown_columns_are_counted()
    {
        var dir = TempDir();
        var huge = new string('x', 200_000);
        File.WriteAllText(Path.Combine(dir, "mentees.csv"), File.ReadAllText(Samples("mentees.csv")) + $"HUGE,{huge},West Midlands,52.49,-1.89,face-to-face\n");
        var (code, _, err) = Run("validate", "--mentors", Samples("mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"), "--as-of", "2026-09-01");
        Assert.Equal(2, code);
        var line = err.Split('\n').Single(l => l.Contains("column birth_date", StringComparison.Ordinal));
        Assert.True(line.Length < 250, $"{line.Length} characters");
        Assert.Contains("xxxx…'", line, StringComparison.Ordinal);

        var header = "id,birth_date,region,modes," + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"extra{i}"));
        File.WriteAllText(Path.Combine(dir, "wide.csv"), header + "\nE1,2005-01-01,West Midlands,face-to-face" + new string(',', 20_000) + "\n");
        var (code2, _, err2) = Run("validate", "--mentors", Samples("mentors.csv"), "--mentees", Path.Combine(dir, "wide.csv"), "--as-of", "2026-09-01");
        Assert.Equal(0, code2);
        Assert.True(err2.Split('\n').Count(l => l.StartsWith("warning:", StringComparison.Ordinal)) <= 11);
        Assert.Contains("warning: ... and 19990 more warnings in wide.csv like these.", err2, StringComparison.Ordinal);
    }
}
