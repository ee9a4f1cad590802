using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Csv;
using MatchEngine.Generation;
using MatchEngine.Tests.Cli;

namespace MatchEngine.Tests.Csv;

/// <summary>Valid batches, corrupted at random: the CLI never crashes, exits 2, names the right row and writes nothing.</summary>
public class BadInputPropertyTests
{
    public enum Corruption
    {
        BadDate,
        ImpossibleDate,
        BadMode,
        BadBoolean,
        EmptyId,
        TruncatedRow,
        ExtraDelimiter,
        LatitudeOutOfRange,
        Windows1252,
        RemovedHeader,
        DuplicateId,
    }

    private static (string Header, List<string> Rows) Text(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        var lines = Encoding.UTF8.GetString(ms.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        return (lines[0], lines.Skip(1).ToList());
    }

    private static string Corrupt(string header, List<string> rows, int target, Corruption c, out int expectedRow)
    {
        var cols = header.Split(',');
        var cells = rows[target].Split(',');
        int Col(string name) => Array.IndexOf(cols, name);
        expectedRow = target + 2;
        switch (c)
        {
            case Corruption.BadDate: cells[Col("birth_date")] = "17/04/2009"; break;
            case Corruption.ImpossibleDate: cells[Col("birth_date")] = "2010-02-30"; break;
            case Corruption.BadMode: cells[Col("modes")] = "virtaul"; break;
            case Corruption.BadBoolean: cells[Col("unmet_needs")] = "yse"; break;
            case Corruption.EmptyId: cells[Col("id")] = " "; break;
            case Corruption.TruncatedRow: cells = cells[..2]; break;
            case Corruption.ExtraDelimiter: cells = [cells[0], "", .. cells[1..]]; break;
            case Corruption.LatitudeOutOfRange: cells[Col("latitude")] = "123.4"; cells[Col("longitude")] = "1"; break;
            case Corruption.DuplicateId: cells[Col("id")] = rows[0].Split(',')[0]; break;
            case Corruption.Windows1252: cells[Col("partner")] = "Caf\u00e9 \u00a35"; break;
            case Corruption.RemovedHeader: expectedRow = 1; return string.Join('\n', rows) + "\n";
        }

        var copy = new List<string>(rows) { [target] = string.Join(',', cells) };
        return header + "\n" + string.Join('\n', copy) + "\n";
    }

    /// <summary>Writes a valid mentors file and a mentees file with one corruption; returns the paths, the output folder and the row the error must name.</summary>
    private static (string Mentors, string Mentees, string OutDir, int Row) WriteCorrupted((int Seed, int Size, int Target, Corruption Kind) c)
    {
        var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 5, Mentees = c.Size, Seed = c.Seed });
        var dir = CliRunner.TempDir();
        var mentors = Path.Combine(dir, "mentors.csv");
        using (var f = File.Create(mentors))
        {
            BatchCsvWriter.WriteMentors(f, batch.Mentors);
        }

        var (header, rows) = Text(s => BatchCsvWriter.WriteMentees(s, batch.Mentees));
        var text = Corrupt(header, rows, c.Target, c.Kind, out var row);
        var mentees = Path.Combine(dir, "mentees.csv");
        File.WriteAllBytes(mentees, c.Kind == Corruption.Windows1252 ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text));
        return (mentors, mentees, Path.Combine(dir, "out"), row);
    }

    private static Gen<(int Seed, int Size, int Target, Corruption Kind)> Cases =>
        from seed in Gen.Choose(1, 10_000)
        from size in Gen.Choose(2, 25)
        from target in Gen.Choose(1, size - 1)
        from kind in Gen.Elements(Enum.GetValues<Corruption>())
        select (seed, size, target, kind);

    [Property(MaxTest = 60)]
    public Property Corrupted_mentee_file_is_rejected_naming_the_row() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var (mentors, mentees, outDir, row) = WriteCorrupted(c);
        var (code, stdout, stderr) = CliRunner.Run("match", "--mentors", mentors, "--mentees", mentees, "--out", outDir, "--as-of", "2026-09-01");
        var names = c.Kind == Corruption.RemovedHeader ? "is a required column and is missing" : $"mentees.csv, row {row}";
        return (code == 2).Label($"exit {code}: {stderr}")
            .And(stderr.Contains(names, StringComparison.Ordinal).Label($"names the row: {stderr}"))
            .And((!stderr.Contains("   at ", StringComparison.Ordinal)).Label("no stack trace"))
            .And((!Directory.Exists(outDir)).Label("no output"))
            .And((stdout.Length == 0).Label("nothing on stdout"));
    });

    [Property(MaxTest = 25)]
    public Property Skip_invalid_sets_the_bad_row_aside_and_matches_the_rest() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        if (c.Kind == Corruption.RemovedHeader)
        {
            return true.ToProperty();
        }

        var (mentors, mentees, outDir, row) = WriteCorrupted(c);
        var (code, _, stderr) = CliRunner.Run("match", "--mentors", mentors, "--mentees", mentees, "--out", outDir, "--as-of", "2026-09-01", "--skip-invalid");
        if (code != 0)
        {
            return false.Label($"exit {code}: {stderr}");
        }

        var rejected = File.ReadAllLines(Path.Combine(outDir, "rejected.csv"));
        var matched = File.ReadAllLines(Path.Combine(outDir, "matches.csv")).Length - 1;
        var unmatched = File.ReadAllLines(Path.Combine(outDir, "unmatched.csv")).Count(l => l.StartsWith("mentee,", StringComparison.Ordinal));
        return (rejected.Length == 2 && rejected[1].StartsWith($"mentees.csv,{row},", StringComparison.Ordinal)).Label(string.Join("\n", rejected))
            .And((matched + unmatched == c.Size - 1).Label("every other mentee accounted for"));
    });
}
