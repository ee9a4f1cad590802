using System.Globalization;
using System.Text;
using MatchEngine.Csv;

namespace MatchEngine.Cli;

/// <summary>
/// Lists input errors so a coordinator can read them: the same error in the same column on many rows becomes one
/// line with the count, the rows (as ranges) and the first values, instead of hundreds of lines.
/// </summary>
internal static class IssueReport
{
    private const int MaxLines = 200;
    private const int ValuesShown = 3;

    public static void Write(TextWriter err, IReadOnlyList<CsvIssue> issues)
    {
        var lines = Lines(issues);
        err.WriteLine(issues.Count == 1
            ? "error: the input has 1 error; nothing was written."
            : string.Create(CultureInfo.InvariantCulture, $"error: the input has {issues.Count} errors; nothing was written."));
        foreach (var line in lines.Take(MaxLines))
        {
            err.WriteLine($"  {line}");
        }

        if (lines.Count > MaxLines)
        {
            err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... and {lines.Count - MaxLines} more."));
        }
    }

    /// <summary>One line per issue, except that issues with the same file, sheet, column and message on two or more rows share one line.</summary>
    public static List<string> Lines(IReadOnlyList<CsvIssue> issues)
    {
        var groups = new List<List<CsvIssue>>();
        var byKey = new Dictionary<(string, string?, string?, string), List<CsvIssue>>();
        foreach (var i in issues)
        {
            if (i.Row <= 0 || i.Column is null)
            {
                groups.Add([i]);
                continue;
            }

            var key = (i.File, i.Sheet, i.Column, i.Message);
            if (!byKey.TryGetValue(key, out var g))
            {
                byKey[key] = g = [];
                groups.Add(g);
            }

            g.Add(i);
        }

        return [.. groups.Select(g => g.Count == 1 ? g[0].ToString() : Grouped(g))];
    }

    private static string Grouped(List<CsvIssue> g)
    {
        var first = g[0];
        var rows = g.Select(i => i.Row).Distinct().Order().ToList();
        var (file, sheet, column) = (EchoText.Echo(first.File, 0), EchoText.Echo(first.Sheet), EchoText.Echo(first.Column));
        var where = first.Sheet is null
            ? $"{file}, column {column}"
            : first.ColumnIndex is { } c
                ? $"{file}, sheet {sheet}, column {XlsxColumn(c)} ({column})"
                : $"{file}, sheet {sheet}, column {column}";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{where}, {(rows.Count == 1 ? "row" : "rows")} {Ranges(rows)} ({g.Count} {(g.Count == 1 ? "cell" : "cells")}): ");
        var message = first.Message.StartsWith("is ", StringComparison.Ordinal) ? first.Message[3..] : first.Message;
        sb.Append(message);
        var values = g.Where(i => i.Value is not null).Take(ValuesShown).ToList();
        if (values.Count > 0)
        {
            sb.Append(" First: ");
            sb.Append(string.Join(", ", values.Select(i => string.Create(CultureInfo.InvariantCulture, $"'{EchoText.Echo(i.Value)}' (row {i.Row})"))));
            sb.Append(g.Count > values.Count ? ", ..." : ".");
        }

        return sb.ToString();
    }

    /// <summary>Rows as ranges: <c>2–5, 9, 12–14</c>; after six ranges, the count of the rest.</summary>
    internal static string Ranges(List<int> rows)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < rows.Count)
        {
            var j = i;
            while (j + 1 < rows.Count && rows[j + 1] == rows[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? rows[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{rows[i]}–{rows[j]}"));
            i = j + 1;
        }

        const int shown = 6;
        if (parts.Count <= shown)
        {
            return string.Join(", ", parts);
        }

        return string.Join(", ", parts.Take(shown)) + string.Create(CultureInfo.InvariantCulture, $" and {parts.Count - shown} more ranges");
    }

    private static string XlsxColumn(int index)
    {
        var s = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            s = (char)('A' + ((n - 1) % 26)) + s;
        }

        return s;
    }
}
