using System.Globalization;
using CsvHelper;
using MatchEngine.Csv;
using MatchEngine.Model;

namespace MatchEngine.Cli;

/// <summary>
/// The mail-merge outputs: carried columns (<c>--carry first_name,email</c>) appended to matches.csv
/// (<c>mentee_first_name</c>, ..., <c>mentor_first_name</c>, ...) and unmatched.csv, and per-mentor.csv: each mentor
/// with their mentees, one row per pair, sorted by mentor. Carried values are personal data: they go only into
/// these files, never to the terminal, and are never used for matching.
/// </summary>
internal static class MailMerge
{
    private static readonly CsvWriterOptions Plain = new() { NewLine = "\n", Injection = CsvInjection.None, WriteByteOrderMark = false };

    /// <summary>The column headers of per-mentor.csv.</summary>
    public static IReadOnlyList<string> PerMentorHeader(CarriedColumns mentors, CarriedColumns mentees) =>
        ["mentor_id", .. mentors.Names.Select(n => "mentor_" + n), "mentee_id", .. mentees.Names.Select(n => "mentee_" + n), "mode", "distance_km", "score"];

    /// <summary>The rows of per-mentor.csv, sorted by mentor id, then mentee id (ordinal).</summary>
    public static IEnumerable<object?[]> PerMentorRows(IEnumerable<MatchedPair> pairs, CarriedColumns mentors, CarriedColumns mentees) =>
        pairs.OrderBy(p => p.MentorId, StringComparer.Ordinal).ThenBy(p => p.MenteeId, StringComparer.Ordinal).Select(p => (object?[])
            [p.MentorId, .. mentors.Of(p.MentorId), p.MenteeId, .. mentees.Of(p.MenteeId), MeetingModeNames.Name(p.Mode), p.DistanceKm is { } d ? Math.Round(d, 2) : null, Math.Round(p.Score.Total, 2)]);

    /// <summary>Writes per-mentor.csv.</summary>
    public static void WritePerMentor(Stream stream, IEnumerable<MatchedPair> pairs, CarriedColumns mentors, CarriedColumns mentees)
    {
        using var w = CsvWriter.Create(stream, Plain, leaveOpen: true);
        w.WriteRecord([.. PerMentorHeader(mentors, mentees)]);
        foreach (var row in PerMentorRows(pairs, mentors, mentees))
        {
            foreach (var cell in row)
            {
                w.WriteField(cell switch
                {
                    null => string.Empty,
                    double x => x.ToString("0.00", CultureInfo.InvariantCulture),
                    string s => Safe(s),
                    _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty,
                });
            }

            w.EndRecord();
        }

        w.Flush();
    }

    /// <summary>Writes a contract CSV (through <paramref name="write"/>) with the carried columns appended, looked up by the id columns of each row.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="write">Writes the contract file, e.g. <c>ResultCsv.WriteMatches</c>.</param>
    /// <param name="extra">Per carried set: the prefix of its headers and the column holding the id, or a role column to choose the set.</param>
    public static void Append(Stream stream, Action<Stream> write, IReadOnlyList<(string Prefix, Func<string[], IReadOnlyList<string>> Values, IReadOnlyList<string> Names)> extra)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        using var r = CsvReader.Create(buffer, new CsvReaderOptions { HasHeader = false }, leaveOpen: true);
        using var w = CsvWriter.Create(stream, Plain, leaveOpen: true);
        string[]? header = null;
        while (r.Read())
        {
            var cells = new string[r.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = r.GetString(i) ?? string.Empty;
            }

            foreach (var c in cells)
            {
                w.WriteField(c);
            }

            if (header is null)
            {
                header = cells;
                foreach (var (prefix, _, names) in extra)
                {
                    foreach (var n in names)
                    {
                        w.WriteField(prefix + n);
                    }
                }
            }
            else
            {
                foreach (var (_, values, _) in extra)
                {
                    foreach (var v in values(cells))
                    {
                        w.WriteField(Safe(v));
                    }
                }
            }

            w.EndRecord();
        }

        w.Flush();
    }

    /// <summary>matches.csv with <c>mentee_*</c> and <c>mentor_*</c> carried columns.</summary>
    public static void WriteMatches(Stream stream, IReadOnlyList<MatchedPair> pairs, CarriedColumns mentors, CarriedColumns mentees) =>
        Append(stream, s => ResultCsv.WriteMatches(s, pairs),
        [
            ("mentee_", cells => mentees.Of(Unescape(cells[0])), mentees.Names),
            ("mentor_", cells => mentors.Of(Unescape(cells[1])), mentors.Names),
        ]);

    /// <summary>unmatched.csv with the carried columns of each person (mentee's or mentor's, by role).</summary>
    public static void WriteUnmatched(Stream stream, IReadOnlyList<UnmatchedEntry> entries, CarriedColumns mentors, CarriedColumns mentees)
    {
        var names = mentees.Names.Union(mentors.Names, StringComparer.Ordinal).ToList();
        IReadOnlyList<string> Values(CarriedColumns set, string id)
        {
            var v = set.Of(id);
            return [.. names.Select(n => set.Names.IndexOf(n) is var k and >= 0 ? v[k] : string.Empty)];
        }

        var byRow = entries.ToList();
        var row = 0;
        Append(stream, s => ResultCsv.WriteUnmatched(s, byRow),
        [
            (string.Empty, _ =>
            {
                var e = byRow[row++];
                return Values(e.Role == PersonRole.Mentee ? mentees : mentors, e.Id);
            }, names),
        ]);
    }

    private static int IndexOf(this IReadOnlyList<string> list, string name)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A text cell that a spreadsheet would run as a formula gets a leading <c>'</c>, as in every output (<see cref="CellGuard"/>).</summary>
    private static string Safe(string s) => CellGuard.Escape(s);

    /// <summary>The id as the person has it: an output cell guarded against formulas loses its leading <c>'</c>.</summary>
    private static string Unescape(string cell) => CellGuard.Unescape(cell);
}
