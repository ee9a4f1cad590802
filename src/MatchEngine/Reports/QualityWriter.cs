using System.Globalization;
using System.Text;
using System.Text.Json;
using MatchEngine.Analytics;

namespace MatchEngine.Reports;

/// <summary>
/// Renders tidy figures (<see cref="TidyRow"/>): as a side-by-side table for a terminal, as a long CSV
/// (<c>strategy,metric,group,value</c>, numbers as numbers) or as JSON with the same rows, each with the run's
/// reproducibility record.
/// </summary>
public static class QualityWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The CSV header.</summary>
    public const string CsvHeader = "strategy,metric,group,value";

    /// <summary>Writes the long CSV: a header, then one row per figure, then the run's record (strategy <c>run</c>).</summary>
    /// <param name="w">Destination.</param>
    /// <param name="rows">The figures.</param>
    /// <param name="run">The run's record; its rows are appended.</param>
    public static void WriteCsv(TextWriter w, IReadOnlyList<TidyRow> rows, RunInfo? run)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(rows);
        w.Write(CsvHeader);
        w.Write('\n');
        foreach (var r in run is null ? rows : [.. rows, .. run.ToTidyRows()])
        {
            w.Write(Cell(r.Strategy));
            w.Write(',');
            w.Write(Cell(r.Metric));
            w.Write(',');
            w.Write(Cell(r.Group));
            w.Write(',');
            w.Write(Number(r.Value));
            w.Write('\n');
        }
    }

    /// <summary>Writes the same rows as JSON: <c>{"run": {...}, "pair_set": ..., "rows": [{"strategy", "metric", "group", "value"}]}</c>.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="rows">The figures.</param>
    /// <param name="run">The run's record.</param>
    public static void WriteJson(Stream stream, IReadOnlyList<TidyRow> rows, RunInfo? run)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        using var j = new Utf8JsonWriter(stream, Json.Options);
        j.WriteStartObject();
        run?.WriteJson(j);
        j.WriteString("pair_set", EligiblePairs.Description);
        Json.WriteStrings(j, "strategies", rows.Select(r => r.Strategy).Distinct());
        Json.WriteObjects(j, "rows", rows, (j, r) =>
        {
            j.WriteString("strategy", r.Strategy);
            j.WriteString("metric", r.Metric);
            j.WriteString("group", r.Group);
            j.WriteNumber("value", r.Value);
        });
        j.WriteEndObject();
        j.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>A side-by-side table for a terminal: the batch-wide figures, a column per set of pairs; then the random strategy's spread, the pair set and the run's record.</summary>
    /// <param name="w">Destination.</param>
    /// <param name="rows">The figures.</param>
    /// <param name="run">The run's record.</param>
    public static void WriteText(TextWriter w, IReadOnlyList<TidyRow> rows, RunInfo? run)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(rows);
        var (header, lines) = Table(rows);
        var width = Math.Max(28, lines.Count == 0 ? 0 : lines.Max(l => l[0].Length) + 2);
        var colWidth = Math.Max(14, header.Max(c => c.Length) + 2);
        var sb = new StringBuilder();
        sb.Append(string.Empty.PadRight(width));
        foreach (var c in header.Skip(1))
        {
            sb.Append(c.PadLeft(colWidth));
        }

        w.WriteLine(sb.ToString());
        foreach (var line in lines)
        {
            sb.Clear().Append(line[0].PadRight(width));
            foreach (var cell in line.Skip(1))
            {
                sb.Append(cell.PadLeft(colWidth));
            }

            w.WriteLine(sb.ToString());
        }

        foreach (var note in Notes(rows))
        {
            w.WriteLine(note);
        }

        if (run is not null)
        {
            w.WriteLine(Reproducibility(run));
        }
    }

    /// <summary>The lines under the table: the pair set and the random strategy's spread.</summary>
    internal static List<string> Notes(IReadOnlyList<TidyRow> rows)
    {
        var notes = new List<string>();
        var allowed = rows.FirstOrDefault(r => r.Metric == "allowed_pairs" && r.Group == Tidy.All);
        if (allowed is not null)
        {
            notes.Add(string.Create(Inv, $"pair set: {EligiblePairs.Description} ({allowed.Value:N0}); every strategy chooses among them and blocking pairs are counted over them."));
        }

        foreach (var s in rows.Where(r => r.Metric == "repeats").Select(r => r.Strategy))
        {
            double V(string metric) => rows.FirstOrDefault(r => r.Strategy == s && r.Metric == metric && r.Group == Tidy.All)?.Value ?? double.NaN;
            notes.Add(string.Create(Inv, $"{s}: mean of {V("repeats"):0} draws; matched sd {V("matched_sd"):0.00} (min {V("matched_min"):0}, max {V("matched_max"):0}); mean score sd {V("mean_score_sd"):0.00} (min {V("mean_score_min"):0.00}, max {V("mean_score_max"):0.00})."));
        }

        return notes;
    }

    /// <summary>One line with the run's record.</summary>
    internal static string Reproducibility(RunInfo run)
    {
        var sb = new StringBuilder("run: matchengine ").Append(run.EngineVersion);
        if (run.AsOf is { } d)
        {
            sb.Append(", as of ").Append(d.ToString("yyyy-MM-dd", Inv));
        }

        sb.Append(", policy sha256 ").Append(run.PolicySha256.AsSpan(0, 12)).Append('…');
        foreach (var s in run.Seeds)
        {
            sb.Append(string.Create(Inv, $", {s.Name} {s.Value}"));
        }

        foreach (var i in run.Inputs)
        {
            sb.Append(", ").Append(i.Name).Append(" sha256 ").Append(i.Sha256.AsSpan(0, 12)).Append('…');
        }

        return sb.ToString();
    }

    /// <summary>The batch-wide figures as a table: a header (figure, then one column per set of pairs) and formatted cells.</summary>
    internal static (List<string> Header, List<string[]> Lines) Table(IReadOnlyList<TidyRow> rows)
    {
        var columns = rows.Select(r => r.Strategy).Distinct().ToList();
        var metrics = rows.Where(r => r.Group == Tidy.All && Shown(r.Metric)).Select(r => r.Metric).Distinct().ToList();
        var lookup = rows.Where(r => r.Group == Tidy.All).GroupBy(r => (r.Strategy, r.Metric)).ToDictionary(g => g.Key, g => g.First().Value);
        var lines = new List<string[]>();
        foreach (var m in metrics)
        {
            var line = new string[columns.Count + 1];
            line[0] = m == "blocking_pairs_stated" ? "blocking pairs (stated)" : m.Replace('_', ' ');
            for (var i = 0; i < columns.Count; i++)
            {
                line[i + 1] = lookup.TryGetValue((columns[i], m), out var v) ? Format(m, v) : "-";
            }

            lines.Add(line);
        }

        return (["figure", .. columns], lines);
    }

    private static bool Shown(string metric) =>
        !metric.EndsWith("_sd", StringComparison.Ordinal) && !metric.EndsWith("_min", StringComparison.Ordinal)
        && !metric.EndsWith("_max", StringComparison.Ordinal) && metric != "repeats";

    /// <summary>Whether a metric is a share (0 to 1), shown as a percentage.</summary>
    internal static bool IsShare(string metric) =>
        metric.EndsWith("_share", StringComparison.Ordinal) || metric.EndsWith("_coverage", StringComparison.Ordinal)
        || metric == "capacity_use" || metric.StartsWith("largest_gap", StringComparison.Ordinal) || metric.StartsWith("match_rate", StringComparison.Ordinal);

    /// <summary>A value as shown to a person: shares as percentages, whole numbers without decimals, others with two.</summary>
    internal static string Format(string metric, double v) =>
        IsShare(metric) ? v.ToString("0.0%", Inv)
        : metric == "run_time_s" ? v.ToString("0.000", Inv)
        : v == Math.Floor(v) && Math.Abs(v) < 1e15 ? v.ToString("0", Inv)
        : v.ToString("0.00", Inv);

    /// <summary>A number as written to CSV: invariant, shortest round-trip form, never an exponent for ordinary values.</summary>
    internal static string Number(double v) =>
        v == Math.Floor(v) && Math.Abs(v) < 1e15 ? v.ToString("0", Inv) : v.ToString("0.##########", Inv);

    private static string Cell(string s)
    {
        // RFC 4180 quoting (separator, quote, line breaks) and the formula guard of every CSV output.
        s = Csv.CellGuard.Escape(s);
        return s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
    }
}
