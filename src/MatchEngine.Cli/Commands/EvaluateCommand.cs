using System.CommandLine;
using System.Globalization;
using MatchEngine.Analytics;
using MatchEngine.Csv;
using MatchEngine.Model;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine evaluate</c>: the quality figures of any sets of pairs, side by side.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext cli)
    {
        var matchesIn = new Option<FileInfo[]>("--matches") { Description = "Pairs to evaluate: mentee_id, mentor_id (other columns are ignored); repeat to put several side by side", Required = true, AllowMultipleArgumentsPerToken = false, HelpName = "FILE" };
        var labels = new Option<string[]>("--label") { Description = "A name for each --matches, in the same order (default: the file name)", AllowMultipleArgumentsPerToken = false };
        var format = QualityOutput.Format();
        var outFile = QualityOutput.OutFile();
        var force = QualityOutput.Force();
        var b = new BatchOptions();
        var evaluate = new Command("evaluate", "Quality figures of any sets of pairs side by side: matched, unmet-needs coverage, scores, cross-background shares, travel, match rate by group, capacity use, rule violations, blocking pairs.")
        {
            matchesIn, labels, format, outFile, force,
        };
        b.AddTo(evaluate);
        evaluate.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(matchesIn) ?? [], r.GetValue(labels) ?? [], r.GetValue(format)!, r.GetValue(outFile), r.GetValue(force), ct));
        return evaluate;
    }

    private static int Run(CliContext cli, ParseResult pr, BatchOptions b, FileInfo[] files, string[] labels, string format, FileInfo? outFile, bool force, CancellationToken ct)
    {
        if (labels.Length > 0 && labels.Length != files.Length)
        {
            cli.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {labels.Length} --label for {files.Length} --matches; give one label per --matches, in the same order, or none."));
            return ExitCodes.Usage;
        }

        var names = labels.Length > 0 ? labels : [.. files.Select(f => f.Name)];
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            cli.Err.WriteLine("error: each set of pairs needs its own name; give a different --label to each --matches.");
            return ExitCodes.Usage;
        }

        using var output = QualityOutput.Open(cli, format, outFile, force);
        var loader = new InputLoader(cli);
        var progress = ProgressDisplay.Start(cli);
        progress.Report(new MatchProgress("reading", 0, 0) { Kind = ProgressStage.Reading });
        MatchBatch batch;
        MatchOptions options;
        IReadOnlyList<QualityFigures> reports;
        using (progress)
        {
            (batch, options, _) = loader.Load(pr, b, skipInvalid: false, ct);
            var plain = batch with { Locked = [] };
            var issues = new List<CsvIssue>();
            var sets = new List<IReadOnlyList<PairRef>>();
            foreach (var f in files)
            {
                var read = loader.ReadFile(f, s => PairsCsv.ReadPairsToEvaluate(s, f.Name, plain, null), issues);
                sets.Add([.. read?.Records.Select(p => new PairRef(p.MenteeId, p.MentorId)) ?? []]);
            }

            loader.StopOn(issues);
            progress.Report(new MatchProgress("evaluating", 0, 0) { Kind = ProgressStage.Evaluating });
            reports = Metrics.EvaluateEach(plain, sets, options, ct);
        }

        var rows = names.Zip(reports).SelectMany(x => Tidy.Rows(x.First, x.Second, null)).ToList();
        var run = RunRecord.For(pr, b, options, batch.AsOf, [], files.Select(f => ("matches", f)));
        return QualityOutput.Write(cli, format, outFile, output, rows, run, ct);
    }
}
