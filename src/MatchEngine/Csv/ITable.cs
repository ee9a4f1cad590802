namespace MatchEngine.Csv;

/// <summary>One data row of an input table: its spreadsheet row number, its cells as text, the typed values a workbook gave (null for CSV), and its problems of form.</summary>
internal readonly record struct TableRow(int Row, string[] Cells, object?[]? Typed, IReadOnlyList<CsvIssue> FormIssues);

/// <summary>An input table read row by row: a CSV file or one sheet of a workbook.</summary>
internal interface ITable : IDisposable
{
    /// <summary>The header cells as written (trimmed), or null before <see cref="ReadHeader"/> or for an empty table.</summary>
    string[]? Header { get; }

    /// <summary>The row number of the header (1 unless blank rows come first).</summary>
    int HeaderRow { get; }

    /// <summary>The sheet read, for a workbook; null for CSV.</summary>
    string? Sheet { get; }

    /// <summary>Reads the header. Returns false for an empty table.</summary>
    bool ReadHeader();

    /// <summary>Data rows, skipping blank ones.</summary>
    IEnumerable<TableRow> Rows();
}
