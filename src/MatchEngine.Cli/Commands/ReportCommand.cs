using System.CommandLine;
using System.Text;
using MatchEngine.Analytics;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Reports;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine report</c>: one self-contained HTML page with the figures and charts.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext cli)
    {
        var reportOut = new Option<FileInfo>("--out", "-o") { Description = "The HTML file to write", Required = true, HelpName = "FILE" };
        var reportMatches = new Option<FileInfo?>("--matches") { Description = "Report on these pairs instead of the optimal match", HelpName = "FILE" };
        var title = new Option<string>("--title") { Description = "Page title", DefaultValueFactory = _ => "Mentoring match report", HelpName = "TEXT" };
        var seed = SharedOptions.StrategySeed();
        var repeats = QualityOutput.Repeats();
        var grid = new Option<FileInfo?>("--policy-grid") { Description = "Also run this policy sweep and chart its frontier" };
        var force = SharedOptions.Force("Replace the --out file if it exists");
        var b = new BatchOptions();
        var report = new Command("report", "Write one self-contained HTML page with the figures and charts, for a coordinator or a funder.")
        {
            reportOut, reportMatches, title, seed, repeats, grid, force,
        };
        b.AddTo(report);
        report.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(reportMatches), r.GetValue(reportOut)!, r.GetValue(title)!, r.GetValue(seed), r.GetValue(repeats), r.GetValue(grid), r.GetValue(force), ct));
        return report;
    }

    private static int Run(CliContext cli, ParseResult pr, BatchOptions b, FileInfo? matchesFile, FileInfo outFile, string title, int seed, int repeats, FileInfo? gridFile, bool force, CancellationToken ct)
    {
        using var output = OutputFolder.OpenFile(outFile.FullName, force, cli.Err);

        QualityOutput.CheckRepeats(cli, repeats);
        using var progress = ProgressDisplay.Start(cli);
        progress.Report(new MatchProgress("reading", 0, 0) { Kind = ProgressStage.Reading });
        var loader = new InputLoader(cli);
        var (batch, options, _) = loader.Load(pr, b, skipInvalid: false, ct);
        var plain = batch with { Locked = [] };
        var points = gridFile is null ? null : SweepCommand.LoadGrid(cli, gridFile, options);
        QualityFigures? given = null;
        if (matchesFile is not null)
        {
            var issues = new List<CsvIssue>();
            var read = loader.ReadFile(matchesFile, s => PairsCsv.ReadPairsToEvaluate(s, matchesFile.Name, plain, null), issues);
            loader.StopOn(issues);
            given = Metrics.Evaluate(plain, read!.Records.Select(p => new PairRef(p.MenteeId, p.MentorId)), options, ct);
        }

        progress.Report(new MatchProgress("comparing strategies", 0, 0) { Kind = ProgressStage.Comparing });
        var comparison = StrategyComparison.Run(plain, new StrategyComparisonSettings { Seed = seed, RandomRepeats = repeats }, options, ct);
        var main = given ?? comparison.First(c => c.Strategy == Strategy.Optimal).Quality;
        IReadOnlyList<UnmatchedEntry> unmatched = given is null ? new Matcher(options).Match(plain, progress, ct).Unmatched : [];
        var sweep = points is null ? null : SweepCommand.Run(progress, batch, points, ct);
        progress.Report(new MatchProgress("writing", 0, 0) { Kind = ProgressStage.Writing });
        List<(string, FileInfo)> extra = [];
        if (matchesFile is not null)
        {
            extra.Add(("matches", matchesFile));
        }

        if (gridFile is not null)
        {
            extra.Add(("policy_grid", gridFile));
        }

        var run = RunRecord.For(pr, b, options, batch.AsOf, [new("random_first_seed", seed), new("random_repeats", repeats)], extra);
        output.Commit([(outFile.Name, s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            HtmlReport.Write(w, new HtmlReportContent { Title = title, AsOf = batch.AsOf, Main = main, Comparison = comparison, Unmatched = unmatched, Sweep = sweep, Run = run });
        })], ct);
        progress.Dispose();
        cli.Status().WriteLine($"Wrote {outFile.FullName}");
        return ExitCodes.Ok;
    }
}
