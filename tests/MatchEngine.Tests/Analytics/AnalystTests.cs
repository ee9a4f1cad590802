using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Analytics;
using MatchEngine.Cli.Commands;
using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Tests.Cli;
using Parquet.Serialization;

namespace MatchEngine.Tests.Analytics;

/// <summary>Issue 13: fair baselines on all eligible pairs, tidy typed outputs, reproducible runs, own scores, sweeps, the report.</summary>
public class AnalystTests
{
    private static readonly string[] Sample = ["--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01"];

    private static Gen<MatchBatch> Generated =>
        from seed in Gen.Choose(1, 100_000)
        from mentors in Gen.Choose(3, 40)
        from mentees in Gen.Choose(3, 50)
        select BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, ScatterKm = 15 });

    private static Dictionary<(string, string, string), double> Figures(IEnumerable<StrategyResult> results, Strategy s) =>
        Tidy.Rows(results.Single(r => r.Strategy == s), withTime: false).ToDictionary(r => (r.Strategy, r.Metric, r.Group), r => r.Value);

    [Property(MaxTest = 40)]
    public Property Every_baseline_has_the_same_figures_whether_the_engine_runs_sparse_or_dense() => Prop.ForAll(Generated.ToArbitrary(), batch =>
    {
        Strategy[] baselines = [Strategy.GreedyByScore, Strategy.FirstComeFirstServed, Strategy.StableMatching, Strategy.Random];
        var settings = new StrategyComparisonSettings { Strategies = baselines, RandomRepeats = 3, Seed = 7 };
        var dense = StrategyComparison.Run(batch, settings, MatchOptions.Default, CancellationToken.None);
        var sparse = StrategyComparison.Run(batch, settings, MatchOptions.Default with { DensePairLimit = 0, CandidatesPerMentee = 1, CandidateSearchBudget = 2 }, CancellationToken.None);
        return baselines.All(s => Figures(dense, s).OrderBy(x => x.Key).SequenceEqual(Figures(sparse, s).OrderBy(x => x.Key)))
            .Label("baselines differ between sparse and dense");
    });

    // The optimum comes from the engine, exact on both paths. Several matchings can be optimal (ties), so only the
    // figures the objective fixes must agree: the counts (with unmet needs, in all) and the total score.
    [Property(MaxTest = 40)]
    public Property The_optimums_figures_are_the_same_whether_the_engine_runs_sparse_or_dense() => Prop.ForAll(Generated.ToArbitrary(), batch =>
    {
        var settings = new StrategyComparisonSettings { Strategies = [Strategy.Optimal] };
        var dense = StrategyComparison.Run(batch, settings, MatchOptions.Default, CancellationToken.None);
        var sparse = StrategyComparison.Run(batch, settings, MatchOptions.Default with { DensePairLimit = 0 }, CancellationToken.None);
        string[] fixedByObjective = ["matched", "matched_share", "unmet_needs_matched", "total_score", "mean_score", "allowed_pairs"];
        var d = Figures(dense, Strategy.Optimal).Where(x => fixedByObjective.Contains(x.Key.Item2) && x.Key.Item3 == "all").ToDictionary();
        var s = Figures(sparse, Strategy.Optimal).Where(x => fixedByObjective.Contains(x.Key.Item2) && x.Key.Item3 == "all").ToDictionary();
        var diff = d.Where(x => s.GetValueOrDefault(x.Key) != x.Value).Select(x => $"{x.Key.Item2}/{x.Key.Item3}: dense {x.Value}, sparse {s.GetValueOrDefault(x.Key)}").Take(5);
        return d.OrderBy(x => x.Key).SequenceEqual(s.OrderBy(x => x.Key)).Label(string.Join("; ", diff));
    });

    [Property(MaxTest = 40)]
    public Property Blocking_pairs_and_the_pair_set_of_the_optimum_do_not_depend_on_the_sparse_shortlist() => Prop.ForAll(Generated.ToArbitrary(), batch =>
    {
        var settings = new StrategyComparisonSettings { Strategies = [Strategy.Optimal] };
        var dense = StrategyComparison.Run(batch, settings, MatchOptions.Default, CancellationToken.None).Single();
        var sparse = StrategyComparison.Run(batch, settings, MatchOptions.Default with { DensePairLimit = 0 }, CancellationToken.None).Single();

        // The blocking pairs of the same pairs are counted over the same (all eligible) pair set, whatever the engine's path.
        var again = Metrics.Evaluate(batch, sparse.Pairs, MatchOptions.Default with { DensePairLimit = 0 });
        var denseEval = Metrics.Evaluate(batch, sparse.Pairs, MatchOptions.Default);
        return (dense.Quality.AllowedPairs == sparse.Quality.AllowedPairs).Label("pair set")
            .And((again.BlockingPairs == denseEval.BlockingPairs && again.AllowedPairs == denseEval.AllowedPairs).Label("blocking pairs over all eligible pairs"));
    });

    [Fact]
    public void Random_baseline_reports_mean_sd_min_and_max_over_its_repeats()
    {
        var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 30, Mentees = 40, Seed = 5 });
        var r = StrategyComparison.Run(batch, new StrategyComparisonSettings { Strategies = [Strategy.Random], RandomRepeats = 20, Seed = 3 }, null, CancellationToken.None).Single();
        Assert.Equal(20, r.Repeats);
        var matched = r.Spread.Single(s => s.Metric == "matched" && s.Group == Tidy.All);
        var singles = Enumerable.Range(3, 20).Select(seed => StrategyComparison.Run(batch, [Strategy.Random], seed).Single().Quality.Matched).ToList();
        Assert.Equal(singles.Average(), matched.Mean, 6);
        Assert.Equal(singles.Min(), matched.Min);
        Assert.Equal(singles.Max(), matched.Max);
        var sd = Math.Sqrt(singles.Sum(v => (v - singles.Average()) * (v - singles.Average())) / 19);
        Assert.Equal(sd, matched.StandardDeviation, 6);
        var rows = Tidy.Rows(r, withTime: false);
        Assert.Contains(rows, x => x.Metric == "matched_sd" && x.Group == Tidy.All);
        Assert.Contains(rows, x => x.Metric == "repeats" && x.Value == 20);
    }

    [Fact]
    public void Tidy_CSV_is_long_and_every_value_parses_as_a_float_with_Pythons_csv_module_and_the_README_snippet_runs()
    {
        var dir = CliRunner.TempDir();
        var file = Path.Combine(dir, "comparison.csv");
        var (code, _, err) = CliRunner.Run(["compare", .. Sample, "--repeats", "3", "--format", "csv", "--out", file]);
        Assert.True(code == 0, err);
        var check = """
            import csv, math, sys
            with open("comparison.csv", newline="") as f:
                reader = csv.reader(f)
                assert next(reader) == ["strategy", "metric", "group", "value"]
                rows = [(s, m, g, float(v)) for s, m, g, v in reader]
            groups = {m for s, m, g, v in rows if s == "optimal" and m.startswith("match_rate_by_")}
            assert {"match_rate_by_area", "match_rate_by_ethnicity", "match_rate_by_gender", "match_rate_by_unmet_needs"} <= groups, groups
            assert all(0 <= v <= 1 for s, m, g, v in rows if s != "run" and (m.endswith("_share") or m.startswith("match_rate_by_")))
            assert any(m == "run_time_s" for s, m, g, v in rows)
            assert any(s == "run" and m == "input_sha256.mentors" for s, m, g, v in rows)
            print(len(rows))
            """;
        var (rc, stdout, stderr) = Python(dir, check);
        Assert.True(rc == 0, stderr);
        Assert.True(int.Parse(stdout.Trim(), CultureInfo.InvariantCulture) > 100);

        // The README's snippet: pandas where it is installed, else its csv-module twin.
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "README.md"));
        var pandas = Python(dir, "import pandas").Code == 0;
        var snippet = Block(readme, pandas ? "```python title=pandas" : "```python title=csv");
        var (src, sout, serr) = Python(dir, snippet);
        Assert.True(src == 0, serr);
        Assert.Contains("262", sout, StringComparison.Ordinal);
        Assert.Contains("```r", readme, StringComparison.Ordinal);
    }

    private static string Block(string text, string fence)
    {
        var start = text.IndexOf(fence + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no block {fence}");
        start += fence.Length + 1;
        return text[start..text.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static (int Code, string Out, string Err) Python(string dir, string script)
    {
        var psi = new ProcessStartInfo("python3") { WorkingDirectory = dir, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-");
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is needed by this test (the README's snippets are Python) and could not be started.", e);
        }

        using (p)
        {
            p.StandardInput.Write(script);
            p.StandardInput.Close();
            var o = p.StandardOutput.ReadToEndAsync();
            var e = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            return (p.ExitCode, o.Result, e.Result);
        }
    }

    [Fact]
    public async Task JSON_and_Parquet_carry_the_same_rows_as_the_CSV_and_the_run_record()
    {
        var dir = CliRunner.TempDir();
        string[] args = ["compare", .. Sample, "--repeats", "2", "--seed", "4"];
        var (_, csv, _) = CliRunner.Run([.. args, "--format", "csv"]);
        var (_, json, _) = CliRunner.Run([.. args, "--format", "json"]);
        var (code, _, err) = CliRunner.Run([.. args, "--format", "parquet", "--out", Path.Combine(dir, "c.parquet")]);
        Assert.True(code == 0, err);
        static string Key(string s, string m, string g) => $"{s}|{m}|{g}";
        var fromCsv = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .Where(c => c[0] != "run" && c[1] != "run_time_s").ToDictionary(c => Key(c[0], c[1], c[2]), c => double.Parse(c[3], CultureInfo.InvariantCulture));
        using var doc = JsonDocument.Parse(json);
        var fromJson = doc.RootElement.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("metric").GetString() != "run_time_s")
            .ToDictionary(r => Key(r.GetProperty("strategy").GetString()!, r.GetProperty("metric").GetString()!, r.GetProperty("group").GetString()!), r => r.GetProperty("value").GetDouble());
        Assert.Equal(fromCsv.OrderBy(x => x.Key), fromJson.OrderBy(x => x.Key));
        Assert.Equal("2026-09-01", doc.RootElement.GetProperty("run").GetProperty("as_of").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("run").GetProperty("seeds").GetProperty("random_first_seed").GetInt32());

        await using var fs = File.OpenRead(Path.Combine(dir, "c.parquet"));
        var result = await ParquetSerializer.DeserializeAsync<TidyParquet.Row>(fs);
        var read = result.Data.ToList();
        Assert.Contains("\"policy_sha256\"", result.CustomMetadata![TidyParquet.MetadataKey], StringComparison.Ordinal);
        Assert.Equal(["strategy", "metric", "group", "value"], result.Schema.Fields.Select(f => f.Name));
        var fromParquet = read.Where(r => r.Strategy != "run" && r.Metric != "run_time_s").ToDictionary(r => Key(r.Strategy, r.Metric, r.Group), r => r.Value);
        Assert.Equal(fromCsv.OrderBy(x => x.Key), fromParquet.OrderBy(x => x.Key));
        Assert.Contains(read, r => r.Strategy == "run" && r.Metric == "policy_sha256");
        Assert.Equal(1, CliRunner.Run([.. args, "--format", "parquet"]).Code);
    }

    [Fact]
    public void Summary_json_and_every_output_record_version_as_of_policy_hash_seeds_and_input_checksums()
    {
        var dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(["match", .. Sample, "--out", dir, "--min-cross-background", "0.8"]).Code);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var run = summary.RootElement.GetProperty("run");
        Assert.Equal(RunInfo.CurrentEngineVersion, run.GetProperty("engine_version").GetString());
        Assert.Equal("2026-09-01", run.GetProperty("as_of").GetString());
        Assert.Equal(0.8, run.GetProperty("policy").GetProperty("min_cross_background_share").GetDouble());
        Assert.Matches("^[0-9a-f]{64}$", run.GetProperty("policy_sha256").GetString());
        using var mentors = File.OpenRead(CliRunner.Samples("mentors.csv"));
        var inputs = run.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(RunInfo.Sha256(mentors), inputs.Single(i => i.GetProperty("role").GetString() == "mentors").GetProperty("sha256").GetString());
        Assert.Equal("mentors.csv", inputs.Single(i => i.GetProperty("role").GetString() == "mentors").GetProperty("file").GetString());

        // Another policy gives another hash; the same run gives the same bytes.
        var other = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(["match", .. Sample, "--out", other]).Code);
        using var otherSummary = JsonDocument.Parse(File.ReadAllText(Path.Combine(other, "summary.json")));
        Assert.NotEqual(run.GetProperty("policy_sha256").GetString(), otherSummary.RootElement.GetProperty("run").GetProperty("policy_sha256").GetString());
        var first = File.ReadAllText(Path.Combine(other, "summary.json"));
        Assert.Equal(0, CliRunner.Run(["match", .. Sample, "--out", other, "--force"]).Code);
        Assert.Equal(first, File.ReadAllText(Path.Combine(other, "summary.json")));

        var (_, text, _) = CliRunner.Run(["evaluate", .. Sample, "--matches", Path.Combine(dir, "matches.csv")]);
        Assert.Contains("run: matchengine " + RunInfo.CurrentEngineVersion + ", as of 2026-09-01, policy sha256 ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_puts_several_labelled_matchings_side_by_side_and_takes_extra_columns_quietly()
    {
        var dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(["match", .. Sample, "--out", dir]).Code);
        var theirs = Path.Combine(dir, "theirs.csv");
        var lines = File.ReadAllLines(Path.Combine(dir, "matches.csv"));
        File.WriteAllLines(theirs, [.. new[] { "mentor_id,mentee_id,their_rank,notes" }.Concat(lines.Skip(1).Take(100).Select((l, i) => $"{l.Split(',')[1]},{l.Split(',')[0]},{i},\"x, y\""))]);
        var (code, csv, err) = CliRunner.Run(["evaluate", .. Sample, "--matches", Path.Combine(dir, "matches.csv"), "--matches", theirs, "--label", "ours", "--label", "theirs", "--format", "csv"]);
        Assert.True(code == 0, err);
        Assert.Equal(string.Empty, err);
        Assert.Contains("\nours,matched,all,262\n", csv, StringComparison.Ordinal);
        Assert.Contains("\ntheirs,matched,all,100\n", csv, StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run(["evaluate", .. Sample, "--matches", theirs, "--label", "a", "--label", "b"]).Code);
    }

    [Fact]
    public void Compare_on_own_scores_runs_every_strategy_on_the_given_pairs()
    {
        var dir = CliRunner.TempDir();
        var pairs = Path.Combine(dir, "pairs.csv");
        File.WriteAllText(pairs, "mentee_id,mentor_id,score\nA,X,10\nA,Y,9\nB,X,9\nB,Y,1\nC,Y,5\n");
        var caps = Path.Combine(dir, "caps.csv");
        File.WriteAllText(caps, "mentor_id,capacity\nX,1\nY,2\n");
        var (code, csv, err) = CliRunner.Run("compare", "--pairs", pairs, "--capacities", caps, "--format", "csv");
        Assert.True(code == 0, err);
        Assert.Contains("\noptimal,matched,all,3\n", csv, StringComparison.Ordinal);
        Assert.Contains("\noptimal,total_score,all,23\n", csv, StringComparison.Ordinal);
        Assert.Contains("\ngreedy,total_score,all,16\n", csv, StringComparison.Ordinal);
        Assert.Contains("\ngreedy,blocking_pairs,all,0\n", csv, StringComparison.Ordinal);
        Assert.Contains("\nrun,input_sha256.pairs,pairs.csv:", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("cross_background_share", csv, StringComparison.Ordinal);
        Assert.Equal(1, CliRunner.Run("compare", "--pairs", pairs, "--mentors", CliRunner.Samples("mentors.csv")).Code);
        Assert.Equal(1, CliRunner.Run("compare").Code);
    }

    private static Gen<MatchBatch> SmallBatches =>
        from seed in Gen.Choose(1, 100_000)
        from mentors in Gen.Choose(3, 20)
        from mentees in Gen.Choose(3, 25)
        select BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, ScatterKm = 15 });

    [Property(MaxTest = 25)]
    public Property Sweep_frontier_is_monotone_where_theory_says_it_must_be() => Prop.ForAll(SmallBatches.ToArbitrary(), batch =>
    {
        using var grid = new MemoryStream(Encoding.UTF8.GetBytes("{\"min_cross_background_share\": [null, 0.5, 0.7, 0.8, 0.9, 1.0]}"));
        var points = PolicySweep.LoadGrid(grid, "grid.json", MatchOptions.Default).Points;
        var r = PolicySweep.Run(batch, points, CancellationToken.None);

        // A target only trades score: the numbers matched never move; a higher target that is met never scores more,
        // and a met target is reached (a batch with nothing to match meets every target vacuously).
        var counts = r.All(x => x.Quality.Matched == r[0].Quality.Matched && x.Quality.UnmetNeedsMatched == r[0].Quality.UnmetNeedsMatched);
        var met = r.Skip(1).Where(x => x.Result.Quota!.Feasible && x.Result.Quota.Gap == 0).ToList();
        var score = met.Zip(met.Skip(1)).All(p => p.Second.Quality.TotalScore <= p.First.Quality.TotalScore + 1e-6) && met.All(x => x.Quality.TotalScore <= r[0].Quality.TotalScore + 1e-6);
        var reached = met.All(x => x.Quality.Matched == 0 || x.Quality.CrossEitherShare + 1e-9 >= x.Point.Options.MinCrossBackgroundShare!.Value);

        using var grid2 = new MemoryStream(Encoding.UTF8.GetBytes("{\"min_pair_score\": [0, 20, 40, 60, 80]}"));
        var byMin = PolicySweep.Run(batch, PolicySweep.LoadGrid(grid2, "grid.json", MatchOptions.Default).Points, CancellationToken.None);
        var matched = byMin.Zip(byMin.Skip(1)).All(p => p.Second.Quality.Matched <= p.First.Quality.Matched);
        return counts.Label("counts fixed").And(score.Label("score non-increasing")).And(reached.Label("target reached: " + string.Join("; ", met.Select(x => $"{x.Point.Label} share {x.Quality.CrossEitherShare} achieved {x.Result.Quota!.AchievedShare} matched {x.Quality.Matched} feasible {x.Result.Quota.Feasible} method {x.Result.Quota.Method}")))).And(matched.Label("matched non-increasing in the minimum score"));
    });

    [Fact]
    public void Sweep_writes_a_tidy_table_and_names_a_bad_grid_field()
    {
        var dir = CliRunner.TempDir();
        var grid = Path.Combine(dir, "grid.json");
        File.WriteAllText(grid, "{ // the target from 0.75 to 0.95\n \"min_cross_background_share\": [0.75, 0.95], \"weights.proximity\": [0, 40] }");
        var (code, csv, err) = CliRunner.Run(["sweep", .. Sample, "--policy-grid", grid, "--format", "csv"]);
        Assert.True(code == 0, err);
        Assert.Contains("\nmin_cross_background_share=0.95;weights.proximity=40,policy.weights.proximity,all,40\n", csv, StringComparison.Ordinal);
        Assert.Contains("min_cross_background_share=0.75;weights.proximity=0,score_given_up,all,", csv, StringComparison.Ordinal);
        File.WriteAllText(grid, "{\"weights.proximty\": [1], \"min_pair_score\": 3}");
        var (bad, _, berr) = CliRunner.Run(["sweep", .. Sample, "--policy-grid", grid]);
        Assert.Equal(2, bad);
        Assert.Contains("did you mean 'weights.proximity'", berr, StringComparison.Ordinal);
        Assert.Contains("'min_pair_score' must be a non-empty list", berr, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_has_bars_on_the_tables_scale_unmatched_reasons_the_frontier_and_the_reproducibility_block()
    {
        var dir = CliRunner.TempDir();
        var grid = Path.Combine(dir, "grid.json");
        File.WriteAllText(grid, "{\"min_cross_background_share\": [0.9, 0.93, 0.95]}");
        var file = Path.Combine(dir, "report.html");
        var (code, _, err) = CliRunner.Run(["report", .. Sample, "--out", file, "--policy-grid", grid, "--repeats", "3"]);
        Assert.True(code == 0, err);
        var html = File.ReadAllText(file, Encoding.UTF8);
        foreach (var id in new[] { "unmatched-reasons", "chart-unmatched", "chart-reason-CAPACITY_TAKEN", "chart-frontier", "chart-matched-min-score", "sweep-table", "reproducibility" })
        {
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
        }

        var strategies = html[html.IndexOf("id=\"chart-strategies\"", StringComparison.Ordinal)..];
        strategies = strategies[..strategies.IndexOf("</svg>", StringComparison.Ordinal)];
        Assert.Contains(">68.24</text>", strategies, StringComparison.Ordinal);
        Assert.Contains("<td>68.24</td>", html, StringComparison.Ordinal);
        Assert.Contains(RunInfo.CurrentEngineVersion, html, StringComparison.Ordinal);
    }
}
