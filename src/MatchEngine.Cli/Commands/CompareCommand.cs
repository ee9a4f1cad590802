using System.CommandLine;
using MatchEngine.Analytics;
using MatchEngine.Reports;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine compare</c>: the same batch matched five ways, figures side by side.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext cli)
    {
        var seed = SharedOptions.StrategySeed();
        var format = SharedOptions.QualityFormat();
        var b = new BatchOptions();
        var compare = new Command("compare", "Match the same batch five ways (optimal, greedy by score, first come first served, stable matching, random) and compare the figures side by side.")
        {
            seed, format,
        };
        b.AddTo(compare);
        compare.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(seed), r.GetValue(format)!, ct));
        return compare;
    }

    private static int Run(CliContext cli, ParseResult pr, BatchOptions b, int seed, string format, CancellationToken ct)
    {
        var inputs = new InputLoader(cli).Load(pr, b, skipInvalid: false, ct);
        var results = StrategyComparison.Run(inputs.Batch, null, seed, inputs.Options, ct);
        return QualityOutput.Write(cli.Out, format, [.. results.Select(r => (HtmlReport.Name(r.Strategy), r.Quality, (TimeSpan?)r.Elapsed))]);
    }
}
