using System.Globalization;
using System.Text;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Cli;

public class SolveCommandTests
{
    public static TheoryData<string> Instances()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadAllLines(Shared("data", "orlib-assign", "optima.csv")).Skip(1))
        {
            data.Add(line.Split(',')[0]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void Solve_reproduces_the_OR_Library_optimum(string instance)
    {
        var optimum = File.ReadAllLines(Shared("data", "orlib-assign", "optima.csv"))
            .Select(l => l.Split(',')).Single(f => f[0] == instance)[4];
        var dir = TempDir();
        var pairs = Path.Combine(dir, "pairs.csv");
        var n = WritePairs(Shared("data", "orlib-assign", instance + ".txt"), pairs);
        var outDir = Path.Combine(dir, "out");
        var (code, stdout, stderr) = Run("solve", "--pairs", pairs, "--out", outDir);
        Assert.True(code == 0, stderr);
        var rows = File.ReadAllLines(Path.Combine(outDir, "matches.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(n, rows.Count);
        Assert.Equal(n, rows.Select(r => r[1]).Distinct().Count());
        var total = rows.Sum(r => decimal.Parse(r[2], CultureInfo.InvariantCulture));
        Assert.Equal(-decimal.Parse(optimum, CultureInfo.InvariantCulture), total);
        Assert.Contains($"total score -{optimum}", stdout, StringComparison.Ordinal);
    }

    /// <summary>Converts an OR-Library instance to pairs.csv with score = -cost; returns n.</summary>
    private static int WritePairs(string instance, string path)
    {
        var tokens = File.ReadAllText(instance).Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var n = int.Parse(tokens[0], CultureInfo.InvariantCulture);
        var sb = new StringBuilder("mentee_id,mentor_id,score\n");
        var sparse = Path.GetFileName(instance).StartsWith("assignp", StringComparison.Ordinal);
        if (sparse)
        {
            for (var t = 1; t + 2 < tokens.Length; t += 3)
            {
                sb.Append('r').Append(tokens[t]).Append(",c").Append(tokens[t + 1]).Append(",-").Append(tokens[t + 2]).Append('\n');
            }
        }
        else
        {
            for (var k = 0; k < n * n; k++)
            {
                sb.Append('r').Append((k / n) + 1).Append(",c").Append((k % n) + 1).Append(",-").Append(tokens[k + 1]).Append('\n');
            }
        }

        File.WriteAllText(path, sb.ToString());
        return n;
    }

    [Fact]
    public void Solve_maximises_matches_first_then_score_and_respects_capacities()
    {
        var dir = TempDir();
        var pairs = Path.Combine(dir, "pairs.csv");
        // a alone could take m1 for 100; but then b is unmatched. Two pairs (a-m2, b-m1) win.
        File.WriteAllText(pairs, "mentee_id,mentor_id,score\na,m1,100\na,m2,1\nb,m1,1\nc,m3,5\nd,m3,7\n");
        var caps = Path.Combine(dir, "caps.csv");
        File.WriteAllText(caps, "mentor_id,capacity\nm3,2\n");
        var (code, _, err) = Run("solve", "--pairs", pairs, "--capacities", caps, "--out", Path.Combine(dir, "o"));
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Path.Combine(dir, "o", "matches.csv"));
        Assert.Equal(["mentee_id,mentor_id,score", "a,m2,1", "b,m1,1", "c,m3,5", "d,m3,7"], lines);
    }

    [Fact]
    public void Solve_rejects_bad_pairs_with_every_error_and_exit_2()
    {
        var dir = TempDir();
        var pairs = Path.Combine(dir, "pairs.csv");
        File.WriteAllText(pairs, "mentee_id,mentor_id,score\na,m1,ten\na,m1,3\n,m2,1\na,m1,4\n");
        var (code, _, err) = Run("solve", "--pairs", pairs, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains("row 2, column score: 'ten' is not a number", err, StringComparison.Ordinal);
        Assert.Contains("row 4, column mentee_id", err, StringComparison.Ordinal);
        Assert.Contains("listed twice: rows 2 and 5", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "o")));
    }
}
