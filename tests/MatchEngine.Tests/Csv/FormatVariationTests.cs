using System.Text;
using MatchEngine.Csv;
using MatchEngine.Generation;
using MatchEngine.Tests.Cli;

namespace MatchEngine.Tests.Csv;

/// <summary>Well-formed variations of one batch give byte-identical outputs.</summary>
public class FormatVariationTests
{
    private static string Write(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static string Vary(string text, string variant, int seed)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        switch (variant)
        {
            case "column-order":
                var order = Enumerable.Range(0, lines[0].Length).OrderBy(i => (i * 7919 + seed) % 13).ToArray();
                lines = [.. lines.Select(l => order.Select(i => l[i]).ToArray())];
                return string.Join('\n', lines.Select(l => string.Join(',', l))) + "\n";
            case "quoted":
                return string.Join('\n', lines.Select(l => string.Join(',', l.Select(c => $"\"{c}\"")))) + "\n";
            case "bom-crlf":
                return "\uFEFF" + text.Replace("\n", "\r\n", StringComparison.Ordinal);
            case "semicolon":
                return text.Replace(',', ';');
            case "header-case":
                var i = text.IndexOf('\n', StringComparison.Ordinal);
                return string.Join(",", text[..i].Split(',').Select(h => " " + h.ToUpperInvariant() + " ")) + text[i..];
            case "reversed-rows":
                return string.Join('\n', new[] { lines[0] }.Concat(lines.Skip(1).Reverse()).Select(l => string.Join(',', l))) + "\n\n\n";
            default:
                return text;
        }
    }

    [Theory]
    [InlineData("column-order")]
    [InlineData("quoted")]
    [InlineData("bom-crlf")]
    [InlineData("semicolon")]
    [InlineData("header-case")]
    [InlineData("reversed-rows")]
    public void Variation_gives_byte_identical_outputs(string variant)
    {
        var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 40, Mentees = 60, Seed = 11 });
        var mentorsText = Write(s => BatchCsvWriter.WriteMentors(s, batch.Mentors));
        var menteesText = Write(s => BatchCsvWriter.WriteMentees(s, batch.Mentees));
        var baseline = Run(mentorsText, menteesText);
        var varied = Run(Vary(mentorsText, variant, 3), Vary(menteesText, variant, 5));
        foreach (var (name, bytes) in baseline)
        {
            Assert.True(bytes.SequenceEqual(varied[name]), $"{name} differs under {variant}");
        }
    }

    private static Dictionary<string, byte[]> Run(string mentors, string mentees)
    {
        var dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "mentors.csv"), mentors, new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(dir, "mentees.csv"), mentees, new UTF8Encoding(false));
        var (code, _, err) = CliRunner.Run("match", "--mentors", Path.Combine(dir, "mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"), "--out", Path.Combine(dir, "out"), "--as-of", "2026-09-01");
        Assert.True(code == 0, err);
        var files = new[] { "matches.csv", "unmatched.csv", "summary.json" }.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(dir, "out", f)));

        // summary.json records the SHA-256 of each input file as given (run.inputs): those differ with the bytes by
        // design; everything else must be byte-identical.
        var summary = Encoding.UTF8.GetString(files["summary.json"]);
        var at = summary.IndexOf("\"inputs\": [", StringComparison.Ordinal);
        Assert.True(at > 0, "summary.json records its inputs");
        files["summary.json"] = Encoding.UTF8.GetBytes(summary[..at] + summary[summary.IndexOf(']', at)..]);
        return files;
    }
}
