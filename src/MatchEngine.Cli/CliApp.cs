using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Solving;

namespace MatchEngine.Cli;

/// <summary>The <c>matchengine</c> command line. Data goes to files and stdout, diagnostics to stderr.</summary>
internal sealed class CliApp
{
    private const int MaxListed = 200;
    private static readonly string[] MatchOutputs = ["matches.csv", "unmatched.csv", "summary.json", "rejected.csv"];

    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly TimeProvider _time;

    public CliApp(TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        _out = stdout;
        _err = stderr;
        _time = time;
    }

    public int Run(string[] args, CancellationToken cancellationToken = default)
    {
        var root = Build(cancellationToken);
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { Output = _out, Error = _err, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            _err.WriteLine("Interrupted: no output was written or changed.");
            return ExitCodes.Interrupted;
        }
    }

    private RootCommand Build(CancellationToken ct)
    {
        var root = new RootCommand("MatchEngine: optimal mentor–mentee matching for youth mentoring programmes.");

        var mentors = new Option<FileInfo>("--mentors") { Description = "mentors.csv (see the CSV contract in the README)", Required = true };
        var mentees = new Option<FileInfo>("--mentees") { Description = "mentees.csv", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "Date ages are computed on, YYYY-MM-DD (default: today)" };
        var delimiter = new Option<string?>("--delimiter") { Description = "Field separator of the input files: ',', ';' or 'tab' (default: detected)" };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the output files", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the results of an earlier run in the --out folder" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Set invalid rows aside in rejected.csv and match the rest, instead of stopping" };

        var match = new Command("match", "Match mentors and mentees optimally; writes matches.csv, unmatched.csv and summary.json.")
        {
            mentors, mentees, outDir, asOf, delimiter, force, skipInvalid,
        };
        match.SetAction(r => Match(r.GetValue(mentors)!, r.GetValue(mentees)!, r.GetValue(outDir)!, r.GetValue(asOf), r.GetValue(delimiter), r.GetValue(force), r.GetValue(skipInvalid), ct));
        root.Add(match);

        var validate = new Command("validate", "Check mentors.csv and mentees.csv and list every error (exit 2 when there are any).")
        {
            mentors, mentees, asOf, delimiter,
        };
        validate.SetAction(r => Validate(r.GetValue(mentors)!, r.GetValue(mentees)!, r.GetValue(asOf), r.GetValue(delimiter)));
        root.Add(validate);

        var pairs = new Option<FileInfo>("--pairs") { Description = "pairs.csv: mentee_id, mentor_id, score (pairs not listed are not allowed)", Required = true };
        var caps = new Option<FileInfo?>("--capacities") { Description = "capacities.csv: mentor_id, capacity (default 1 for every mentor)" };
        var solve = new Command("solve", "Bring your own scores: choose the pairs that match the most mentees, then maximise the total score.")
        {
            pairs, caps, outDir, delimiter, force,
        };
        solve.SetAction(r => Solve(r.GetValue(pairs)!, r.GetValue(caps), r.GetValue(outDir)!, r.GetValue(delimiter), r.GetValue(force), ct));
        root.Add(solve);

        var mentorCount = new Option<int>("--mentors") { Description = "Number of mentors", DefaultValueFactory = _ => 1000 };
        var menteeCount = new Option<int>("--mentees") { Description = "Number of mentees", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same files", DefaultValueFactory = _ => 1 };
        var generate = new Command("generate", "Write a synthetic batch shaped like the programme (mentors.csv, mentees.csv) for trials and benchmarks.")
        {
            mentorCount, menteeCount, seed, outDir, asOf, force,
        };
        generate.SetAction(r => Generate(r.GetValue(mentorCount), r.GetValue(menteeCount), r.GetValue(seed), r.GetValue(outDir)!, r.GetValue(asOf), r.GetValue(force), ct));
        root.Add(generate);
        return root;
    }

    private int Match(FileInfo mentorsFile, FileInfo menteesFile, DirectoryInfo outDir, string? asOfText, string? delimiterText, bool force, bool skipInvalid, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (!TryOptions(asOfText, delimiterText, out var asOf, out var sep))
        {
            return ExitCodes.Usage;
        }

        if (!force && OutputFolder.Existing(outDir.FullName, MatchOutputs) is { Count: > 0 } existing)
        {
            _err.WriteLine($"error: {outDir.FullName} already holds the results of an earlier run ({string.Join(", ", existing)}). Pass --force to replace them, or choose another --out folder.");
            return ExitCodes.Usage;
        }

        var (batch, rejected) = ReadBatch(mentorsFile, menteesFile, asOf, sep, skipInvalid, ct);
        if (batch is null)
        {
            return ExitCodes.InvalidInput;
        }

        var result = new Matcher().Match(batch, ct);
        result = result with { Summary = result.Summary with { RejectedRows = rejected.Count } };
        var files = new List<(string, Action<Stream>)>
        {
            ("matches.csv", s => ResultCsv.WriteMatches(s, result.Pairs)),
            ("unmatched.csv", s => ResultCsv.WriteUnmatched(s, result.Unmatched)),
        };
        if (skipInvalid)
        {
            files.Add(("rejected.csv", s => ResultCsv.WriteRejected(s, rejected)));
        }

        files.Add(("summary.json", s => ResultCsv.WriteSummary(s, result)));
        OutputFolder.Write(outDir.FullName, files, ct);
        var sum = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        _out.WriteLine(string.Create(inv, $"Matched {sum.Matched} of {sum.Mentees} mentees ({Pct(sum.Matched, sum.Mentees)}) with {sum.Mentors} mentors ({sum.MentorPlaces} places), as of {sum.AsOf:yyyy-MM-dd}."));
        _out.WriteLine(string.Create(inv, $"  unmet needs matched:    {sum.UnmetNeedsMatched} of {sum.UnmetNeedsMentees} ({Pct(sum.UnmetNeedsMatched, sum.UnmetNeedsMentees)})"));
        _out.WriteLine(string.Create(inv, $"  mean score:             {sum.MeanScore:0.00} / 100"));
        _out.WriteLine(string.Create(inv, $"  cross-background pairs: {sum.CrossBackgroundPairs} ({sum.CrossBackgroundShare:P1})"));
        _out.WriteLine(string.Create(inv, $"  unmatched mentees:      {sum.UnmatchedMentees}; unused mentor places: {sum.UnusedMentorPlaces} (reasons in unmatched.csv)"));
        _out.WriteLine(string.Create(inv, $"  solver:                 {sum.SolverStatus}; elapsed {clock.Elapsed.TotalSeconds:0.00} s"));
        if (skipInvalid)
        {
            _out.WriteLine(string.Create(inv, $"  rejected input rows:    {rejected.Count} (set aside in rejected.csv, not matched)"));
        }

        foreach (var w in result.Readiness.Warnings)
        {
            _err.WriteLine($"note: {w}");
        }

        _out.WriteLine($"Wrote {Path.Combine(outDir.FullName, "matches.csv")}, unmatched.csv, {(skipInvalid ? "rejected.csv, " : string.Empty)}summary.json");
        return ExitCodes.Ok;
    }

    private int Validate(FileInfo mentorsFile, FileInfo menteesFile, string? asOfText, string? delimiterText)
    {
        if (!TryOptions(asOfText, delimiterText, out var asOf, out var sep))
        {
            return ExitCodes.Usage;
        }

        var (batch, _) = ReadBatch(mentorsFile, menteesFile, asOf, sep, skipInvalid: false, CancellationToken.None);
        if (batch is null)
        {
            return ExitCodes.InvalidInput;
        }

        var inv = CultureInfo.InvariantCulture;
        _out.WriteLine(string.Create(inv, $"OK: {batch.Mentors.Count} mentors and {batch.Mentees.Count} mentees are valid (as of {asOf:yyyy-MM-dd})."));
        var r = new Matcher().Readiness(batch);
        _out.WriteLine();
        _out.WriteLine("Readiness (young people who can take part / places of mentors who can take part):");
        foreach (var (title, rows) in new[] { ("by region", r.ByRegion), ("by meeting mode", r.ByMode), ("safeguarding", (IReadOnlyList<CapacityRow>)[r.Under18]) })
        {
            _out.WriteLine($"  {title}:");
            foreach (var row in rows)
            {
                _out.WriteLine(string.Create(inv, $"    {row.Group,-26} {row.Mentees,6} young people  {row.MentorPlaces,6} places{(row.IsShort ? "   SHORT" : string.Empty)}"));
            }
        }

        if (r.Unmatchable.Count > 0)
        {
            _out.WriteLine(string.Create(inv, $"  no possible partner in this batch ({r.Unmatchable.Count}):"));
            foreach (var u in r.Unmatchable.Take(MaxListed))
            {
                _out.WriteLine($"    {(u.Role == PersonRole.Mentee ? "mentee" : "mentor")} {u.Id}: {u.Reason}");
            }

            if (r.Unmatchable.Count > MaxListed)
            {
                _out.WriteLine(string.Create(inv, $"    ... and {r.Unmatchable.Count - MaxListed} more (all are in summary.json after match)."));
            }
        }

        foreach (var w in r.Warnings)
        {
            _out.WriteLine($"  note: {w}");
        }

        return ExitCodes.Ok;
    }

    private int Solve(FileInfo pairsFile, FileInfo? capsFile, DirectoryInfo outDir, string? delimiterText, bool force, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (!TryOptions(null, delimiterText, out _, out var sep))
        {
            return ExitCodes.Usage;
        }

        if (!force && OutputFolder.Existing(outDir.FullName, ["matches.csv"]) is { Count: > 0 })
        {
            _err.WriteLine($"error: {outDir.FullName} already holds matches.csv from an earlier run. Pass --force to replace it, or choose another --out folder.");
            return ExitCodes.Usage;
        }

        var issues = new List<CsvIssue>();
        var pairs = ReadFile(pairsFile, s => PairsCsv.ReadPairs(s, pairsFile.Name, sep), issues);
        Dictionary<string, int>? capacities = null;
        if (capsFile is not null)
        {
            var capRows = ReadFile(capsFile, s => PairsCsv.ReadCapacities(s, capsFile.Name, sep), issues);
            capacities = capRows?.Records.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }

        if (pairs is null || issues.Count > 0)
        {
            Report(issues);
            return ExitCodes.InvalidInput;
        }

        var solution = ScoredPairSolver.Solve(pairs.Records, capacities, ct);
        OutputFolder.Write(outDir.FullName, [("matches.csv", s => PairsCsv.WriteMatches(s, solution.Pairs))], ct);
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Matched {solution.Pairs.Count} of {solution.Mentees} mentees; total score {solution.TotalScore}; optimal; elapsed {clock.Elapsed.TotalSeconds:0.00} s"));
        _out.WriteLine($"Wrote {Path.Combine(outDir.FullName, "matches.csv")}");
        return ExitCodes.Ok;
    }

    private int Generate(int mentors, int mentees, int seed, DirectoryInfo outDir, string? asOfText, bool force, CancellationToken ct)
    {
        if (!TryOptions(asOfText ?? "2026-09-01", null, out var asOf, out _))
        {
            return ExitCodes.Usage;
        }

        if (mentors < 0 || mentees < 0 || mentors > 10_000_000 || mentees > 10_000_000)
        {
            _err.WriteLine("error: --mentors and --mentees must be between 0 and 10,000,000.");
            return ExitCodes.Usage;
        }

        if (!force && OutputFolder.Existing(outDir.FullName, ["mentors.csv", "mentees.csv"]) is { Count: > 0 } existing)
        {
            _err.WriteLine($"error: {outDir.FullName} already holds {string.Join(", ", existing)}. Pass --force to replace them.");
            return ExitCodes.Usage;
        }

        var batch = Generation.BatchGenerator.Generate(new Generation.GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, AsOf = asOf });
        OutputFolder.Write(outDir.FullName,
        [
            ("mentors.csv", s => BatchCsvWriter.WriteMentors(s, batch.Mentors)),
            ("mentees.csv", s => BatchCsvWriter.WriteMentees(s, batch.Mentees)),
        ], ct);
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {mentors} mentors and {mentees} mentees (seed {seed}, ages as of {asOf:yyyy-MM-dd}) to {outDir.FullName}"));
        return ExitCodes.Ok;
    }

    private (MatchBatch? Batch, List<RejectedRow> Rejected) ReadBatch(FileInfo mentorsFile, FileInfo menteesFile, DateOnly asOf, char? sep, bool skipInvalid, CancellationToken ct)
    {
        var issues = new List<CsvIssue>();
        var mentors = ReadFile(mentorsFile, s => BatchCsv.ReadMentors(s, mentorsFile.Name, asOf, sep), issues);
        ct.ThrowIfCancellationRequested();
        var mentees = ReadFile(menteesFile, s => BatchCsv.ReadMentees(s, menteesFile.Name, asOf, sep), issues);
        var rejected = new List<RejectedRow>();
        if (mentors is not null && mentees is not null && skipInvalid)
        {
            // Row errors are set aside; errors of a whole file (missing columns, wrong file) still stop the run.
            rejected.AddRange(mentors.Rejected);
            rejected.AddRange(mentees.Rejected);
            var rowIssues = rejected.SelectMany(r => r.Errors).ToHashSet();
            issues.RemoveAll(rowIssues.Contains);
            if (rejected.Count > 0)
            {
                _err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: {rejected.Count} invalid rows set aside in rejected.csv ({rowIssues.Count} errors); matching the rest."));
            }
        }

        if (mentors is null || mentees is null || issues.Count > 0)
        {
            Report(issues);
            return (null, rejected);
        }

        return (new MatchBatch(mentors.Records, mentees.Records, asOf), rejected);
    }

    private CsvReadResult<T>? ReadFile<T>(FileInfo file, Func<Stream, CsvReadResult<T>> read, List<CsvIssue> issues)
    {
        if (!file.Exists)
        {
            issues.Add(new CsvIssue(file.ToString(), 0, null, null, "does not exist."));
            return null;
        }

        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var result = read(stream);
            issues.AddRange(result.Errors);
            foreach (var w in result.Warnings)
            {
                _err.WriteLine($"warning: {w}");
            }

            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            issues.Add(new CsvIssue(file.ToString(), 0, null, null, $"cannot be read: {e.Message}"));
            return null;
        }
    }

    private void Report(List<CsvIssue> issues)
    {
        _err.WriteLine(issues.Count == 1 ? "error: the input has 1 error; nothing was written." : $"error: the input has {issues.Count} errors; nothing was written.");
        foreach (var i in issues.Take(MaxListed))
        {
            _err.WriteLine($"  {i}");
        }

        if (issues.Count > MaxListed)
        {
            _err.WriteLine($"  ... and {issues.Count - MaxListed} more errors.");
        }
    }

    private bool TryOptions(string? asOfText, string? delimiterText, out DateOnly asOf, out char? separator)
    {
        asOf = DateOnly.FromDateTime(_time.GetLocalNow().Date);
        separator = null;
        if (asOfText is not null && !DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
        {
            _err.WriteLine($"error: --as-of '{asOfText}' is not a date; expected YYYY-MM-DD, e.g. 2026-09-01.");
            return false;
        }

        switch (delimiterText?.Trim().ToLowerInvariant())
        {
            case null:
                break;
            case "," or "comma":
                separator = ',';
                break;
            case ";" or "semicolon":
                separator = ';';
                break;
            case "tab" or "\\t" or "\t":
                separator = '\t';
                break;
            default:
                _err.WriteLine($"error: --delimiter '{delimiterText}' is not supported; use ',', ';' or 'tab'.");
                return false;
        }

        return true;
    }

    private static string Pct(int a, int b) => b == 0 ? "-" : ((double)a / b).ToString("P1", CultureInfo.InvariantCulture);
}
