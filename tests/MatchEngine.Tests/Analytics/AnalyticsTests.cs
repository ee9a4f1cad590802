using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Analytics;
using MatchEngine.Model;
using MatchEngine.Reports;
using MatchEngine.Tests.Cli;
using MatchEngine.Tests.Solving;

namespace MatchEngine.Tests.Analytics;

public class AnalyticsTests
{
    private static Arbitrary<MatchBatch> Batches => BatchGen.Batch(7, 8).ToArbitrary();

    [Property(MaxTest = 100)]
    public Property Optimal_dominates_every_strategy_lexicographically_and_no_strategy_breaks_a_rule() => Prop.ForAll(Batches, batch =>
    {
        var results = StrategyComparison.Run(batch, seed: 3);
        var optimal = results.Single(r => r.Strategy == Strategy.Optimal).Quality;
        var ok = results.All(r =>
            r.Quality.Violations == 0
            && (optimal.UnmetNeedsMatched, optimal.Matched, (long)Math.Round(optimal.TotalScore * 100))
                .CompareTo((r.Quality.UnmetNeedsMatched, r.Quality.Matched, (long)Math.Round(r.Quality.TotalScore * 100))) >= 0);
        return ok.Label(string.Join("; ", results.Select(r => $"{r.Strategy}: {r.Quality.UnmetNeedsMatched}/{r.Quality.Matched}/{r.Quality.TotalScore} v{r.Quality.Violations}")));
    });

    [Property(MaxTest = 100)]
    public Property Stable_matching_has_no_blocking_pair() => Prop.ForAll(Batches, batch =>
        StrategyComparison.Run(batch, [Strategy.StableMatching]).Single().Quality.BlockingPairs == 0);

    [Fact]
    public void Hand_made_pairs_that_break_rules_are_counted_as_violations()
    {
        var mentor = People.Mentor("MR1", dbs: false, capacity: 1);
        var batch = new MatchBatch([mentor], [People.Mentee("ME1", age: 15), People.Mentee("ME2")], People.AsOf);
        var q = Metrics.Evaluate(batch, [new PairRef("ME1", "MR1"), new PairRef("ME2", "MR1"), new PairRef("ME2", "MR1")]);
        Assert.Equal(3, q.Violations);
        Assert.Contains(q.ViolationExamples, v => v.Contains("NO_BACKGROUND_CHECK", StringComparison.Ordinal));
        Assert.Contains(q.ViolationExamples, v => v.Contains("capacity", StringComparison.Ordinal));
        Assert.Contains(q.ViolationExamples, v => v.Contains("more than one mentor", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_of_our_own_output_from_the_CLI_has_no_violation_and_agrees_with_the_summary()
    {
        var dir = CliRunner.TempDir();
        string[] batch = ["--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01"];
        Assert.Equal(0, CliRunner.Run(["match", .. batch, "--out", dir]).Code);
        var (code, json, err) = CliRunner.Run(["evaluate", .. batch, "--matches", Path.Combine(dir, "matches.csv"), "--format", "json"]);
        Assert.True(code == 0, err);
        Assert.Equal(string.Empty, err);
        using var doc = JsonDocument.Parse(json);
        double V(string metric) => doc.RootElement.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("metric").GetString() == metric && r.GetProperty("group").GetString() == "all").GetProperty("value").GetDouble();
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        Assert.Equal(0, V("violations"));
        Assert.Equal(summary.RootElement.GetProperty("matched").GetInt32(), V("matched"));
        Assert.Equal(summary.RootElement.GetProperty("total_score").GetDouble(), V("total_score"), 2);
        Assert.Equal(summary.RootElement.GetProperty("cross_background_share").GetDouble(), V("cross_background_share"), 4);
    }

    [Fact]
    public void Compare_prints_every_strategy_in_text_csv_and_json()
    {
        string[] batch = ["compare", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01"];
        var (code, text, _) = CliRunner.Run(batch);
        Assert.Equal(0, code);
        foreach (var name in new[] { "optimal", "greedy", "first-come", "stable", "random", "blocking pairs", "run time s", "pair set: all eligible pairs" })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }

        var (_, csv, _) = CliRunner.Run([.. batch, "--format", "csv"]);
        Assert.StartsWith("strategy,metric,group,value\noptimal,mentees,all,300\n", csv, StringComparison.Ordinal);
        var (_, json, _) = CliRunner.Run([.. batch, "--format", "json"]);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["optimal", "greedy", "first-come", "stable", "random"], doc.RootElement.GetProperty("strategies").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("all eligible pairs", doc.RootElement.GetProperty("pair_set").GetString());
        Assert.Equal(1, CliRunner.Run([.. batch, "--format", "xml"]).Code);
    }

    [Fact]
    public void Report_is_one_self_contained_page_with_the_figures_and_charts()
    {
        var dir = CliRunner.TempDir();
        var file = Path.Combine(dir, "report.html");
        var (code, _, err) = CliRunner.Run("report", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01", "--out", file);
        Assert.True(code == 0, err);
        var html = File.ReadAllText(file, Encoding.UTF8);
        foreach (var id in new[] { "card-matched", "chart-scores", "chart-group-area", "chart-distance", "chart-capacity", "comparison", "chart-strategies" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("report", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01", "--out", file).Code);
    }
}
