using System.CommandLine;
using MatchEngine.Analytics;
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
        var force = SharedOptions.Force("Replace the --out file if it exists");
        var b = new BatchOptions();
        var report = new Command("report", "Write one self-contained HTML page with the figures and charts, for a coordinator or a funder.")
        {
            reportOut, reportMatches, title, seed, force,
        };
        b.AddTo(report);
        report.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(reportMatches), r.GetValue(reportOut)!, r.GetValue(title)!, r.GetValue(seed), r.GetValue(force), ct));
        return report;
    }

    private static int Run(CliContext cli, ParseResult pr, BatchOptions b, FileInfo? matchesFile, FileInfo outFile, string title, int seed, bool force, CancellationToken ct)
    {
        using var output = OutputFolder.OpenFile(outFile.FullName, force, cli.Err);

        var loader = new InputLoader(cli);
        var (batch, options, _) = loader.Load(pr, b, skipInvalid: false, ct);
        var plain = batch with { Locked = [] };
        var comparison = StrategyComparison.Run(plain, null, seed, options, ct);
        var main = matchesFile is not null
            ? Metrics.Evaluate(plain, loader.ReadPairs(matchesFile, plain), options, ct)
            : comparison.First(c => c.Strategy == Strategy.Optimal).Quality;
        output.Commit([(outFile.Name, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            HtmlReport.Write(w, title, batch.AsOf, main, comparison);
        })], ct);
        cli.Status().WriteLine($"Wrote {outFile.FullName}");
        return ExitCodes.Ok;
    }
}
