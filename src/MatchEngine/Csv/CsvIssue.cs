using System.Globalization;

namespace MatchEngine.Csv;

/// <summary>A problem found in an input file, precise enough for a coordinator to fix it.</summary>
/// <param name="File">The file name as the user gave it.</param>
/// <param name="Row">Row number as a spreadsheet shows it (header = 1); 0 for the file as a whole.</param>
/// <param name="Column">Column name, when the problem is in one cell or column.</param>
/// <param name="Value">The offending value, when there is one.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record CsvIssue(string File, int Row, string? Column, string? Value, string Message)
{
    /// <summary>The sheet, when the file is an .xlsx workbook; null for CSV.</summary>
    public string? Sheet { get; init; }

    /// <summary>The 0-based position of the column in the file, when known.</summary>
    public int? ColumnIndex { get; init; }

    /// <summary>Where the issue is, as a spreadsheet names it: <c>mentors.csv, row 5</c>, or <c>mentors.xlsx, Sheet1!C5</c> for a workbook cell.</summary>
    public string Location
    {
        get
        {
            var file = EchoText.Echo(File, 0);
            if (Sheet is null)
            {
                return Row > 0 ? string.Create(CultureInfo.InvariantCulture, $"{file}, row {Row}") : file;
            }

            var sheet = EchoText.Echo(Sheet);
            if (Row <= 0)
            {
                return $"{file}, sheet {sheet}";
            }

            return ColumnIndex is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"{file}, {sheet}!{XlsxTable.Letters(c)}{Row}")
                : string.Create(CultureInfo.InvariantCulture, $"{file}, {sheet} row {Row}");
        }
    }

    /// <summary>
    /// The issue as one line: <c>mentors.csv, row 5, column birth_date: '2010-02-30' ...</c>. The value and the column
    /// are shown terminal-safe (control characters escaped, cut at 80 characters with "…"; see <see cref="EchoText"/>).
    /// </summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var where = Location;
        if (Column is not null)
        {
            where += $", column {EchoText.Echo(Column)}";
        }

        return Value is null ? $"{where}: {Message}" : $"{where}: '{EchoText.Echo(Value)}' {Message}";
    }
}

/// <summary>A row that could not be read, with its original cells.</summary>
/// <param name="File">The file.</param>
/// <param name="Row">Row number (header = 1).</param>
/// <param name="Cells">The original cells, as read.</param>
/// <param name="Errors">Every problem of the row.</param>
public sealed record RejectedRow(string File, int Row, IReadOnlyList<string> Cells, IReadOnlyList<CsvIssue> Errors);

/// <summary>What reading one file gave: the records that are valid, and every problem.</summary>
/// <typeparam name="T">The record type.</typeparam>
/// <param name="Records">Valid records, in file order.</param>
/// <param name="Errors">Every error (file-level and row-level), in file order.</param>
/// <param name="Warnings">Warnings (such as unknown columns); they do not stop a run.</param>
/// <param name="Rejected">Rows with errors, with their original cells.</param>
public sealed record CsvReadResult<T>(IReadOnlyList<T> Records, IReadOnlyList<CsvIssue> Errors, IReadOnlyList<CsvIssue> Warnings, IReadOnlyList<RejectedRow> Rejected)
{
    /// <summary>Whether the file had no error.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Notices that do not stop a run, such as a header read as a contract column (<c>Date of Birth</c> as <c>birth_date</c>).</summary>
    public IReadOnlyList<CsvIssue> Notices { get; init; } = [];

    /// <summary>The values of the carried columns of the valid rows, by id.</summary>
    public CarriedColumns Carried { get; init; } = CarriedColumns.None;
}
