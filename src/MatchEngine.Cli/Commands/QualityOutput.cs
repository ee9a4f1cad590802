using System.CommandLine;
using System.Globalization;
using System.Text;
using MatchEngine.Analytics;
using MatchEngine.Reports;

namespace MatchEngine.Cli.Commands;

/// <summary>
/// Writes tidy figures in the <c>--format</c> asked for (text, csv, json or parquet), to stdout or to <c>--out FILE</c>,
/// each with the run's reproducibility record.
/// </summary>
internal static class QualityOutput
{
    public static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "text (default), csv (long: strategy,metric,group,value), json or parquet (needs --out)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "csv", "json", "parquet");
        return format;
    }

    public static Option<FileInfo?> OutFile() => new("--out") { Description = "Write to this file instead of stdout (required for parquet)" };

    public static Option<bool> Force() => new("--force") { Description = "Replace the --out file of an earlier run" };

    public static Option<int> Repeats() => new("--repeats") { Description = "How many times the random strategy is drawn (its mean, sd, min and max are reported)", DefaultValueFactory = _ => 20 };

    /// <summary>Before any work: stops with a usage error when parquet has no --out; checks and locks the --out file (an existing one needs --force). Null when the output goes to stdout.</summary>
    public static OutputFolder? Open(CliContext cli, string format, FileInfo? outFile, bool force)
    {
        if (format == "parquet" && outFile is null)
        {
            cli.Err.WriteLine("error: --format parquet writes a file; give --out FILE.parquet.");
            throw new CommandExitException(ExitCodes.Usage);
        }

        return outFile is null ? null : OutputFolder.OpenFile(outFile.FullName, force, cli.Err);
    }

    public static void CheckRepeats(CliContext cli, int repeats)
    {
        if (repeats is < 1 or > 10_000)
        {
            cli.Err.WriteLine("error: --repeats must be between 1 and 10,000.");
            throw new CommandExitException(ExitCodes.Usage);
        }
    }

    public static int Write(CliContext cli, string format, FileInfo? outFile, OutputFolder? output, IReadOnlyList<TidyRow> rows, RunInfo run, CancellationToken ct)
    {
        switch (format)
        {
            case "parquet":
                output!.Commit([(outFile!.Name, s => TidyParquet.Write(s, rows, run, ct))], ct);
                cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {outFile.FullName} ({rows.Count} rows; columns strategy, metric, group, value; the run's record in the file's metadata '{TidyParquet.MetadataKey}' and as rows of strategy 'run')"));
                return ExitCodes.Ok;
            case "csv":
                {
                    using var w = new StringWriter { NewLine = "\n" };
                    QualityWriter.WriteCsv(w, rows, run);
                    return Emit(cli, outFile, output, w.ToString(), ct);
                }

            case "json":
                {
                    using var ms = new MemoryStream();
                    QualityWriter.WriteJson(ms, rows, run);
                    return Emit(cli, outFile, output, Encoding.UTF8.GetString(ms.ToArray()), ct);
                }

            default:
                {
                    using var w = new StringWriter { NewLine = "\n" };
                    QualityWriter.WriteText(w, rows, run);
                    return Emit(cli, outFile, output, w.ToString(), ct);
                }
        }
    }

    public static int Emit(CliContext cli, FileInfo? outFile, OutputFolder? output, string text, CancellationToken ct)
    {
        if (outFile is null || output is null)
        {
            cli.Out.Write(text);
            return ExitCodes.Ok;
        }

        output.Commit([(outFile.Name, s => s.Write(new UTF8Encoding(false).GetBytes(text)))], ct);
        cli.Out.WriteLine($"Wrote {outFile.FullName}");
        return ExitCodes.Ok;
    }
}
