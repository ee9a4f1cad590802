using System.CommandLine;
using System.Globalization;
using MatchEngine.Csv;
using MatchEngine.Model;

namespace MatchEngine.Cli.Commands;

/// <summary><c>--carry-over previous/unmatched.csv</c>: every young person listed there (role mentee) has waited one more round.</summary>
internal static class CarryOverStep
{
    public static Option<FileInfo[]> Option() => new("--carry-over")
    {
        Description = "An earlier round's unmatched.csv: each young person listed in it (role mentee) counts one more round waited (rounds_waited + 1). Give one file per earlier round",
        AllowMultipleArgumentsPerToken = false,
    };

    public static MatchBatch Apply(InputLoader loader, TextWriter err, FileInfo[]? files, MatchBatch batch, char? sep)
    {
        if (files is not { Length: > 0 })
        {
            return batch;
        }

        var issues = new List<CsvIssue>();
        var extra = new Dictionary<string, int>(StringComparer.Ordinal);
        var known = batch.Mentees.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var gone = 0;
        foreach (var f in files)
        {
            var ids = loader.ReadFile(f, s => Priority.CarryOver.ReadUnmatchedMentees(s, f.Name, sep), issues);
            foreach (var id in ids?.Records ?? [])
            {
                if (known.Contains(id))
                {
                    extra[id] = extra.GetValueOrDefault(id) + 1;
                }
                else
                {
                    gone++;
                }
            }
        }

        loader.StopOn(issues);
        if (gone > 0)
        {
            err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: {gone} young people in the carry-over file(s) are not in this batch's mentees (they left or were matched elsewhere); they are skipped."));
        }

        return extra.Count == 0
            ? batch
            : new MatchBatch(batch.Mentors, batch.Mentees.Select(m => extra.TryGetValue(m.Id, out var n) ? m with { RoundsWaited = m.RoundsWaited + n } : m), batch.AsOf)
            {
                Locked = batch.Locked,
                Excluded = batch.Excluded,
            };
    }
}
