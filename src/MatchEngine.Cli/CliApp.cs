using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MatchEngine.Analytics;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Policy;
using MatchEngine.Reports;
using MatchEngine.Solving;

namespace MatchEngine.Cli;

/// <summary>The <c>matchengine</c> command line. Data goes to files and stdout, diagnostics to stderr.</summary>
internal sealed partial class CliApp
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

    /// <summary>The options every command on a batch shares.</summary>
    private sealed class BatchOptions
    {
        public Option<FileInfo> Mentors { get; } = new("--mentors") { Description = "mentors.csv (see the CSV contract in the README)", Required = true };

        public Option<FileInfo> Mentees { get; } = new("--mentees") { Description = "mentees.csv", Required = true };

        public Option<string?> AsOf { get; } = new("--as-of") { Description = "Date ages are computed on, YYYY-MM-DD (default: today)" };

        public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "Field separator of the input files: ',', ';' or 'tab' (default: detected)" };

        public Option<FileInfo?> Policy { get; } = new("--policy") { Description = "policy.json: weights, travel limits, ages, safeguarding, objective, targets (see `matchengine policy`)" };

        public Option<FileInfo?> Locked { get; } = new("--locked") { Description = "Pairs already running (mentee_id, mentor_id[, mode]); a previous matches.csv works as it is" };

        public Option<FileInfo?> Excluded { get; } = new("--excluded") { Description = "Pairs never to make (mentee_id, mentor_id)" };

        public Option<double?> MinCrossBackground { get; } = new("--min-cross-background") { Description = "Least share of cross-background pairs, e.g. 0.75 (overrides the policy file)" };

        public void AddTo(Command c)
        {
            c.Add(Mentors);
            c.Add(Mentees);
            c.Add(AsOf);
            c.Add(Delimiter);
            c.Add(Policy);
            c.Add(Locked);
            c.Add(Excluded);
            c.Add(MinCrossBackground);
        }
    }

    private sealed record Inputs(MatchBatch Batch, MatchOptions Options, List<RejectedRow> Rejected);

    private RootCommand Build(CancellationToken ct)
    {
        var root = new RootCommand("MatchEngine: optimal mentor–mentee matching for youth mentoring programmes.");
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for the output files", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace the results of an earlier run in the --out folder" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Set invalid rows aside in rejected.csv and match the rest, instead of stopping" };
        var delimiter = new Option<string?>("--delimiter") { Description = "Field separator of the input files: ',', ';' or 'tab' (default: detected)" };

        var b = new BatchOptions();
        var match = new Command("match", "Match mentors and mentees optimally; writes matches.csv, unmatched.csv and summary.json.") { outDir, force, skipInvalid };
        b.AddTo(match);
        match.SetAction(r => Match(r, b, r.GetValue(outDir)!, r.GetValue(force), r.GetValue(skipInvalid), ct));
        root.Add(match);

        var validate = new Command("validate", "Check the input files and list every error (exit 2 when there are any); when valid, print the readiness check.");
        b.AddTo(validate);
        validate.SetAction(r => Validate(r, b, ct));
        root.Add(validate);

        var menteeId = new Option<string>("--mentee") { Description = "The mentee to explain", Required = true };
        var mentorId = new Option<string?>("--mentor") { Description = "A mentor to look at closely" };
        var json = new Option<bool>("--json") { Description = "Write the explanation as JSON" };
        var top = new Option<int>("--top") { Description = "How many alternatives to show", DefaultValueFactory = _ => 5 };
        var explain = new Command("explain", "Why a mentee got the mentor they got (or none): the score breakdown, the best alternatives, and the rule that excluded each other mentor.")
        {
            menteeId, mentorId, json, top,
        };
        b.AddTo(explain);
        explain.SetAction(r => Explain(r, b, r.GetValue(menteeId)!, r.GetValue(mentorId), r.GetValue(json), r.GetValue(top), ct));
        root.Add(explain);

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
        var genAsOf = new Option<string?>("--as-of") { Description = "Date the ages are drawn around (default 2026-09-01)" };
        var generate = new Command("generate", "Write a synthetic batch shaped like the programme (mentors.csv, mentees.csv) for trials and benchmarks.")
        {
            mentorCount, menteeCount, seed, outDir, genAsOf, force,
        };
        generate.SetAction(r => Generate(r.GetValue(mentorCount), r.GetValue(menteeCount), r.GetValue(seed), r.GetValue(outDir)!, r.GetValue(genAsOf), r.GetValue(force), ct));
        root.Add(generate);

        AddAnalytics(root, ct);

        var policy = new Command("policy", "Print a policy file with every default and what it means: a starting point for --policy.");
        policy.SetAction(_ =>
        {
            _out.Write(PolicyFile.Defaults());
            return ExitCodes.Ok;
        });
        root.Add(policy);
        return root;
    }

    private Inputs? LoadInputs(ParseResult r, BatchOptions b, bool skipInvalid, CancellationToken ct, out int exitCode)
    {
        exitCode = ExitCodes.Ok;
        if (!TryOptions(r.GetValue(b.AsOf), r.GetValue(b.Delimiter), out var asOf, out var sep))
        {
            exitCode = ExitCodes.Usage;
            return null;
        }

        var issues = new List<CsvIssue>();
        var options = MatchOptions.Default;
        if (r.GetValue(b.Policy) is { } policyFile)
        {
            if (!policyFile.Exists)
            {
                _err.WriteLine($"error: {policyFile}: does not exist.");
                exitCode = ExitCodes.InvalidInput;
                return null;
            }

            using var ps = policyFile.OpenRead();
            var loaded = PolicyFile.Load(ps, policyFile.Name);
            if (!loaded.IsValid)
            {
                _err.WriteLine(loaded.Errors.Count == 1 ? "error: the policy has 1 error; nothing was written." : $"error: the policy has {loaded.Errors.Count} errors; nothing was written.");
                foreach (var e in loaded.Errors)
                {
                    _err.WriteLine($"  {e}");
                }

                exitCode = ExitCodes.InvalidInput;
                return null;
            }

            options = loaded.Options!;
        }

        if (r.GetValue(b.MinCrossBackground) is { } share)
        {
            if (!double.IsFinite(share) || share < 0 || share > 1)
            {
                _err.WriteLine($"error: --min-cross-background {share.ToString(CultureInfo.InvariantCulture)} is not a share; expected 0 to 1, e.g. 0.75.");
                exitCode = ExitCodes.Usage;
                return null;
            }

            options = options with { MinCrossBackgroundShare = share };
        }

        var (batch, rejected) = ReadBatch(r.GetValue(b.Mentors)!, r.GetValue(b.Mentees)!, asOf, sep, skipInvalid, ct);
        if (batch is null)
        {
            exitCode = ExitCodes.InvalidInput;
            return null;
        }

        var locked = new List<LockedPair>();
        var excluded = new List<PairRef>();
        if (r.GetValue(b.Locked) is { } lockedFile)
        {
            locked.AddRange(ReadFile(lockedFile, s => PairsCsv.ReadPairList(s, lockedFile.Name, batch, locked: true, sep), issues)?.Records ?? []);
        }

        if (r.GetValue(b.Excluded) is { } excludedFile)
        {
            excluded.AddRange((ReadFile(excludedFile, s => PairsCsv.ReadPairList(s, excludedFile.Name, batch, locked: false, sep), issues)?.Records ?? [])
                .Select(p => new PairRef(p.MenteeId, p.MentorId)));
        }

        var lockedSet = locked.Select(l => (l.MenteeId, l.MentorId)).ToHashSet();
        foreach (var x in excluded.Where(x => lockedSet.Contains((x.MenteeId, x.MentorId))))
        {
            issues.Add(new CsvIssue(r.GetValue(b.Excluded)!.Name, 0, null, null, $"excludes the pair ({x.MenteeId}, {x.MentorId}), which is also locked; a pair cannot be both."));
        }

        if (issues.Count > 0)
        {
            Report(issues);
            exitCode = ExitCodes.InvalidInput;
            return null;
        }

        return new Inputs(batch with { Locked = locked, Excluded = excluded }, options, rejected);
    }

    private int Match(ParseResult r, BatchOptions b, DirectoryInfo outDir, bool force, bool skipInvalid, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (!force && OutputFolder.Existing(outDir.FullName, MatchOutputs) is { Count: > 0 } existing)
        {
            _err.WriteLine($"error: {outDir.FullName} already holds the results of an earlier run ({string.Join(", ", existing)}). Pass --force to replace them, or choose another --out folder.");
            return ExitCodes.Usage;
        }

        var progress = new ProgressDisplay(_err, ProgressDisplay.IsTerminal(_err));
        progress.Report(new MatchProgress("reading", 0, 0));
        var inputs = LoadInputs(r, b, skipInvalid, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var (batch, options, rejected) = inputs;
        progress.Report(new MatchProgress("candidates", 0, batch.Mentees.Count));
        var result = new Matcher(options).Match(batch, progress, ct);
        progress.Report(new MatchProgress("writing", 0, 0));
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

        files.Add(("summary.json", s => ResultCsv.WriteSummary(s, result, RunRecord(r, b, options, batch.AsOf, [], []))));
        OutputFolder.Write(outDir.FullName, files, ct);
        progress.Done();
        var sum = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        _out.WriteLine(string.Create(inv, $"Matched {sum.Matched} of {sum.Mentees} mentees ({Pct(sum.Matched, sum.Mentees)}) with {sum.Mentors} mentors ({sum.MentorPlaces} places), as of {sum.AsOf:yyyy-MM-dd}."));
        if (sum.LockedPairs > 0)
        {
            _out.WriteLine(string.Create(inv, $"  locked pairs kept:      {sum.LockedPairs}"));
        }

        _out.WriteLine(string.Create(inv, $"  unmet needs matched:    {sum.UnmetNeedsMatched} of {sum.UnmetNeedsMentees} ({Pct(sum.UnmetNeedsMatched, sum.UnmetNeedsMentees)})"));
        _out.WriteLine(string.Create(inv, $"  mean score:             {sum.MeanScore:0.00} / 100"));
        _out.WriteLine(string.Create(inv, $"  cross-background pairs: {sum.CrossBackgroundPairs} ({sum.CrossBackgroundShare:P1})"));
        if (result.Quota is { } q)
        {
            var verdict = q.Feasible
                ? string.Create(inv, $"met ({q.AchievedShare:P1}); score given up {q.ScoreGivenUp / 100.0:0.00} of {q.ScoreWithoutTarget / 100.0:0.00}")
                : string.Create(inv, $"NOT reachable without leaving young people unmatched: the best achievable share is {q.BestAchievableShare:P1}, which this match reaches; score given up {q.ScoreGivenUp / 100.0:0.00}");
            _out.WriteLine(string.Create(inv, $"  target {q.TargetShare:P0} cross-background: {verdict}"));
        }

        _out.WriteLine(string.Create(inv, $"  unmatched mentees:      {sum.UnmatchedMentees}; unused mentor places: {sum.UnusedMentorPlaces} (reasons in unmatched.csv)"));
        _out.WriteLine(string.Create(inv, $"  solver:                 {sum.SolverStatus}; elapsed {clock.Elapsed.TotalSeconds:0.00} s"));
        if (skipInvalid)
        {
            _out.WriteLine(string.Create(inv, $"  rejected input rows:    {rejected.Count} (set aside in rejected.csv, not matched)"));
        }

        if (result.Readiness.Warnings.Count > 0)
        {
            _err.WriteLine(string.Create(inv, $"note: the readiness check found {result.Readiness.Warnings.Count} shortages (in summary.json under \"readiness\"; `validate` prints them)."));
        }

        _out.WriteLine($"Wrote {Path.Combine(outDir.FullName, "matches.csv")}, unmatched.csv, {(skipInvalid ? "rejected.csv, " : string.Empty)}summary.json");
        return ExitCodes.Ok;
    }

    private int Validate(ParseResult pr, BatchOptions b, CancellationToken ct)
    {
        var inputs = LoadInputs(pr, b, skipInvalid: false, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var (batch, options, _) = inputs;
        var inv = CultureInfo.InvariantCulture;
        _out.WriteLine(string.Create(inv, $"OK: {batch.Mentors.Count} mentors and {batch.Mentees.Count} mentees are valid (as of {batch.AsOf:yyyy-MM-dd})."));
        var r = new Matcher(options).Readiness(batch, ct);
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

    private int Explain(ParseResult pr, BatchOptions b, string menteeId, string? mentorId, bool json, int top, CancellationToken ct)
    {
        var inputs = LoadInputs(pr, b, skipInvalid: false, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var (batch, options, _) = inputs;
        if (batch.Mentees.All(m => m.Id != menteeId))
        {
            _err.WriteLine($"error: --mentee '{menteeId}' is not in {pr.GetValue(b.Mentees)!.Name}.");
            return ExitCodes.Usage;
        }

        if (mentorId is not null && batch.Mentors.All(m => m.Id != mentorId))
        {
            _err.WriteLine($"error: --mentor '{mentorId}' is not in {pr.GetValue(b.Mentors)!.Name}.");
            return ExitCodes.Usage;
        }

        var matcher = new Matcher(options);
        var result = matcher.Match(batch, ct);
        var x = matcher.Explain(batch, result, menteeId, mentorId, ct);
        var mentee = batch.Mentees.First(m => m.Id == menteeId);
        if (json)
        {
            using var stdout = new MemoryStream();
            ExplanationWriter.WriteJson(stdout, x, mentee, batch.AsOf, options);
            _out.Write(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        }
        else
        {
            ExplanationWriter.WriteText(_out, x, mentee, batch.AsOf, options, Math.Max(0, top));
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
