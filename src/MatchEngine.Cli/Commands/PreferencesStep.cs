using System.CommandLine;
using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Preferences;

namespace MatchEngine.Cli.Commands;

/// <summary><c>--preferences preferences.csv</c>: who chose whom. Read against the batch; preferences the rules block are listed on stderr with the rule.</summary>
internal static class PreferencesStep
{
    public static Option<FileInfo?> Option() => new("--preferences")
    {
        Description = "preferences.csv: chooser_id, chosen_id, rank (1 = first choice, up to 5 each; a young person ranks mentors, a mentor ranks young people). Scored with weights.stated_preference in the policy (default 0)",
    };

    /// <summary>The options with the preferences added (unchanged when no file is given). Errors end the command with exit code 2.</summary>
    public static MatchOptions Apply(InputLoader loader, TextWriter err, FileInfo? file, MatchBatch batch, MatchOptions options, char? sep)
    {
        if (file is null)
        {
            return options;
        }

        var issues = new List<Csv.CsvIssue>();
        var read = loader.ReadFile(file, s => PreferencesCsv.Read(s, file.Name, batch, sep), issues);
        loader.StopOn(issues);
        var prefs = new StatedPreferences(read!.Records);
        var inv = CultureInfo.InvariantCulture;
        var blocked = PreferenceCheck.Blocked(batch, prefs, new Matcher(options));
        if (blocked.Count > 0)
        {
            err.WriteLine(string.Create(inv, $"note: {blocked.Count} of {prefs.All.Count} stated preferences name someone the rules do not allow; a preference never overrides a rule, so they cannot be honoured:"));
            foreach (var b in blocked.Take(CliContext.MaxListed))
            {
                err.WriteLine(string.Create(inv, $"  {file.Name}, row {b.Preference.Row}: {b.Preference.ChooserId} -> {b.Preference.ChosenId} (rank {b.Preference.Rank}) blocked by {b.RuleCode}: {b.Reason}"));
            }

            if (blocked.Count > CliContext.MaxListed)
            {
                err.WriteLine(string.Create(inv, $"  ... and {blocked.Count - CliContext.MaxListed} more."));
            }
        }

        if (options.Weights.StatedPreference == 0)
        {
            err.WriteLine("note: weights.stated_preference is 0 in the policy, so the preferences do not change the score (compare's preference-stable strategy and evaluate's preference figures still use them).");
        }

        return options with { StatedPreferences = prefs };
    }
}
