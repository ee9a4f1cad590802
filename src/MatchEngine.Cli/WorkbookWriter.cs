using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MatchEngine.Csv;
using MatchEngine.Reports;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace MatchEngine.Cli;

/// <summary>
/// <c>match --format xlsx</c>: one workbook with the sheets Matches, Unmatched, Per mentor and Summary (and
/// Rejected with <c>--skip-invalid</c>), written with MiniExcel: the header row frozen, a filter on every sheet,
/// column widths from the content. Numbers are numbers and text is text (a cell beginning with <c>=</c> is stored
/// as text, never as a formula). The archive's timestamps are fixed so that the same run gives the same bytes.
/// </summary>
internal static partial class WorkbookWriter
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(Stream stream, MatchResult result, CarriedColumns mentors, CarriedColumns mentees, IReadOnlyList<RejectedRow>? rejected)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Matches"] = Matches(result, mentors, mentees),
            ["Unmatched"] = Unmatched(result, mentors, mentees),
            ["Per mentor"] = Table(MailMerge.PerMentorHeader(mentors, mentees), MailMerge.PerMentorRows(result.Pairs, mentors, mentees)),
            ["Summary"] = Summary(result),
        };
        if (rejected is not null)
        {
            sheets["Rejected"] = Rejected(rejected);
        }

        Save(stream, sheets);
    }

    /// <summary>Saves sheets (name → <see cref="DataTable"/> or rows) as one .xlsx with frozen headers, filters and widths, byte for byte the same for the same content.</summary>
    public static void Save(Stream stream, Dictionary<string, object> sheets)
    {
        var config = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            AutoFilter = true,
            FastMode = true,
            EnableAutoWidth = true,
            MinWidth = 8,
            MaxWidth = 60,
        };
        using var raw = new MemoryStream();
        MiniExcel.SaveAs(raw, sheets, printHeader: true, excelType: ExcelType.XLSX, configuration: config);
        raw.Position = 0;
        Normalize(raw, stream);
    }

    /// <summary>
    /// Copies a zip archive with every entry's time fixed and MiniExcel's random relationship ids (<c>R</c> and 32
    /// hex digits, a new GUID each run) replaced by numbered ones, so the bytes depend only on the content.
    /// </summary>
    private static void Normalize(Stream source, Stream destination)
    {
        using var input = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        using var output = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in input.Entries)
        {
            var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = FixedTime;
            using var from = entry.Open();
            using var to = copy.Open();
            if (entry.FullName.EndsWith(".xml", StringComparison.Ordinal) || entry.FullName.EndsWith(".rels", StringComparison.Ordinal))
            {
                using var reader = new StreamReader(from, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
                var text = RelationshipId().Replace(reader.ReadToEnd(), m =>
                {
                    if (!ids.TryGetValue(m.Value, out var id))
                    {
                        ids[m.Value] = id = string.Create(CultureInfo.InvariantCulture, $"\"rIdMe{ids.Count + 1}\"");
                    }

                    return id;
                });
                var bytes = Encoding.UTF8.GetBytes(text);
                to.Write(bytes);
            }
            else
            {
                from.CopyTo(to);
            }
        }
    }

    [GeneratedRegex("\"R[0-9a-f]{32}\"")]
    private static partial Regex RelationshipId();

    private static DataTable Table(IReadOnlyList<string> header, IEnumerable<object?[]> rows)
    {
        var t = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var h in header)
        {
            t.Columns.Add(h, typeof(object));
        }

        foreach (var row in rows)
        {
            t.Rows.Add([.. row.Select(c => c ?? DBNull.Value)]);
        }

        return t;
    }

    private static readonly HashSet<string> NumberColumns = new(StringComparer.Ordinal)
    {
        "score", "distance_km", "ethnicity_difference", "socioeconomic_difference", "proximity", "sector_fit", "shared_language", "gender_preference", "eligible_count",
    };

    private static readonly HashSet<string> BoolColumns = new(StringComparer.Ordinal) { "cross_background", "locked" };

    /// <summary>The Matches sheet: the cells of matches.csv (with the carried columns), numbers and yes/no typed.</summary>
    private static DataTable Matches(MatchResult result, CarriedColumns mentors, CarriedColumns mentees) =>
        FromCsv(s => MailMerge.WriteMatches(s, result.Pairs, mentors, mentees));

    /// <summary>The Unmatched sheet: the cells of unmatched.csv (with the carried columns).</summary>
    private static DataTable Unmatched(MatchResult result, CarriedColumns mentors, CarriedColumns mentees) =>
        FromCsv(s => MailMerge.WriteUnmatched(s, result.Unmatched, mentors, mentees));

    /// <summary>A sheet with exactly the columns and rows of a CSV output, so the workbook always agrees with the CSV files.</summary>
    private static DataTable FromCsv(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        using var r = CsvHelper.CsvReader.Create(buffer, new CsvHelper.CsvReaderOptions { HasHeader = false }, leaveOpen: true);
        string[]? header = null;
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var cells = new string[r.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = r.GetString(i) ?? string.Empty;
            }

            if (header is null)
            {
                header = cells;
                continue;
            }

            rows.Add([.. cells.Select((c, i) => Typed(i < header.Length ? header[i] : string.Empty, c))]);
        }

        return Table(header ?? [], rows);
    }

    private static object? Typed(string column, string cell)
    {
        if (cell.Length == 0)
        {
            return null;
        }

        if (NumberColumns.Contains(column) && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
        {
            return x;
        }

        if (BoolColumns.Contains(column) && cell is "true" or "false")
        {
            return cell == "true";
        }

        // A text cell in an .xlsx is never run as a formula, so the CSV's protective ' is not needed here.
        return CellGuard.Unescape(cell);
    }

    private static DataTable Rejected(IReadOnlyList<RejectedRow> rows)
    {
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Cells.Count);
        return Table(["file", "row", "errors", .. Enumerable.Range(1, width).Select(i => string.Create(CultureInfo.InvariantCulture, $"cell_{i}"))],
            rows.Select(r => (object?[])[r.File, r.Row, string.Join("; ", r.Errors.Select(e => e.ToString())), .. r.Cells, .. Enumerable.Repeat<object?>(null, width - r.Cells.Count)]));
    }

    /// <summary>The figures of summary.json, one per row (nested objects as <c>a.b</c>; lists given as their length).</summary>
    private static DataTable Summary(MatchResult result)
    {
        using var ms = new MemoryStream();
        SummaryJson.Write(ms, result);
        using var doc = JsonDocument.Parse(ms.ToArray());
        var rows = new List<object?[]>();
        void Walk(string prefix, JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        Walk(prefix.Length == 0 ? p.Name : prefix + "." + p.Name, p.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    rows.Add([prefix + " (count)", e.GetArrayLength()]);
                    break;
                case JsonValueKind.Number:
                    rows.Add([prefix, e.GetDouble()]);
                    break;
                case JsonValueKind.True or JsonValueKind.False:
                    rows.Add([prefix, e.GetBoolean()]);
                    break;
                case JsonValueKind.Null:
                    rows.Add([prefix, null]);
                    break;
                default:
                    rows.Add([prefix, e.GetString()]);
                    break;
            }
        }

        Walk(string.Empty, doc.RootElement);
        return Table(["figure", "value"], rows);
    }
}
