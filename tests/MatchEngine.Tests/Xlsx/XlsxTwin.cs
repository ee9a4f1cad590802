using System.Data;
using System.Globalization;
using MatchEngine.Cli;
using MatchEngine.Csv;

namespace MatchEngine.Tests.Xlsx;

/// <summary>
/// Writes the .xlsx twin of a mentors or mentees CSV with MiniExcel, typed as a coordinator's workbook would be:
/// birth dates as Excel dates, coordinates and capacities as numbers, everything else as text. The sample
/// workbooks (samples/mentors.xlsx, samples/mentees.xlsx) are made with it; see <see cref="SampleTwinTests"/>.
/// </summary>
internal static class XlsxTwin
{
    private static readonly HashSet<string> Numbers = new(StringComparer.OrdinalIgnoreCase) { "latitude", "longitude", "capacity" };

    public static byte[] FromCsv(byte[] csv, string sheet)
    {
        using var input = new MemoryStream(csv);
        using var table = new CsvTable(input, "input.csv");
        Assert.True(table.ReadHeader());
        var header = table.Header!;
        var t = new DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var h in header)
        {
            t.Columns.Add(h, typeof(object));
        }

        foreach (var row in table.Rows())
        {
            var values = new object[header.Length];
            for (var i = 0; i < header.Length; i++)
            {
                var cell = i < row.Cells.Length ? row.Cells[i] : string.Empty;
                values[i] = Typed(header[i], cell);
            }

            t.Rows.Add(values);
        }

        using var output = new MemoryStream();
        WorkbookWriter.Save(output, new Dictionary<string, object> { [sheet] = t });
        return output.ToArray();
    }

    private static object Typed(string column, string cell)
    {
        if (cell.Length == 0)
        {
            return DBNull.Value;
        }

        if (column.Equals("birth_date", StringComparison.OrdinalIgnoreCase)
            && DateTime.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        if (Numbers.Contains(column) && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
        {
            return x;
        }

        return cell;
    }
}
