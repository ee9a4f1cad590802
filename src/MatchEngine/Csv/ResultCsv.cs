using System.Globalization;
using CsvHelper;
using MatchEngine.Model;

namespace MatchEngine.Csv;

/// <summary>Writes the outputs of <c>match</c> per the CSV contract: UTF-8, comma-separated, LF line ends, cells that a spreadsheet would run as a formula escaped with a leading <c>'</c>.</summary>
public static class ResultCsv
{
    internal static CsvWriterOptions WriterOptions { get; } = new()
    {
        NewLine = "\n",
        // The formula guard is applied per text cell by CellGuard (numbers stay numbers; readers undo it exactly).
        Injection = CsvInjection.None,
        WriteByteOrderMark = false,
    };

    /// <summary>Writes matches.csv: <c>mentee_id, mentor_id, score, mode, distance_km, cross_background</c>, the score parts, <c>locked</c> and <c>decision</c> (empty for a proposal to review; <c>accept</c> for a locked pair).</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="pairs">The pairs.</param>
    public static void WriteMatches(Stream stream, IEnumerable<MatchedPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(pairs);
        using var w = CsvWriter.Create(stream, WriterOptions, leaveOpen: true);
        w.WriteRecord(["mentee_id", "mentor_id", "score", "mode", "distance_km", "cross_background",
            "ethnicity_difference", "socioeconomic_difference", "proximity", "sector_fit", "shared_language", "gender_preference", "locked", "decision"]);
        foreach (var p in pairs)
        {
            var s = p.Score;
            w.WriteField(CellGuard.Escape(p.MenteeId));
            w.WriteField(CellGuard.Escape(p.MentorId));
            w.WriteField(s.Total, "0.00");
            w.WriteField(MeetingModeNames.Name(p.Mode));
            if (p.DistanceKm is { } d)
            {
                w.WriteField(d, "0.00");
            }
            else
            {
                w.WriteField(string.Empty);
            }

            w.WriteField(p.CrossBackground ? "true" : "false");
            foreach (var part in (ReadOnlySpan<double>)[s.EthnicityDifference, s.SocioeconomicDifference, s.Proximity, s.SectorFit, s.SharedLanguage, s.GenderPreference])
            {
                w.WriteField(part, "0.00");
            }

            w.WriteField(p.Locked ? "true" : "false");
            w.WriteField(p.Locked ? "accept" : string.Empty);
            w.EndRecord();
        }

        w.Flush();
    }

    /// <summary>Writes unmatched.csv: <c>role, id, reason_code, reason, eligible_count</c>.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="entries">The entries.</param>
    public static void WriteUnmatched(Stream stream, IEnumerable<UnmatchedEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entries);
        using var w = CsvWriter.Create(stream, WriterOptions, leaveOpen: true);
        w.WriteRecord(["role", "id", "reason_code", "reason", "eligible_count"]);
        foreach (var u in entries)
        {
            w.WriteField(u.Role == PersonRole.Mentee ? "mentee" : "mentor");
            w.WriteField(CellGuard.Escape(u.Id));
            w.WriteField(u.ReasonCode);
            w.WriteField(CellGuard.Escape(u.Reason));
            w.WriteField(u.EligibleCount, default);
            w.EndRecord();
        }

        w.Flush();
    }

    /// <summary>Writes rejected.csv: <c>file, row, errors</c>, then the original cells.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="rows">The rejected rows.</param>
    public static void WriteRejected(Stream stream, IEnumerable<RejectedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var width = list.Count == 0 ? 0 : list.Max(r => r.Cells.Count);
        using var w = CsvWriter.Create(stream, WriterOptions with { ValidateFieldCount = false }, leaveOpen: true);
        w.WriteRecord(["file", "row", "errors", .. Enumerable.Range(1, width).Select(i => string.Create(CultureInfo.InvariantCulture, $"cell_{i}"))]);
        foreach (var r in list)
        {
            var cells = new string[width];
            for (var i = 0; i < width; i++)
            {
                cells[i] = i < r.Cells.Count ? r.Cells[i] : string.Empty;
            }

            w.WriteRecord([CellGuard.Escape(r.File), r.Row.ToString(CultureInfo.InvariantCulture), CellGuard.Escape(string.Join(" | ", r.Errors.Select(e => e.ToString()))), .. cells.Select(CellGuard.Escape)]);
        }

        w.Flush();
    }
}
