using System.Globalization;
using CsvHelper;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Text;

namespace MatchEngine.Review;

/// <summary>Reads a reviewed matches.csv (<c>mentee_id, mentor_id, decision</c>, the other columns of matches.csv ignored) and writes round-changes.csv.</summary>
public static class DecisionsCsv
{
    private static readonly string[] AcceptWords = ["accept", "accepted", "a", "yes", "y"];
    private static readonly string[] RejectWords = ["reject", "rejected", "r", "no", "n"];

    /// <summary>Reads a reviewed matches.csv. Unknown ids, a decision that is not <c>accept</c>, <c>reject</c> or blank, and a pair listed twice are errors with row and column.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="batch">The batch the pairs refer to.</param>
    /// <param name="separator">Separator, or null to detect.</param>
    /// <returns>The rows and every problem.</returns>
    public static CsvReadResult<ReviewedPair> Read(Stream stream, string file, MatchBatch batch, char? separator = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var mentees = batch.Mentees.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var mentors = batch.Mentors.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<(string, string), int>();
        var result = PairsCsv.ReadTable(stream, file, separator, ["mentee_id", "mentor_id", "decision"], ["mode", .. PairsCsv.MatchOutputColumns.Where(c => c != "decision")], (r, row) =>
        {
            var mentee = r.Id("mentee_id", unguard: true);
            var mentor = r.Id("mentor_id", unguard: true);
            var decision = Parse(r);
            if (mentee.Length > 0 && !mentees.Contains(mentee))
            {
                r.Error("mentee_id", mentee, "is not a mentee of this batch.");
            }

            if (mentor.Length > 0 && !mentors.Contains(mentor))
            {
                r.Error("mentor_id", mentor, "is not a mentor of this batch.");
            }

            if (r.Errors.Count == 0 && !seen.TryAdd((mentee, mentor), row))
            {
                r.Error("mentee_id", mentee, string.Create(CultureInfo.InvariantCulture, $"with mentor '{mentor}' is listed twice: rows {seen[(mentee, mentor)]} and {row}."));
            }

            return new ReviewedPair(mentee, mentor, decision, file, row);
        });
        return result;
    }

    private static ReviewDecision Parse(RowReader r)
    {
        var v = r.Text("decision");
        if (v is null)
        {
            return ReviewDecision.None;
        }

        var k = v.ToLowerInvariant();
        if (AcceptWords.Contains(k))
        {
            return ReviewDecision.Accept;
        }

        if (RejectWords.Contains(k))
        {
            return ReviewDecision.Reject;
        }

        var s = Suggest.Closest(k, ["accept", "reject"]);
        r.Error("decision", v, "is not a decision; expected accept, reject or blank (propose again)" + (s is null ? "." : $" (did you mean '{s}'?)."));
        return ReviewDecision.None;
    }

    /// <summary>The text of a decision as matches.csv writes it: <c>accept</c>, <c>reject</c> or empty.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>The text.</returns>
    public static string Name(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Accept => "accept",
        ReviewDecision.Reject => "reject",
        _ => string.Empty,
    };

    /// <summary>Writes round-changes.csv: <c>mentee_id, change, previous_mentor_id, previous_decision, mentor_id, reason</c>.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="changes">The changes.</param>
    public static void WriteChanges(Stream stream, IEnumerable<RoundChange> changes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(changes);
        using var w = CsvWriter.Create(stream, ResultCsv.WriterOptions, leaveOpen: true);
        w.WriteRecord(["mentee_id", "change", "previous_mentor_id", "previous_decision", "mentor_id", "reason"]);
        foreach (var c in changes)
        {
            w.WriteRecord([CellGuard.Escape(c.MenteeId), c.Change, CellGuard.Escape(c.PreviousMentorId ?? string.Empty), Name(c.PreviousDecision), CellGuard.Escape(c.MentorId ?? string.Empty), CellGuard.Escape(c.Reason)]);
        }

        w.Flush();
    }
}
