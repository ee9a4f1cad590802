using System.Globalization;
using MiniExcelLibs;

namespace MatchEngine.Csv;

/// <summary>
/// One sheet of an .xlsx workbook read row by row through MiniExcel: the first sheet, or the one named. Cells that
/// Excel stores as dates come back as <see cref="DateTime"/> and numbers as <see cref="double"/>; they are kept
/// typed (for dates) and also given as invariant text, so the same validation applies as for CSV.
/// </summary>
internal sealed class XlsxTable : ITable
{
    private readonly IEnumerator<object> _rows;
    private readonly string _file;
    private int _row;

    private XlsxTable(string file, string sheet, IEnumerable<object> rows)
    {
        _file = file;
        Sheet = sheet;
        _rows = rows.GetEnumerator();
    }

    public string[]? Header { get; private set; }

    public int HeaderRow { get; private set; }

    public string? Sheet { get; }

    /// <summary>The first four bytes of every .xlsx (a zip archive).</summary>
    public static bool LooksLikeXlsx(ReadOnlySpan<byte> head) => head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;

    /// <summary>The first bytes of an Excel 97-2003 .xls (a compound document).</summary>
    public static bool LooksLikeXls(ReadOnlySpan<byte> head) => head.Length >= 4 && head[0] == 0xD0 && head[1] == 0xCF && head[2] == 0x11 && head[3] == 0xE0;

    /// <summary>Opens the sheet, or returns the reason it cannot be read.</summary>
    public static XlsxTable? Open(Stream stream, string file, string? sheet, out CsvIssue? problem)
    {
        problem = null;
        try
        {
            var names = MiniExcel.GetSheetNames(stream);
            stream.Position = 0;
            if (names.Count == 0)
            {
                problem = new CsvIssue(file, 0, null, null, "is a workbook without sheets.");
                return null;
            }

            var chosen = sheet is null ? names[0] : names.FirstOrDefault(n => string.Equals(n, sheet, StringComparison.Ordinal))
                ?? names.FirstOrDefault(n => string.Equals(n.Trim(), sheet.Trim(), StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                problem = new CsvIssue(file, 0, null, null,
                    $"has no sheet named '{sheet}'; its sheets are: {string.Join(", ", names.Select(n => "'" + n + "'"))}. Give one of them with --sheet.");
                return null;
            }

            return new XlsxTable(file, chosen, MiniExcel.Query(stream, useHeaderRow: false, sheetName: chosen, excelType: ExcelType.XLSX));
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or IOException or NotSupportedException or ArgumentException or KeyNotFoundException or FormatException or IndexOutOfRangeException or NullReferenceException)
        {
            problem = new CsvIssue(file, 0, null, null, $"is not a readable .xlsx workbook ({e.Message}). Open it in Excel and save it again as .xlsx, or save the sheet as CSV UTF-8.");
            return null;
        }
    }

    public bool ReadHeader()
    {
        while (Next(out var cells, out _))
        {
            if (IsBlank(cells))
            {
                continue;
            }

            Header = [.. cells.Select(c => c.Trim())];
            HeaderRow = _row;
            return true;
        }

        return false;
    }

    public IEnumerable<TableRow> Rows()
    {
        while (Next(out var cells, out var typed))
        {
            if (IsBlank(cells))
            {
                continue;
            }

            yield return new TableRow(_row, cells, typed, []);
        }
    }

    /// <summary>The excel column letters of a 0-based column index: 0 → A, 26 → AA.</summary>
    public static string Letters(int index)
    {
        var s = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            s = (char)('A' + ((n - 1) % 26)) + s;
        }

        return s;
    }

    private static int Index(string letters)
    {
        var n = 0;
        foreach (var c in letters)
        {
            n = (n * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return n - 1;
    }

    private bool Next(out string[] cells, out object?[] typed)
    {
        cells = [];
        typed = [];
        bool more;
        try
        {
            more = _rows.MoveNext();
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or IOException or FormatException)
        {
            throw new InvalidDataException($"{_file}: the workbook cannot be read past row {_row} ({e.Message}).", e);
        }

        if (!more)
        {
            return false;
        }

        _row++;
        var row = (IDictionary<string, object?>)_rows.Current;
        var width = row.Count == 0 ? 0 : row.Keys.Max(Index) + 1;
        cells = new string[width];
        typed = new object?[width];
        foreach (var (key, value) in row)
        {
            var i = Index(key);
            typed[i] = value;
            cells[i] = Text(value);
        }

        for (var i = 0; i < width; i++)
        {
            cells[i] ??= string.Empty;
        }

        return true;
    }

    /// <summary>A cell as the text a CSV export would hold (invariant culture).</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static bool IsBlank(string[] cells) => cells.All(string.IsNullOrWhiteSpace);

    public void Dispose() => _rows.Dispose();
}
