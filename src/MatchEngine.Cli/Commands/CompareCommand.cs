using System.CommandLine;
using MatchEngine.Analytics;
using MatchEngine.Csv;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine compare</c>: the same batch (or your own scored pairs) matched five ways on the same pair set, figures side by side.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext cli)
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the random strategy's first draw (draw i uses seed + i)", DefaultValueFactory = _ => 1 };
        var repeats = QualityOutput.Repeats();
        var format = QualityOutput.Format();
        var outFile = QualityOutput.OutFile();
        var force = QualityOutput.Force();
        var pairs = new Option<FileInfo?>("--pairs") { Description = "Compare on your own scores: pairs.csv (mentee_id, mentor_id, score) instead of --mentors/--mentees" };
        var caps = new Option<FileInfo?>("--capacities") { Description = "With --pairs: capacities.csv (mentor_id, capacity; default 1)" };
        var b = new BatchOptions();
        b.Mentors.Required = false;
        b.Mentees.Required = false;
        var compare = new Command("compare", "Match the same batch five ways (optimal, greedy by score, first come first served, stable matching, random) on the same pair set, all eligible pairs, and compare the figures side by side.")
        {
            seed, repeats, format, outFile, force, pairs, caps,
        };
        b.AddTo(compare);
        compare.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(pairs), r.GetValue(caps), r.GetValue(seed), r.GetValue(repeats), r.GetValue(format)!, r.GetValue(outFile), r.GetValue(force), ct));
        return compare;
    }

    private static int Run(CliContext cli, ParseResult pr, BatchOptions b, FileInfo? pairsFile, FileInfo? capsFile, int seed, int repeats, string format, FileInfo? outFile, bool force, CancellationToken ct)
    {
        QualityOutput.CheckRepeats(cli, repeats);
        using var output = QualityOutput.Open(cli, format, outFile, force);
        var settings = new StrategyComparisonSettings { Seed = seed, RandomRepeats = repeats };
        RunSeed[] seeds = [new("random_first_seed", seed), new("random_repeats", repeats)];
        var loader = new InputLoader(cli);
        if (pairsFile is not null)
        {
            if (pr.GetValue(b.Mentors) is not null || pr.GetValue(b.Mentees) is not null)
            {
                cli.Err.WriteLine("error: give either --pairs (your own scores) or --mentors and --mentees, not both.");
                return ExitCodes.Usage;
            }

            var sep = loader.Delimiter(pr.GetValue(b.Delimiter));
            var issues = new List<CsvIssue>();
            var scored = loader.ReadFile(pairsFile, s => PairsCsv.ReadPairs(s, pairsFile.Name, sep), issues);
            Dictionary<string, int>? capacities = null;
            List<(string, FileInfo)> files = [("pairs", pairsFile)];
            if (capsFile is not null)
            {
                capacities = loader.ReadFile(capsFile, s => PairsCsv.ReadCapacities(s, capsFile.Name, sep), issues)?.Records.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                files.Add(("capacities", capsFile));
            }

            loader.StopOn(issues);
            var own = StrategyComparison.Run(scored!.Records, capacities, settings, ct);
            var record = RunRecord.For(pr, null, MatchOptions.Default, null, seeds, files) with { Policy = [], PolicySha256 = "none (own scores)" };
            return QualityOutput.Write(cli, format, outFile, output, Tidy.Rows(own), record, ct);
        }

        if (capsFile is not null)
        {
            cli.Err.WriteLine("error: --capacities goes with --pairs; with --mentors and --mentees the capacities are in mentors.csv.");
            return ExitCodes.Usage;
        }

        if (pr.GetValue(b.Mentors) is null || pr.GetValue(b.Mentees) is null)
        {
            cli.Err.WriteLine("error: compare needs --mentors and --mentees (or --pairs for your own scores).");
            return ExitCodes.Usage;
        }

        Inputs inputs;
        IReadOnlyList<StrategyResult> results;
        using (var progress = ProgressDisplay.Start(cli))
        {
            progress.Report(new MatchProgress("reading", 0, 0) { Kind = ProgressStage.Reading });
            inputs = loader.Load(pr, b, skipInvalid: false, ct);
            progress.Report(new MatchProgress("comparing strategies", 0, 0) { Kind = ProgressStage.Comparing });
            results = StrategyComparison.Run(inputs.Batch, settings, inputs.Options, ct);
        }

        return QualityOutput.Write(cli, format, outFile, output, Tidy.Rows(results), RunRecord.For(pr, b, inputs.Options, inputs.Batch.AsOf, seeds, []), ct);
    }
}
