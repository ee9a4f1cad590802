using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MatchEngine.Csv;
using MatchEngine.Solving;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine solve</c>: bring your own scores; the most mentees matched, then the highest total score.</summary>
internal static class SolveCommand
{
    public static Command Create(CliContext cli)
    {
        var pairs = new Option<FileInfo>("--pairs") { Description = "pairs.csv: mentee_id, mentor_id, score (pairs not listed are not allowed)", Required = true, HelpName = "FILE" };
        var caps = new Option<FileInfo?>("--capacities") { Description = "capacities.csv: mentor_id, capacity (default 1 for every mentor)", HelpName = "FILE" };
        var outDir = SharedOptions.OutFolder();
        var delimiter = SharedOptions.Delimiter();
        var force = SharedOptions.Force("Replace matches.csv of an earlier run in the --out folder");
        var solve = new Command("solve", "Bring your own scores: choose the pairs that match the most mentees, then maximise the total score.")
        {
            pairs, caps, outDir, delimiter, force,
        };
        solve.SetCancellableAction((r, ct) => Run(cli, r.GetValue(pairs)!, r.GetValue(caps), r.GetValue(outDir)!, r.GetValue(delimiter), r.GetValue(force), ct));
        return solve;
    }

    private static int Run(CliContext cli, FileInfo pairsFile, FileInfo? capsFile, DirectoryInfo outDir, string? delimiterText, bool force, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var loader = new InputLoader(cli);
        var sep = loader.Delimiter(delimiterText);
        using var outputs = OutputFolder.Open(outDir.FullName, ["matches.csv"], force, cli.Err);

        var issues = new List<CsvIssue>();
        var pairs = loader.ReadFile(pairsFile, s => PairsCsv.ReadPairs(s, pairsFile.Name, sep), issues);
        Dictionary<string, int>? capacities = null;
        if (capsFile is not null)
        {
            var capRows = loader.ReadFile(capsFile, s => PairsCsv.ReadCapacities(s, capsFile.Name, sep), issues);
            capacities = capRows?.Records.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }

        loader.StopOn(issues);
        var solution = ScoredPairSolver.Solve(pairs!.Records, capacities, ct);
        outputs.Commit([("matches.csv", s => PairsCsv.WriteMatches(s, solution.Pairs))], ct);
        cli.Status().WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Matched {solution.Pairs.Count} of {CliText.Plural(solution.Mentees, "mentee")}; total score {solution.TotalScore}; optimal; elapsed {clock.Elapsed.TotalSeconds:0.00} s"));
        cli.Status().WriteLine($"Wrote {Path.Combine(outDir.FullName, "matches.csv")}");
        return ExitCodes.Ok;
    }
}
