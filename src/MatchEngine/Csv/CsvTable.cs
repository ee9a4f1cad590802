using System.Text;
using CsvHelper;

namespace MatchEngine.Csv;

/// <summary>
/// Streams a CSV file row by row (through CsvHelper): header first, then data rows with spreadsheet row numbers
/// (header = 1; blank rows are counted and skipped). Detects the separator (comma, semicolon, tab) unless given,
/// accepts a UTF-8 byte-order mark, CRLF and RFC 4180 quoting, and reports malformed quoting and bytes that are
/// not UTF-8 as issues rather than garbling them.
/// </summary>
internal sealed class CsvTable : ITable
{
    private readonly CsvReader _reader;
    private readonly string _file;
    private readonly Dictionary<long, CsvHelper.CsvMalformedReason> _malformed = [];
    private int _row;

    public CsvTable(Stream stream, string file, char? separator = null)
    {
        _file = file;
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            SkipEmptyLines = false,
            Encoding = new UTF8Encoding(false, false),
            OnMalformedRecord = r => _malformed[r.RecordNumber] = r.Reason,
        };
        if (separator is { } sep)
        {
            options = options with { Separator = sep };
        }

        _reader = CsvReader.Create(stream, options, leaveOpen: true);
    }

    /// <summary>The header cells as written (trimmed), or null for an empty file.</summary>
    public string[]? Header { get; private set; }

    /// <summary>Reads the header. Returns false for an empty file.</summary>
    public bool ReadHeader()
    {
        while (_reader.Read())
        {
            _row++;
            var cells = Cells();
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

    /// <summary>The row number of the header (1 unless blank lines come first).</summary>
    public int HeaderRow { get; private set; }

    /// <inheritdoc/>
    public string? Sheet => null;

    /// <inheritdoc/>
    IEnumerable<TableRow> ITable.Rows() => Rows().Select(r => new TableRow(r.Row, r.Cells, null, r.FormIssues));

    /// <summary>Data rows, skipping blank ones; each with its problems of form (quoting, encoding).</summary>
    public IEnumerable<(int Row, string[] Cells, IReadOnlyList<CsvIssue> FormIssues)> Rows()
    {
        while (_reader.Read())
        {
            _row++;
            var cells = Cells();
            if (IsBlank(cells))
            {
                continue;
            }

            List<CsvIssue>? issues = null;
            if (_malformed.Remove(_row, out var reason))
            {
                issues ??= [];
                issues.Add(new CsvIssue(_file, _row, null, null, reason switch
                {
                    CsvMalformedReason.UnterminatedQuote => "a quoted cell is never closed (a \" is missing); everything after it was read into one cell.",
                    CsvMalformedReason.StrayQuote => "has a stray \" inside a cell that is not quoted; quote the whole cell and double the \" inside it.",
                    CsvMalformedReason.TextAfterClosingQuote => "has text after the closing \" of a quoted cell.",
                    _ => "is malformed: " + reason + ".",
                }));
            }

            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i].Contains('\uFFFD', StringComparison.Ordinal))
                {
                    issues ??= [];
                    var col = Header is not null && i < Header.Length ? Header[i] : $"#{i + 1}";
                    issues.Add(new CsvIssue(_file, _row, col, null,
                        "contains bytes that are not UTF-8: the file seems to be saved in another encoding (such as Windows-1252/ANSI, where £ and accented letters are single bytes). Save it as \"CSV UTF-8\" and run again."));
                }
            }

            if (Header is not null && cells.Length > Header.Length && !IsBlank(cells[Header.Length..]))
            {
                issues ??= [];
                issues.Add(new CsvIssue(_file, _row, null, null,
                    $"has {cells.Length} cells but the header has {Header.Length} columns; is a separator or quote missing or extra?"));
            }

            yield return (_row, cells, (IReadOnlyList<CsvIssue>?)issues ?? []);
        }
    }

    private string[] Cells()
    {
        var n = _reader.FieldCount;
        var cells = new string[n];
        for (var i = 0; i < n; i++)
        {
            cells[i] = _reader.GetString(i) ?? string.Empty;
        }

        return cells;
    }

    private static bool IsBlank(string[] cells)
    {
        foreach (var c in cells)
        {
            if (!string.IsNullOrWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => _reader.Dispose();
}
