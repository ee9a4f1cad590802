using System.CommandLine;
using System.Globalization;
using MatchEngine.Analytics;
using MatchEngine.Model;
using MatchEngine.Reports;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine sweep</c>: one batch matched under every policy of a grid, as a tidy table.</summary>
internal static class SweepCommand
{
    public static Command Create(CliContext cli)
    {
        var grid = new Option<FileInfo>("--policy-grid") { Description = "grid.json: policy fields, each with a list of values, e.g. {\"min_cross_background_share\": [0.75, 0.8, 0.85, 0.9, 0.95]}; every combination is run", Required = true };
        var format = QualityOutput.Format();
        var outFile = QualityOutput.OutFile();
        var force = QualityOutput.Force();
        var b = new BatchOptions();
        var sweep = new Command("sweep", "Match one batch under several policies (a grid of policy fields) and tabulate what each costs and gains.")
        {
            grid, format, outFile, force,
        };
        b.AddTo(sweep);
        sweep.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(grid)!, r.GetValue(format)!, r.GetValue(outFile), r.GetValue(force), ct));
        return sweep;
    }

    /// <summary>Reads a policy grid on top of the command's policy; every problem is listed and the command ends with exit code 2.</summary>
    public static IReadOnlyList<SweepPoint> LoadGrid(CliContext cli, FileInfo gridFile, MatchOptions options)
    {
        if (!gridFile.Exists)
        {
            cli.Err.WriteLine($"error: {gridFile}: does not exist.");
            throw new CommandExitException(ExitCodes.InvalidInput);
        }

        using var gs = gridFile.OpenRead();
        var grid = PolicySweep.LoadGrid(gs, gridFile.Name, options);
        if (!grid.IsValid)
        {
            cli.Err.WriteLine(grid.Errors.Count == 1 ? "error: the policy grid has 1 error; nothing was written." : $"error: the policy grid has {grid.Errors.Count} errors; nothing was written.");
            foreach (var e in grid.Errors)
            {
                cli.Err.WriteLine($"  {e}");
            }

            throw new CommandExitException(ExitCodes.InvalidInput);
        }

        return grid.Points;
    }

    /// <summary>Runs the sweep point by point, saying which policy is being matched.</summary>
    public static IReadOnlyList<SweepResult> Run(ProgressDisplay progress, MatchBatch batch, IReadOnlyList<SweepPoint> points, CancellationToken ct)
    {
        var results = new List<SweepResult>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            progress.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"policy {i + 1} of {points.Count}: {points[i].Label}"), i, points.Count) { Kind = ProgressStage.Sweeping });
            results.AddRange(PolicySweep.Run(batch, [points[i]], ct));
        }

        return results;
    }

    private static int Run(CliContext cli, ParseResult pr, BatchOptions b, FileInfo gridFile, string format, FileInfo? outFile, bool force, CancellationToken ct)
    {
        using var output = QualityOutput.Open(cli, format, outFile, force);
        Inputs inputs;
        IReadOnlyList<SweepResult> results;
        using (var progress = ProgressDisplay.Start(cli))
        {
            progress.Report(new MatchProgress("reading", 0, 0) { Kind = ProgressStage.Reading });
            inputs = new InputLoader(cli).Load(pr, b, skipInvalid: false, ct);
            var points = LoadGrid(cli, gridFile, inputs.Options);
            results = Run(progress, inputs.Batch, points, ct);
        }

        var run = RunRecord.For(pr, b, inputs.Options, inputs.Batch.AsOf, [], [("policy_grid", gridFile)]);
        if (format == "text")
        {
            using var w = new StringWriter { NewLine = "\n" };
            SweepWriter.WriteText(w, results, run);
            return QualityOutput.Emit(cli, outFile, output, w.ToString(), ct);
        }

        return QualityOutput.Write(cli, format, outFile, output, PolicySweep.Rows(results), run, ct);
    }
}
