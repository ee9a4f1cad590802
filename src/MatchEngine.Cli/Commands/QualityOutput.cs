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

    /// <summary>Stops with a usage error when parquet has no --out, or --out exists without --force.</summary>
    public static void CheckOut(CliContext cli, string format, FileInfo? outFile, bool force)
    {
        if (format == "parquet" && outFile is null)
        {
            cli.Err.WriteLine("error: --format parquet writes a file; give --out FILE.parquet.");
            throw new CommandExitException(ExitCodes.Usage);
        }

        if (outFile is not null && outFile.Exists && !force)
        {
            cli.Err.WriteLine($"error: {outFile.FullName} already exists. Pass --force to replace it.");
            throw new CommandExitException(ExitCodes.Usage);
        }
    }

    public static void CheckRepeats(CliContext cli, int repeats)
    {
        if (repeats is < 1 or > 10_000)
        {
            cli.Err.WriteLine("error: --repeats must be between 1 and 10,000.");
            throw new CommandExitException(ExitCodes.Usage);
        }
    }

    public static int Write(CliContext cli, string format, FileInfo? outFile, IReadOnlyList<TidyRow> rows, RunInfo run, CancellationToken ct)
    {
        switch (format)
        {
            case "parquet":
                OutputFolder.Write(Folder(outFile!), [(outFile!.Name, s => TidyParquet.Write(s, rows, run, ct))], ct);
                cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {outFile.FullName} ({rows.Count} rows; columns strategy, metric, group, value; the run's record in the file's metadata '{TidyParquet.MetadataKey}' and as rows of strategy 'run')"));
                return ExitCodes.Ok;
            case "csv":
                {
                    var w = new StringWriter { NewLine = "\n" };
                    QualityWriter.WriteCsv(w, rows, run);
                    return Emit(cli, outFile, w.ToString(), ct);
                }

            case "json":
                {
                    using var ms = new MemoryStream();
                    QualityWriter.WriteJson(ms, rows, run);
                    return Emit(cli, outFile, Encoding.UTF8.GetString(ms.ToArray()), ct);
                }

            default:
                {
                    var w = new StringWriter { NewLine = "\n" };
                    QualityWriter.WriteText(w, rows, run);
                    return Emit(cli, outFile, w.ToString(), ct);
                }
        }
    }

    public static int Emit(CliContext cli, FileInfo? outFile, string text, CancellationToken ct)
    {
        if (outFile is null)
        {
            cli.Out.Write(text);
            return ExitCodes.Ok;
        }

        OutputFolder.Write(Folder(outFile), [(outFile.Name, s => s.Write(new UTF8Encoding(false).GetBytes(text)))], ct);
        cli.Out.WriteLine($"Wrote {outFile.FullName}");
        return ExitCodes.Ok;
    }

    private static string Folder(FileInfo f) => f.Directory?.FullName ?? Directory.GetCurrentDirectory();
}
