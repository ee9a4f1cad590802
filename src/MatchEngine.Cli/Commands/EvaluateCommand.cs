using System.CommandLine;
using MatchEngine.Analytics;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine evaluate</c>: the quality figures of any set of pairs.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliContext cli)
    {
        var matchesIn = new Option<FileInfo>("--matches") { Description = "The pairs to evaluate: mentee_id, mentor_id (a matches.csv, or pairs made by hand or another tool)", Required = true, HelpName = "FILE" };
        var format = SharedOptions.QualityFormat();
        var b = new BatchOptions();
        var evaluate = new Command("evaluate", "Quality figures of any set of pairs: matched, unmet-needs coverage, scores, cross-background shares, travel, match rate by group, capacity use, rule violations, blocking pairs.")
        {
            matchesIn, format,
        };
        b.AddTo(evaluate);
        evaluate.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(matchesIn)!, r.GetValue(format)!, ct));
        return evaluate;
    }

    private static int Run(CliContext cli, ParseResult pr, BatchOptions b, FileInfo matchesFile, string format, CancellationToken ct)
    {
        var loader = new InputLoader(cli);
        var (batch, options, _) = loader.Load(pr, b, skipInvalid: false, ct);
        var plain = batch with { Locked = [] };
        var q = Metrics.Evaluate(plain, loader.ReadPairs(matchesFile, plain), options, ct);
        return QualityOutput.Write(cli.Out, format, [(matchesFile.Name, q, null)]);
    }
}
