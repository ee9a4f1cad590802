using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Text;

namespace MatchEngine.Csv;

/// <summary>Parses the cells of one row against named columns, collecting every problem.</summary>
internal sealed class RowReader
{
    private static readonly string[] TrueWords = ["true", "yes", "y", "1"];
    private static readonly string[] FalseWords = ["false", "no", "n", "0"];
    private static readonly string[] BoolWords = ["true", "false", "yes", "no", "y", "n", "1", "0"];

    private const int PoolLimit = 50_000;

    /// <summary>A birth date more than this many years before the as-of date is an error (a mistyped year).</summary>
    internal const int MaxAgeYears = 120;

    private readonly string _file;
    private readonly IReadOnlyDictionary<string, int> _columns;
    private readonly Dictionary<string, string> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _lists = new(StringComparer.Ordinal);
    private readonly string _dateFormat;
    private string[] _cells = [];
    private object?[]? _typed;

    public RowReader(string file, IReadOnlyDictionary<string, int> columns, string dateFormat = DateFormats.Iso)
    {
        _file = file;
        _columns = columns;
        _dateFormat = dateFormat;
    }

    /// <summary>What the text cells of each date column look like, to suggest a format when they do not fit.</summary>
    public Dictionary<string, DateFormats.Evidence> DateEvidence { get; } = new(StringComparer.Ordinal);

    /// <summary>The message of a date cell that does not have the expected shape.</summary>
    public string MalformedDateMessage => "is not a date; expected " + DateFormats.Describe(_dateFormat) + ".";

    public int Row { get; private set; }

    public List<CsvIssue> Errors { get; } = [];

    public void Start(int row, string[] cells, object?[]? typed = null)
    {
        Row = row;
        _cells = cells;
        _typed = typed;
        Errors.Clear();
    }

    public string? Raw(string column) =>
        _columns.TryGetValue(column, out var i) && i < _cells.Length ? _cells[i] : null;

    /// <summary>The trimmed text, or null when empty or the column is absent.</summary>
    public string? Text(string column)
    {
        var v = Raw(column)?.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }

    public string RequiredText(string column)
    {
        var v = Text(column);
        if (v is not null && _words.TryGetValue("\0" + v, out var pooled))
        {
            return pooled;
        }

        if (v is not null && _words.Count < PoolLimit)
        {
            _words["\0" + v] = v;
        }

        if (v is null)
        {
            Error(column, null, "is empty; a value is required.");
        }

        return v ?? string.Empty;
    }

    /// <summary>An id: kept exactly as written (only a fully blank cell is missing); with <paramref name="unguard"/> (files our outputs feed: locked, excluded, pairs), less the formula guard our writers add (see <see cref="CellGuard"/>).</summary>
    public string Id(string column, bool unguard = false)
    {
        var v = Raw(column);
        if (string.IsNullOrWhiteSpace(v))
        {
            Error(column, null, "is empty; every person needs an id.");
            return string.Empty;
        }

        return unguard ? CellGuard.Unescape(v) : v;
    }

    public DateOnly Date(string column, DateOnly asOf, bool notInFuture)
    {
        var v = Text(column);
        if (v is null)
        {
            Error(column, null, _dateFormat == DateFormats.Iso ? "is empty; a date is required (YYYY-MM-DD)." : $"is empty; a date is required ({DateFormats.Describe(_dateFormat)}).");
            return default;
        }

        DateOnly d;
        var typed = _typed is not null && _columns.TryGetValue(column, out var ti) && ti < _typed.Length ? _typed[ti] : null;
        if (typed is DateTime dt)
        {
            // Excel stores this cell as a date: it is read as one, whatever the text format.
            d = DateOnly.FromDateTime(dt);
        }
        else if (typed is double or float or decimal or int or long)
        {
            Error(column, v, "is a number, not a date: in Excel format the column as Date, or write the dates as text " + DateFormats.Describe(_dateFormat) + ".");
            return default;
        }
        else
        {
            if (!DateEvidence.TryGetValue(column, out var evidence))
            {
                DateEvidence[column] = evidence = new DateFormats.Evidence();
            }

            evidence.Add(v);
            if (!DateFormats.TryParse(_dateFormat, v, out d, out var exists))
            {
                Error(column, v, exists ? "is not a date that exists." : MalformedDateMessage);
                return default;
            }
        }

        if (notInFuture && d > asOf)
        {
            Error(column, v, string.Create(CultureInfo.InvariantCulture, $"is after the as-of date {asOf:yyyy-MM-dd}; a birth date cannot be in the future."));
        }
        else if (notInFuture && asOf.Year > MaxAgeYears && d < asOf.AddYears(-MaxAgeYears))
        {
            Error(column, v, string.Create(CultureInfo.InvariantCulture, $"is more than {MaxAgeYears} years before the as-of date {asOf:yyyy-MM-dd}; is the year mistyped?"));
        }

        return d;
    }

    /// <summary>Parses exactly <c>YYYY-MM-DD</c> (fast: no culture machinery). <paramref name="shapeOk"/> tells a well-formed but impossible date (2010-02-30) from a malformed one.</summary>
    internal static bool TryParseIsoDate(ReadOnlySpan<char> s, out DateOnly date, out bool shapeOk)
    {
        date = default;
        shapeOk = false;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        int year = 0, month = 0, day = 0;
        for (var i = 0; i < 10; i++)
        {
            if (i is 4 or 7)
            {
                continue;
            }

            var c = s[i] - '0';
            if ((uint)c > 9)
            {
                return false;
            }

            if (i < 4)
            {
                year = (year * 10) + c;
            }
            else if (i < 7)
            {
                month = (month * 10) + c;
            }
            else
            {
                day = (day * 10) + c;
            }
        }

        return TryMakeDate(year, month, day, out date, out shapeOk);
    }

    /// <summary>The date of a year, month and day read from a cell. <paramref name="shapeOk"/> is false when the month or day is out of range in any month (13, 32), true when only the date does not exist (30 February).</summary>
    internal static bool TryMakeDate(int year, int month, int day, out DateOnly date, out bool shapeOk)
    {
        date = default;
        shapeOk = false;
        if (month is < 1 or > 12 || day is < 1 or > 31)
        {
            return false;
        }

        shapeOk = true;
        if (year < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    public bool Bool(string column, bool? defaultValue)
    {
        var v = Text(column);
        if (v is null)
        {
            if (defaultValue is null)
            {
                Error(column, null, "is empty; expected yes or no (true/false, y/n, 1/0).");
            }

            return defaultValue ?? false;
        }

        var k = v.ToLowerInvariant();
        if (TrueWords.Contains(k))
        {
            return true;
        }

        if (FalseWords.Contains(k))
        {
            return false;
        }

        var s = Suggest.Closest(k, BoolWords);
        Error(column, v, "is not yes or no; expected true/false, yes/no, y/n or 1/0" + (s is null ? "." : $" (did you mean '{s}'?)."));
        return defaultValue ?? false;
    }

    public int Int(string column, int defaultValue, int min, int max)
    {
        var v = Text(column);
        if (v is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            Error(column, v, string.Create(CultureInfo.InvariantCulture, $"is not a whole number; expected {min} to {max}."));
            return defaultValue;
        }

        if (n < min || n > max)
        {
            Error(column, v, string.Create(CultureInfo.InvariantCulture, $"is out of range; expected {min} to {max}."));
            return defaultValue;
        }

        return n;
    }

    public GeoPoint? Location()
    {
        var lat = Coordinate("latitude", 90);
        var lon = Coordinate("longitude", 180);
        if (lat.Given != lon.Given)
        {
            Error(lat.Given ? "longitude" : "latitude", null, "is empty while the other coordinate is given; give both or neither.");
            return null;
        }

        return lat.Value is { } a && lon.Value is { } b ? new GeoPoint(a, b) : null;
    }

    private (bool Given, double? Value) Coordinate(string column, double limit)
    {
        var v = Text(column);
        if (v is null)
        {
            return (false, null);
        }

        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !double.IsFinite(x))
        {
            Error(column, v, "is not a number; expected decimal degrees with a point, e.g. 52.4862.");
            return (true, null);
        }

        if (Math.Abs(x) > limit)
        {
            Error(column, v, string.Create(CultureInfo.InvariantCulture, $"is out of range; expected -{limit} to {limit} decimal degrees."));
            return (true, null);
        }

        return (true, x);
    }

    public MeetingModes Modes(string column)
    {
        var v = Text(column);
        if (v is null)
        {
            Error(column, null, "is empty; expected one or more of face-to-face, hybrid, virtual separated by |.");
            return MeetingModes.None;
        }

        var modes = MeetingModes.None;
        foreach (var part in v.Split('|'))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            if (MeetingModeNames.TryParse(part, out var m))
            {
                modes |= m;
                continue;
            }

            var s = Suggest.Closest(part, MeetingModeNames.Names);
            var hint = part.Contains(',', StringComparison.Ordinal) || part.Contains(';', StringComparison.Ordinal) ? " (separate several modes with |)" : string.Empty;
            Error(column, part.Trim(), "is not a meeting mode; expected face-to-face, hybrid or virtual" + (s is null ? hint + "." : $" (did you mean '{s}'?)."));
            return MeetingModes.None;
        }

        if (modes == MeetingModes.None)
        {
            Error(column, v, "names no meeting mode; expected face-to-face, hybrid or virtual.");
        }

        return modes;
    }

    /// <summary>Slots such as <c>weekday-daytime|weekend</c>; <see cref="Model.Availability.None"/> when empty.</summary>
    public Availability Availability(string column)
    {
        var v = Text(column);
        if (v is null)
        {
            return Model.Availability.None;
        }

        var slots = Model.Availability.None;
        foreach (var part in v.Split('|'))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                continue;
            }

            if (AvailabilityNames.TryParse(part, out var slot))
            {
                slots |= slot;
                continue;
            }

            var s = Suggest.Closest(part.Trim().ToLowerInvariant(), AvailabilityNames.Names);
            var hint = part.Contains(',', StringComparison.Ordinal) || part.Contains(';', StringComparison.Ordinal) ? " (separate several slots with |)" : string.Empty;
            Error(column, part.Trim(), "is not a time slot; expected weekday-daytime, weekday-evening or weekend" + (s is null ? hint + "." : $" (did you mean '{s}'?)."));
            return Model.Availability.None;
        }

        return slots;
    }

    /// <summary>The trimmed value, with repeated values sharing one string; null when empty.</summary>
    public string? RequiredTextOrNull(string column) => Text(column) is null ? null : RequiredText(column);

    /// <summary>The trimmed, lower-cased value; repeated values share one string (memory grows with distinct values, not rows).</summary>
    public string? Word(string column)
    {
        var v = Text(column);
        if (v is null)
        {
            return null;
        }

        if (_words.TryGetValue(v, out var pooled))
        {
            return pooled;
        }

        var lower = v.ToLowerInvariant();
        if (_words.Count < PoolLimit)
        {
            _words[v] = lower;
        }

        return lower;
    }

    /// <summary>A <c>|</c>-separated list, trimmed and lower-cased; repeated lists share one instance.</summary>
    public IReadOnlyList<string> List(string column)
    {
        var v = Text(column);
        if (v is null)
        {
            return [];
        }

        if (_lists.TryGetValue(v, out var pooled))
        {
            return pooled;
        }

        IReadOnlyList<string> list = [.. v.Split('|').Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0)];
        if (_lists.Count < PoolLimit)
        {
            _lists[v] = list;
        }

        return list;
    }

    public void Error(string? column, string? value, string message) =>
        Errors.Add(new CsvIssue(_file, Row, column, value, message) { ColumnIndex = column is not null && _columns.TryGetValue(column, out var i) ? i : null });
}
