using System.Globalization;

namespace MatchEngine.Csv;

/// <summary>
/// The date formats the input files may use (<c>yyyy-MM-dd</c>, the contract's default, and the spreadsheet
/// formats <c>dd/MM/yyyy</c>, <c>d/M/yyyy</c>, <c>MM/dd/yyyy</c>), and the detection that suggests one when the
/// cells of a column do not fit: it only suggests, it never changes how a date is read.
/// </summary>
public static class DateFormats
{
    /// <summary>The contract's format, and the default.</summary>
    public const string Iso = "yyyy-MM-dd";

    /// <summary>Day first with two digits each, as UK exports write them: 01/09/2015.</summary>
    public const string DayFirst = "dd/MM/yyyy";

    /// <summary>Day first with one or two digits: 1/9/2015 or 01/09/2015.</summary>
    public const string DayFirstShort = "d/M/yyyy";

    /// <summary>Month first with two digits each, as US exports write them: 09/01/2015.</summary>
    public const string MonthFirst = "MM/dd/yyyy";

    /// <summary>Every supported format.</summary>
    public static IReadOnlyList<string> Supported { get; } = [Iso, DayFirst, DayFirstShort, MonthFirst];

    /// <summary>Whether a format is supported.</summary>
    /// <param name="format">The format, e.g. <c>dd/MM/yyyy</c>.</param>
    /// <returns>True when supported.</returns>
    public static bool IsSupported(string? format) => format is not null && Supported.Contains(format, StringComparer.Ordinal);

    /// <summary>How a format is shown in a message, with an example.</summary>
    internal static string Describe(string format) => format switch
    {
        DayFirst => "DD/MM/YYYY, e.g. 17/04/2009",
        DayFirstShort => "D/M/YYYY, e.g. 17/4/2009",
        MonthFirst => "MM/DD/YYYY, e.g. 04/17/2009",
        _ => "YYYY-MM-DD, e.g. 2009-04-17",
    };

    /// <summary>Parses one cell in the given format. <paramref name="shapeOk"/> tells a well-formed but impossible date (30/02/2010) from a malformed one.</summary>
    internal static bool TryParse(string format, ReadOnlySpan<char> s, out DateOnly date, out bool shapeOk)
    {
        if (format == Iso)
        {
            return RowReader.TryParseIsoDate(s, out date, out shapeOk);
        }

        date = default;
        shapeOk = false;
        if (!TrySplit(s, out var a, out var aLen, out var b, out var bLen, out var year))
        {
            // yyyy-MM-dd cannot be mistaken for another format, so it is read in every format.
            return RowReader.TryParseIsoDate(s, out date, out shapeOk);
        }

        var twoDigits = aLen == 2 && bLen == 2;
        var (day, month) = format == MonthFirst ? (b, a) : (a, b);
        if (format is DayFirst or MonthFirst && !twoDigits)
        {
            return false;
        }

        return RowReader.TryMakeDate(year, month, day, out date, out shapeOk);
    }

    /// <summary>Splits <c>a/b/yyyy</c> with one- or two-digit parts and a four-digit year.</summary>
    private static bool TrySplit(ReadOnlySpan<char> s, out int a, out int aLen, out int b, out int bLen, out int year)
    {
        a = b = year = aLen = bLen = 0;
        var first = s.IndexOf('/');
        if (first < 1)
        {
            return false;
        }

        var rest = s[(first + 1)..];
        var second = rest.IndexOf('/');
        if (second < 1)
        {
            return false;
        }

        var pa = s[..first];
        var pb = rest[..second];
        var py = rest[(second + 1)..];
        if (pa.Length > 2 || pb.Length > 2 || py.Length != 4
            || !int.TryParse(pa, NumberStyles.None, CultureInfo.InvariantCulture, out a)
            || !int.TryParse(pb, NumberStyles.None, CultureInfo.InvariantCulture, out b)
            || !int.TryParse(py, NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            return false;
        }

        aLen = pa.Length;
        bLen = pb.Length;
        return true;
    }

    /// <summary>Collects what the cells of one date column look like, to suggest a format when they do not fit the one in use.</summary>
    internal sealed class Evidence
    {
        private bool _slash;
        private bool _firstOver12;
        private bool _secondOver12;
        private bool _singleDigit;
        private bool _iso;
        private bool _other;

        public void Add(string cell)
        {
            var s = cell.AsSpan().Trim();
            if (TrySplit(s, out var a, out var aLen, out var b, out var bLen, out _))
            {
                _slash = true;
                _firstOver12 |= a > 12;
                _secondOver12 |= b > 12;
                _singleDigit |= aLen == 1 || bLen == 1;
            }
            else if (RowReader.TryParseIsoDate(s, out _, out var shape) || shape)
            {
                _iso = true;
            }
            else
            {
                _other = true;
            }
        }

        /// <summary>A sentence suggesting the flag, or null when the cells give no clear answer. <paramref name="inUse"/> is the format being read.</summary>
        public string? Suggestion(string inUse)
        {
            if (_iso && !_slash && !_other && inUse != Iso)
            {
                return "the cells look like yyyy-MM-dd: leave out --date-format (yyyy-MM-dd is the default).";
            }

            if (!_slash || _iso)
            {
                return null;
            }

            if (_firstOver12 && _secondOver12)
            {
                return "the cells mix day-first and month-first dates (some have a first part above 12, others a second part above 12); correct them to one format.";
            }

            if (_firstOver12)
            {
                var f = _singleDigit ? DayFirstShort : DayFirst;
                return f == inUse ? null : $"the cells look like {f}: add --date-format {f}.";
            }

            if (_secondOver12)
            {
                return _singleDigit
                    ? "the cells look month-first with one-digit parts (M/d/yyyy), which is not supported: write them as YYYY-MM-DD or MM/dd/yyyy."
                    : MonthFirst == inUse ? null : $"the cells look like {MonthFirst}: add --date-format {MonthFirst}.";
            }

            var dayFirst = _singleDigit ? DayFirstShort : DayFirst;
            return $"the cells could be day-first or month-first (no part is above 12), so MatchEngine does not guess: say which with --date-format {dayFirst} or --date-format {MonthFirst}.";
        }
    }
}
