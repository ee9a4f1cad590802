using System.CommandLine;
using MatchEngine.Analytics;

namespace MatchEngine.Cli.Commands;

/// <summary>The run's reproducibility record from the command line: engine version, as-of date, effective policy and its hash, seeds, SHA-256 of each input file.</summary>
internal static class RunRecord
{
    public static RunInfo For(ParseResult r, BatchOptions? b, MatchOptions options, DateOnly? asOf, IEnumerable<RunSeed> seeds, IEnumerable<(string Role, FileInfo File)> extra)
    {
        var files = new List<(string, FileInfo?)>();
        if (b is not null)
        {
            files.Add(("mentors", r.GetValue(b.Mentors)));
            files.Add(("mentees", r.GetValue(b.Mentees)));
            files.Add(("policy", r.GetValue(b.Policy)));
            files.Add(("locked", r.GetValue(b.Locked)));
            files.Add(("excluded", r.GetValue(b.Excluded)));
        }

        files.AddRange(extra.Select(x => (x.Role, (FileInfo?)x.File)));
        var inputs = new List<InputChecksum>();
        foreach (var (role, file) in files)
        {
            if (file is { Exists: true })
            {
                using var s = file.OpenRead();
                inputs.Add(new InputChecksum(role, file.Name, RunInfo.Sha256(s)));
            }
        }

        return RunInfo.For(options, asOf) with { Seeds = [.. seeds], Inputs = inputs };
    }
}
