using System.Globalization;
using CsvHelper;
using MatchEngine.Csv;
using MatchEngine.Model;

namespace MatchEngine.Preferences;

/// <summary>Reads preferences.csv (<c>chooser_id, chosen_id, rank</c>) against a batch, and writes the list of preferences the rules block.</summary>
public static class PreferencesCsv
{
    /// <summary>
    /// Reads preferences.csv. The chooser may be a mentee (choosing mentors) or a mentor (choosing mentees). Unknown
    /// ids, a chosen person of the same side, a person ranking themselves, a rank other than 1 to 5, a rank used twice
    /// by the same chooser, the same person ranked twice and more than 5 ranks are errors with row and column.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="batch">The batch.</param>
    /// <param name="separator">Separator, or null to detect.</param>
    /// <returns>The preferences and every problem.</returns>
    public static CsvReadResult<StatedPreference> Read(Stream stream, string file, MatchBatch batch, char? separator = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var mentees = batch.Mentees.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var mentors = batch.Mentors.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var rankRow = new Dictionary<(string, int), int>();
        var chosenRow = new Dictionary<(string, string), int>();
        var count = new Dictionary<string, int>(StringComparer.Ordinal);
        return PairsCsv.ReadTable(stream, file, separator, ["chooser_id", "chosen_id", "rank"], [], (r, row) =>
        {
            var chooser = r.Id("chooser_id");
            var chosen = r.Id("chosen_id");
            var rankText = r.Text("rank");
            var rank = 0;
            if (rankText is null)
            {
                r.Error("rank", null, "is empty; expected a whole number from 1 (first choice) to 5.");
            }
            else if (!int.TryParse(rankText, NumberStyles.None, CultureInfo.InvariantCulture, out rank) || rank < 1 || rank > StatedPreferences.MaxRanks)
            {
                r.Error("rank", rankText, "is not a rank; expected a whole number from 1 (first choice) to 5.");
                rank = 0;
            }

            var role = PersonRole.Mentee;
            if (chooser.Length > 0 && chooser == chosen)
            {
                r.Error("chosen_id", chosen, "is the chooser themselves; a person cannot rank themselves.");
            }
            else if (chooser.Length > 0 && chosen.Length > 0)
            {
                if (mentees.Contains(chooser) && mentors.Contains(chosen))
                {
                    role = PersonRole.Mentee;
                }
                else if (mentors.Contains(chooser) && mentees.Contains(chosen))
                {
                    role = PersonRole.Mentor;
                }
                else if (!mentees.Contains(chooser) && !mentors.Contains(chooser))
                {
                    r.Error("chooser_id", chooser, "is not a mentee or a mentor of this batch.");
                }
                else if (!mentees.Contains(chosen) && !mentors.Contains(chosen))
                {
                    r.Error("chosen_id", chosen, "is not a mentee or a mentor of this batch.");
                }
                else
                {
                    r.Error("chosen_id", chosen, mentees.Contains(chooser)
                        ? "is not a mentor; a young person ranks mentors."
                        : "is not a young person; a mentor ranks young people.");
                }
            }

            if (r.Errors.Count == 0)
            {
                if (!chosenRow.TryAdd((chooser, chosen), row))
                {
                    r.Error("chosen_id", chosen, string.Create(CultureInfo.InvariantCulture, $"is ranked twice by '{chooser}': rows {chosenRow[(chooser, chosen)]} and {row}."));
                }
                else if (!rankRow.TryAdd((chooser, rank), row))
                {
                    r.Error("rank", rankText, string.Create(CultureInfo.InvariantCulture, $"is used twice by '{chooser}': rows {rankRow[(chooser, rank)]} and {row}; each rank once."));
                }
                else if ((count[chooser] = count.GetValueOrDefault(chooser) + 1) > StatedPreferences.MaxRanks)
                {
                    r.Error("chooser_id", chooser, string.Create(CultureInfo.InvariantCulture, $"ranks more than {StatedPreferences.MaxRanks} people; at most {StatedPreferences.MaxRanks} choices each."));
                }
            }

            return new StatedPreference(chooser, chosen, rank, role, row);
        });
    }

    /// <summary>Writes preferences-blocked.csv: <c>chooser_id, chosen_id, rank, rule_code, reason</c>.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="blocked">The blocked preferences.</param>
    public static void WriteBlocked(Stream stream, IEnumerable<BlockedPreference> blocked)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(blocked);
        using var w = CsvWriter.Create(stream, ResultCsv.WriterOptions, leaveOpen: true);
        w.WriteRecord(["chooser_id", "chosen_id", "rank", "rule_code", "reason"]);
        foreach (var b in blocked)
        {
            w.WriteRecord([b.Preference.ChooserId, b.Preference.ChosenId, b.Preference.Rank.ToString(CultureInfo.InvariantCulture), b.RuleCode, b.Reason]);
        }

        w.Flush();
    }
}

/// <summary>A stated preference for a person the hard rules do not allow: it is never honoured.</summary>
/// <param name="Preference">The preference.</param>
/// <param name="RuleCode">The rule that blocks the pair.</param>
/// <param name="Reason">The rule's sentence.</param>
public sealed record BlockedPreference(StatedPreference Preference, string RuleCode, string Reason);
