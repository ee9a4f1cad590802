using MatchEngine.Csv;

namespace MatchEngine.Priority;

/// <summary>Reads an earlier round's unmatched.csv for <c>--carry-over</c>: the ids of the young people (role <c>mentee</c>) left unmatched.</summary>
public static class CarryOver
{
    /// <summary>Reads the young people of an unmatched.csv (<c>role, id</c>; its other columns are accepted).</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="separator">Separator, or null to detect.</param>
    /// <returns>The ids of role <c>mentee</c> (rows of role <c>mentor</c> are skipped) and every problem.</returns>
    public static CsvReadResult<string> ReadUnmatchedMentees(Stream stream, string file, char? separator = null)
    {
        var read = PairsCsv.ReadTable(stream, file, separator, ["role", "id"], ["reason_code", "reason", "eligible_count"], (r, _) =>
        {
            var role = r.Text("role")?.ToLowerInvariant();
            if (role is not ("mentee" or "mentor"))
            {
                r.Error("role", r.Text("role"), "is not a role; expected mentee or mentor (an unmatched.csv written by match).");
            }

            var id = r.Id("id");
            return role == "mentee" ? id : null;
        });
        return new CsvReadResult<string>([.. read.Records.OfType<string>()], read.Errors, read.Warnings, read.Rejected);
    }
}
