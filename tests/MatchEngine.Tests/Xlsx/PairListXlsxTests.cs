using System.Text;
using MatchEngine.Tests.Cli;

namespace MatchEngine.Tests.Xlsx;

/// <summary>
/// --locked and --excluded (and every other pair list: --decisions, --preferences, evaluate --matches, solve --pairs)
/// take an .xlsx workbook as --mentors/--mentees do: told apart by content, the first sheet, the same validation and
/// the same messages, with cells named as Excel shows them (Sheet!Cell). The workbooks are written by MiniExcel.
/// </summary>
public class PairListXlsxTests
{
    private static readonly string[] Outputs = ["matches.csv", "unmatched.csv", "per-mentor.csv"];

    private static string[] Match(string outDir, params string[] more) =>
        ["match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01", "--out", outDir, .. more];

    private static (string Csv, string Xlsx) Both(string dir, string name, string sheet, string csv)
    {
        var csvPath = Path.Combine(dir, name + ".csv");
        var xlsxPath = Path.Combine(dir, name + ".xlsx");
        File.WriteAllText(csvPath, csv);
        File.WriteAllBytes(xlsxPath, XlsxTwin.FromCsv(Encoding.UTF8.GetBytes(csv), sheet));
        return (csvPath, xlsxPath);
    }

    private static void SameOutputs(string a, string b)
    {
        foreach (var f in Outputs)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))), f + " differs");
        }
    }

    [Fact]
    public void Locked_and_excluded_pairs_from_a_workbook_match_exactly_as_from_CSV()
    {
        var dir = CliRunner.TempDir();
        var first = Path.Combine(dir, "first");
        Assert.Equal(0, CliRunner.Run(Match(first)).Code);
        var made = File.ReadAllLines(Path.Combine(first, "matches.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var (lockedCsv, lockedXlsx) = Both(dir, "locked", "Running", "mentee_id,mentor_id,mode\n" + string.Join("\n", made.Take(3).Select(p => $"{p[0]},{p[1]},{p[3]}")) + "\n");
        var (excludedCsv, excludedXlsx) = Both(dir, "excluded", "Do not pair", "mentee_id,mentor_id\n" + string.Join("\n", made.Skip(10).Take(4).Select(p => $"{p[0]},{p[1]}")) + "\n");

        var (csvCode, csvOut, csvErr) = CliRunner.Run(Match(Path.Combine(dir, "csv"), "--locked", lockedCsv, "--excluded", excludedCsv));
        Assert.True(csvCode == 0, csvErr);
        var (code, stdout, err) = CliRunner.Run(Match(Path.Combine(dir, "xlsx"), "--locked", lockedXlsx, "--excluded", excludedXlsx));
        Assert.True(code == 0, err);
        Assert.Contains("locked pairs kept:      3", stdout, StringComparison.Ordinal);
        Assert.Contains("locked pairs kept:      3", csvOut, StringComparison.Ordinal);
        SameOutputs(Path.Combine(dir, "csv"), Path.Combine(dir, "xlsx"));
        var pairs = File.ReadAllLines(Path.Combine(dir, "xlsx", "matches.csv")).Select(l => string.Join(',', l.Split(',').Take(2))).ToHashSet();
        Assert.All(made.Skip(10).Take(4), p => Assert.DoesNotContain($"{p[0]},{p[1]}", pairs));
    }

    [Fact]
    public void A_bad_locked_workbook_gets_the_same_messages_with_Excel_cell_names()
    {
        var dir = CliRunner.TempDir();
        const string csv = "mentee_id,mentor_id,mode\nNOPE,MR0001,face-to-face\nME0001,MR0001,by-pigeon\n";
        var (lockedCsv, lockedXlsx) = Both(dir, "locked", "Locks", csv);
        var (csvCode, _, csvErr) = CliRunner.Run(Match(Path.Combine(dir, "a"), "--locked", lockedCsv));
        var (code, _, err) = CliRunner.Run(Match(Path.Combine(dir, "b"), "--locked", lockedXlsx));
        Assert.Equal(2, csvCode);
        Assert.Equal(2, code);
        Assert.Contains("locked.xlsx, Locks!A2, column mentee_id: 'NOPE' is not a mentee of this batch.", err, StringComparison.Ordinal);
        Assert.Contains("locked.csv, row 2, column mentee_id: 'NOPE' is not a mentee of this batch.", csvErr, StringComparison.Ordinal);
        Assert.Contains("locked.xlsx, Locks!C3, column mode: 'by-pigeon' is not a meeting mode", err, StringComparison.Ordinal);
        Assert.Equal(csvErr.Replace("locked.csv, row ", "ROW ", StringComparison.Ordinal).Split('\n').Length, err.Split('\n').Length);
        Assert.False(Directory.Exists(Path.Combine(dir, "b")));
    }

    [Fact]
    public void Last_rounds_workbook_is_taken_as_locked_pairs_for_rolling_intake()
    {
        var dir = CliRunner.TempDir();
        var first = Path.Combine(dir, "first");
        var (code0, _, err0) = CliRunner.Run(Match(first, "--format", "both"));
        Assert.True(code0 == 0, err0);
        var matched = File.ReadAllLines(Path.Combine(first, "matches.csv")).Length - 1;
        var (code, stdout, err) = CliRunner.Run(Match(Path.Combine(dir, "next"), "--locked", Path.Combine(first, "matches.xlsx")));
        Assert.True(code == 0, err);
        Assert.Contains($"locked pairs kept:      {matched}", stdout, StringComparison.Ordinal);
    }
}
