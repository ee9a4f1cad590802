using MatchEngine.Model;

namespace MatchEngine.Csv;

/// <summary>
/// Reads mentors and mentees files as coordinators have them: CSV per the contract, or an .xlsx workbook (told
/// apart by content), with dates in a chosen format, human headers renamed, and extra columns carried for the
/// outputs. The validation and the messages are those of <see cref="BatchCsv"/>; in a workbook, cells are named
/// as Excel shows them (<c>Sheet1!C7</c>).
/// </summary>
public static class BatchFiles
{
    /// <summary>Reads mentors from a CSV file or an .xlsx workbook.</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="file">The file name used in messages.</param>
    /// <param name="asOf">The as-of date (birth dates after it are errors).</param>
    /// <param name="options">Separator, date format, sheet, header renames and carried columns.</param>
    /// <returns>The mentors, the carried columns, notices and every problem.</returns>
    public static CsvReadResult<Mentor> ReadMentors(Stream stream, string file, DateOnly asOf, BatchReadOptions options) =>
        BatchCsv.ReadMentorsWith(stream, file, asOf, options);

    /// <summary>Reads mentees from a CSV file or an .xlsx workbook.</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="file">The file name used in messages.</param>
    /// <param name="asOf">The as-of date (birth dates after it are errors).</param>
    /// <param name="options">Separator, date format, sheet, header renames and carried columns.</param>
    /// <returns>The mentees, the carried columns, notices and every problem.</returns>
    public static CsvReadResult<Mentee> ReadMentees(Stream stream, string file, DateOnly asOf, BatchReadOptions options) =>
        BatchCsv.ReadMenteesWith(stream, file, asOf, options);
}
