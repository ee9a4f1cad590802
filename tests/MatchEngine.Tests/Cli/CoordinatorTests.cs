using System.Text;
using MatchEngine.Tests.Xlsx;
using MiniExcelLibs;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Cli;

/// <summary>End to end on real files, as a programme coordinator works: UK dates, human headers, .xlsx in and out, names for the mail-merge, Excel-friendly CSV.</summary>
public class CoordinatorTests
{
    private static string[] Match(string mentors, string mentees, string outDir, params string[] extra) =>
        ["match", "--mentors", mentors, "--mentees", mentees, "-o", outDir, "--as-of", "2026-09-01", .. extra];

    /// <summary>The sample mentees as a UK export has them: "Date of Birth" as dd/MM/yyyy, "meeting modes", and names and e-mails.</summary>
    private static string UkMentees(string dir)
    {
        var lines = File.ReadAllLines(Samples("mentees.csv"));
        var header = lines[0].Split(',');
        var birth = Array.IndexOf(header, "birth_date");
        var sb = new StringBuilder();
        sb.Append(lines[0].Replace("birth_date", "Date of Birth", StringComparison.Ordinal).Replace("modes", "meeting modes", StringComparison.Ordinal)).Append(",first_name,email\n");
        for (var i = 1; i < lines.Length; i++)
        {
            // The sample rows have no quoted commas before the birth date column (id, birth_date come first).
            var cells = lines[i].Split(',');
            var ymd = cells[birth].Split('-');
            cells[birth] = $"{ymd[2]}/{ymd[1]}/{ymd[0]}";
            sb.Append(string.Join(',', cells)).Append(i == 1 ? ",Zoë-Siân," : $",Name{i},").Append($"mentee{i}@example.org\n");
        }

        var path = Path.Combine(dir, "mentees-uk.csv");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static string NamedMentors(string dir)
    {
        var lines = File.ReadAllLines(Samples("mentors.csv"));
        var path = Path.Combine(dir, "mentors-named.csv");
        File.WriteAllLines(path, [lines[0] + ",first_name,email", .. lines.Skip(1).Select((l, i) => l + $",Mentor{i + 1},mentor{i + 1}@example.org")]);
        return path;
    }

    [Fact]
    public void A_uk_dated_csv_fails_with_one_grouped_error_that_names_the_flag_and_the_flag_fixes_it()
    {
        var dir = TempDir();
        var mentees = UkMentees(dir);
        var (code, _, err) = Run(Match(Samples("mentors.csv"), mentees, Path.Combine(dir, "out")));
        Assert.Equal(2, code);
        Assert.Contains("error: the input has 300 errors; nothing was written.", err, StringComparison.Ordinal);
        Assert.Contains("mentees-uk.csv, column Date of Birth, rows 2–301 (300 cells): not a date; expected YYYY-MM-DD", err, StringComparison.Ordinal);
        Assert.Contains("The cells look like dd/MM/yyyy: add --date-format dd/MM/yyyy.", err, StringComparison.Ordinal);
        Assert.True(err.Split('\n').Length < 20, err);
        Assert.Contains("column Date of Birth: is read as the column birth_date.", err, StringComparison.Ordinal);
        Assert.Contains("column meeting modes: is read as the column modes.", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));

        var fixedRun = Run(Match(Samples("mentors.csv"), mentees, Path.Combine(dir, "out"), "--date-format", "dd/MM/yyyy"));
        Assert.True(fixedRun.Code == 0, fixedRun.Err);
        var reference = Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), Path.Combine(dir, "ref")));
        Assert.Equal(0, reference.Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "ref", "matches.csv")), File.ReadAllBytes(Path.Combine(dir, "out", "matches.csv")));
    }

    [Fact]
    public void Dates_that_could_be_either_way_round_are_never_guessed()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "mentees.csv"), "id,birth_date,region,modes\nA,01/02/2010,West Midlands,face-to-face\nB,03/04/2011,West Midlands,face-to-face\n");
        var (code, _, err) = Run(Match(Samples("mentors.csv"), Path.Combine(dir, "mentees.csv"), Path.Combine(dir, "out")));
        Assert.Equal(2, code);
        Assert.Contains("could be day-first or month-first", err, StringComparison.Ordinal);
        Assert.Contains("--date-format dd/MM/yyyy or --date-format MM/dd/yyyy", err, StringComparison.Ordinal);

        var us = Run(["validate", "--mentors", Samples("mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"), "--as-of", "2026-09-01", "--date-format", "MM/dd/yyyy"]);
        Assert.True(us.Code == 0, us.Err);
    }

    [Fact]
    public void An_unsupported_date_format_is_a_usage_error_with_the_list()
    {
        var (code, _, err) = Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), TempDir(), "--date-format", "dd/mm/yyyy"));
        Assert.Equal(1, code);
        Assert.Contains("use one of yyyy-MM-dd, dd/MM/yyyy, d/M/yyyy, MM/dd/yyyy (did you mean 'dd/MM/yyyy'?", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_map_renames_any_header_and_unknown_headers_still_get_a_suggestion()
    {
        var dir = TempDir();
        var lines = File.ReadAllLines(Samples("mentors.csv"));
        File.WriteAllLines(Path.Combine(dir, "mentors.csv"), [lines[0].Replace("birth_date", "Geburtsdatum", StringComparison.Ordinal).Replace("region", "regoin", StringComparison.Ordinal), .. lines.Skip(1)]);
        File.WriteAllText(Path.Combine(dir, "map.json"), "{\"Geburtsdatum\": \"birth_date\"}");
        var (code, _, err) = Run(["validate", "--mentors", Path.Combine(dir, "mentors.csv"), "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01", "--columns", Path.Combine(dir, "map.json")]);
        Assert.Equal(2, code);
        Assert.Contains("column Geburtsdatum: is read as the column birth_date (--columns).", err, StringComparison.Ordinal);
        Assert.Contains("column region: is a required column and is missing (did you mean the column 'regoin'?", err, StringComparison.Ordinal);
        Assert.DoesNotContain("column birth_date: is a required column", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Workbooks_written_by_miniexcel_match_exactly_like_their_csv_twins()
    {
        var dir = TempDir();
        File.WriteAllBytes(Path.Combine(dir, "mentors.xlsx"), XlsxTwin.FromCsv(File.ReadAllBytes(Samples("mentors.csv")), "Sheet1"));
        File.WriteAllBytes(Path.Combine(dir, "mentees.xlsx"), XlsxTwin.FromCsv(File.ReadAllBytes(Samples("mentees.csv")), "Sheet1"));
        var x = Run(Match(Path.Combine(dir, "mentors.xlsx"), Path.Combine(dir, "mentees.xlsx"), Path.Combine(dir, "x")));
        Assert.True(x.Code == 0, x.Err);
        Assert.Equal(0, Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), Path.Combine(dir, "c"))).Code);
        foreach (var f in new[] { "matches.csv", "unmatched.csv", "per-mentor.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "c", f)), File.ReadAllBytes(Path.Combine(dir, "x", f)));
        }
    }

    [Fact]
    public void Errors_in_a_workbook_name_the_cell_as_excel_does_and_a_missing_sheet_lists_the_sheets()
    {
        var dir = TempDir();
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["id"] = "M1", ["birth_date"] = new DateTime(1980, 5, 1), ["region"] = "West Midlands", ["modes"] = "virtual", ["training_complete"] = "yes" },
            new() { ["id"] = "M2", ["birth_date"] = "1980-02-30", ["region"] = "West Midlands", ["modes"] = "virtaul", ["training_complete"] = "yes" },
            new() { ["id"] = "M3", ["birth_date"] = 29000.0, ["region"] = "West Midlands", ["modes"] = "virtual", ["training_complete"] = "yes" },
        };
        var path = Path.Combine(dir, "mentors.xlsx");
        MiniExcel.SaveAs(path, new Dictionary<string, object> { ["Volunteers"] = rows });
        var (code, _, err) = Run(["validate", "--mentors", path, "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01"]);
        Assert.Equal(2, code);
        Assert.Contains("mentors.xlsx, Volunteers!B3, column birth_date: '1980-02-30' is not a date that exists.", err, StringComparison.Ordinal);
        Assert.Contains("mentors.xlsx, Volunteers!D3, column modes: 'virtaul' is not a meeting mode", err, StringComparison.Ordinal);
        Assert.Contains("mentors.xlsx, Volunteers!B4, column birth_date: '29000' is a number, not a date", err, StringComparison.Ordinal);
        Assert.DoesNotContain("M1", err, StringComparison.Ordinal);

        var sheet = Run(["validate", "--mentors", path, "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01", "--sheet", "Mentors"]);
        Assert.Equal(2, sheet.Code);
        Assert.Contains("mentors.xlsx: has no sheet named 'Mentors'; its sheets are: 'Volunteers'.", sheet.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void One_workbook_holding_both_sheets_is_read_with_a_sheet_for_each()
    {
        var dir = TempDir();
        var mentors = MiniExcel.Query(new MemoryStream(XlsxTwin.FromCsv(File.ReadAllBytes(Samples("mentors.csv")), "M")), useHeaderRow: true).ToList();
        var mentees = MiniExcel.Query(new MemoryStream(XlsxTwin.FromCsv(File.ReadAllBytes(Samples("mentees.csv")), "E")), useHeaderRow: true).ToList();
        var book = Path.Combine(dir, "intake.xlsx");
        MiniExcel.SaveAs(book, new Dictionary<string, object> { ["Young people"] = mentees, ["Mentors"] = mentors });
        var wrong = Run(["validate", "--mentors", book, "--mentees", book, "--as-of", "2026-09-01"]);
        Assert.Equal(2, wrong.Code);
        Assert.Contains("intake.xlsx, sheet Young people: looks like a mentees file, not a mentors file", wrong.Err, StringComparison.Ordinal);
        Assert.Contains("name the sheets with --mentor-sheet and --mentee-sheet", wrong.Err, StringComparison.Ordinal);
        var x = Run(Match(book, book, Path.Combine(dir, "x"), "--mentor-sheet", "Mentors", "--mentee-sheet", "Young people"));
        Assert.True(x.Code == 0, x.Err);
        Assert.Equal(0, Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), Path.Combine(dir, "c"))).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "c", "matches.csv")), File.ReadAllBytes(Path.Combine(dir, "x", "matches.csv")));
    }

    [Fact]
    public void A_renamed_or_old_excel_file_is_named_for_what_it_is()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "mentors.xlsx"), "id,birth_date\n");
        File.WriteAllBytes(Path.Combine(dir, "mentees.xls"), [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]);
        var (code, _, err) = Run(["validate", "--mentors", Path.Combine(dir, "mentors.xlsx"), "--mentees", Path.Combine(dir, "mentees.xls"), "--as-of", "2026-09-01"]);
        Assert.Equal(2, code);
        Assert.Contains("mentors.xlsx: is named .xlsx but is not an Excel workbook", err, StringComparison.Ordinal);
        Assert.Contains("mentees.xls: is an Excel 97-2003 workbook (.xls), which is not read", err, StringComparison.Ordinal);
        Assert.DoesNotContain("PK", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_xlsx_writes_one_workbook_with_the_four_sheets_the_same_bytes_each_run()
    {
        var dir = TempDir();
        var a = Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), Path.Combine(dir, "a"), "--format", "xlsx"));
        Assert.True(a.Code == 0, a.Err);
        Assert.Equal(0, Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), Path.Combine(dir, "b"), "--format", "xlsx")).Code);
        Assert.Equal(0, Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), Path.Combine(dir, "c"))).Code);
        var book = Path.Combine(dir, "a", "matches.xlsx");
        Assert.False(File.Exists(Path.Combine(dir, "a", "matches.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "a", "summary.json")));
        Assert.Equal(File.ReadAllBytes(book), File.ReadAllBytes(Path.Combine(dir, "b", "matches.xlsx")));
        Assert.Equal(["Matches", "Unmatched", "Per mentor", "Summary"], MiniExcel.GetSheetNames(book));
        var matches = MiniExcel.Query(book, useHeaderRow: true, sheetName: "Matches").Cast<IDictionary<string, object?>>().ToList();
        var csv = File.ReadAllLines(Path.Combine(dir, "c", "matches.csv"));
        Assert.Equal(csv.Length - 1, matches.Count);
        Assert.Equal(csv[1].Split(',')[0], matches[0]["mentee_id"]);
        Assert.IsType<double>(matches[0]["score"]);
        var summary = MiniExcel.Query(book, useHeaderRow: true, sheetName: "Summary").Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(summary, r => (string?)r["figure"] == "matched" && (double?)r["value"] == csv.Length - 1);

        using var zip = System.IO.Compression.ZipFile.OpenRead(book);
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = sheet.ReadToEnd();
        Assert.Contains("state=\"frozen\"", xml, StringComparison.Ordinal);
        Assert.Contains("<x:autoFilter", xml, StringComparison.Ordinal);
        Assert.Contains("customWidth=\"1\"", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Carried_names_reach_matches_unmatched_and_per_mentor_csv_but_never_the_terminal()
    {
        var dir = TempDir();
        var (code, stdout, stderr) = Run(Match(NamedMentors(dir), UkMentees(dir), Path.Combine(dir, "out"), "--date-format", "dd/MM/yyyy", "--carry", "first_name,email"));
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("@example.org", stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("first_name", stderr, StringComparison.Ordinal);
        var per = File.ReadAllLines(Path.Combine(dir, "out", "per-mentor.csv"));
        Assert.Equal("mentor_id,mentor_first_name,mentor_email,mentee_id,mentee_first_name,mentee_email,mode,distance_km,score", per[0]);
        var mentorIds = per.Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(mentorIds.Order(StringComparer.Ordinal), mentorIds);
        Assert.StartsWith("MR0001,Mentor1,mentor1@example.org,", per[1], StringComparison.Ordinal);
        var matches = File.ReadAllLines(Path.Combine(dir, "out", "matches.csv"));
        Assert.StartsWith("mentee_id,mentor_id,score,", matches[0], StringComparison.Ordinal);
        Assert.EndsWith(",mentee_first_name,mentee_email,mentor_first_name,mentor_email", matches[0], StringComparison.Ordinal);
        Assert.Contains(matches, l => l.StartsWith("ME0001,", StringComparison.Ordinal) && l.Contains(",Zoë-Siân,mentee1@example.org,Mentor", StringComparison.Ordinal));
        var unmatched = File.ReadAllLines(Path.Combine(dir, "out", "unmatched.csv"));
        Assert.Equal("role,id,reason_code,reason,eligible_count,first_name,email", unmatched[0]);
        Assert.All(unmatched.Skip(1), l => Assert.Contains("@example.org", l, StringComparison.Ordinal));
    }

    [Fact]
    public void A_carried_column_used_for_matching_is_refused()
    {
        var (code, _, err) = Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), TempDir(), "--carry", "first_name,region"));
        Assert.Equal(1, code);
        Assert.Contains("'region' is a column used for matching", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Excel_flag_writes_a_byte_order_mark_and_crlf_and_the_same_cells()
    {
        var dir = TempDir();
        Assert.Equal(0, Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), Path.Combine(dir, "x"), "--excel")).Code);
        Assert.Equal(0, Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), Path.Combine(dir, "p"))).Code);
        foreach (var f in new[] { "matches.csv", "unmatched.csv", "per-mentor.csv" })
        {
            var excel = File.ReadAllBytes(Path.Combine(dir, "x", f));
            var plain = File.ReadAllBytes(Path.Combine(dir, "p", f));
            Assert.Equal([0xEF, 0xBB, 0xBF], excel[..3]);
            var text = Encoding.UTF8.GetString(excel[3..]);
            Assert.DoesNotContain("\r\r", text, StringComparison.Ordinal);
            Assert.Equal(text.Count(c => c == '\n'), text.Split("\r\n").Length - 1);
            Assert.Equal(Encoding.UTF8.GetString(plain), text.Replace("\r\n", "\n", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Dry_run_checks_prints_readiness_and_what_it_would_write_and_writes_nothing()
    {
        var dir = Path.Combine(TempDir(), "out");
        var (code, stdout, err) = Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), dir, "--dry-run", "--format", "both"));
        Assert.True(code == 0, err);
        Assert.StartsWith("Dry run: 200 mentors and 300 mentees are valid (as of 2026-09-01); nothing was written.", stdout, StringComparison.Ordinal);
        Assert.Contains("Readiness", stdout, StringComparison.Ordinal);
        Assert.Contains("  per-mentor.csv", stdout, StringComparison.Ordinal);
        Assert.Contains("  matches.xlsx", stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Quiet_prints_only_errors()
    {
        var dir = TempDir();
        var ok = Run(Match(Samples("mentors.csv"), Samples("mentees.csv"), Path.Combine(dir, "a"), "--quiet"));
        Assert.Equal((0, string.Empty, string.Empty), ok);
        var bad = Run(Match(Samples("mentors.csv"), UkMentees(dir), Path.Combine(dir, "b"), "-q"));
        Assert.Equal(2, bad.Code);
        Assert.Empty(bad.Out);
        Assert.StartsWith("error: the input has 300 errors", bad.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("note:", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_names_matchengine_shows_placeholders_and_examples_for_every_command()
    {
        foreach (var command in new[] { "match", "validate", "explain", "evaluate", "compare", "report", "generate", "solve", "policy" })
        {
            var (code, stdout, _) = Run([command, "--help"]);
            Assert.Equal(0, code);
            Assert.Contains($"  matchengine {command} [options]", stdout, StringComparison.Ordinal);
            Assert.Contains("Example", stdout, StringComparison.Ordinal);
            Assert.Contains($"  matchengine {command}", stdout[stdout.IndexOf("Example", StringComparison.Ordinal)..], StringComparison.Ordinal);
        }

        var match = Run(["match", "--help"]).Out;
        Assert.Contains("-o, --out <DIR>", match, StringComparison.Ordinal);
        Assert.Contains("--mentors <FILE>", match, StringComparison.Ordinal);
        Assert.Contains("--dry-run", match, StringComparison.Ordinal);
        Assert.DoesNotContain("<mentors>", match, StringComparison.Ordinal);
        var generate = Run(["generate", "--help"]).Out;
        Assert.Contains("--mentor-count <N>", generate, StringComparison.Ordinal);
        Assert.DoesNotContain("--mentors", generate, StringComparison.Ordinal);
        Assert.Contains("Replace the --out file if it exists", Run(["report", "--help"]).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_takes_counts_by_their_new_names_and_still_by_the_old_ones()
    {
        var dir = TempDir();
        var (code, stdout, err) = Run(["generate", "--mentor-count", "1", "--mentee-count", "3", "-o", Path.Combine(dir, "a")]);
        Assert.True(code == 0, err);
        Assert.StartsWith("Wrote 1 mentor and 3 mentees", stdout, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, "a", "mentors.csv")).Length);
        var old = Run(["generate", "--mentors", "2", "--mentees", "1", "--out", Path.Combine(dir, "b")]);
        Assert.True(old.Code == 0, old.Err);
        Assert.StartsWith("Wrote 2 mentors and 1 mentee", old.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void One_of_a_kind_is_said_in_the_singular()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "mentors.csv"), "id,birth_date,region,modes,training_complete,dbs_checked\nM1,1980-01-01,West Midlands,face-to-face,yes,yes\n");
        File.WriteAllText(Path.Combine(dir, "mentees.csv"), "id,birth_date,region,modes\nE1,2010-01-01,West Midlands,face-to-face\n");
        var (code, stdout, err) = Run(Match(Path.Combine(dir, "mentors.csv"), Path.Combine(dir, "mentees.csv"), Path.Combine(dir, "out")));
        Assert.True(code == 0, err);
        Assert.StartsWith("Matched 1 of 1 mentee (100.0 %) with 1 mentor (1 place)", stdout, StringComparison.Ordinal);
    }
}
