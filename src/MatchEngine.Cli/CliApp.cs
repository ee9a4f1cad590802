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
internal sealed class CliApp
{
    private const int MaxListed = 200;
    private static readonly string[] MatchOutputs = ["matches.csv", "unmatched.csv", "per-mentor.csv", "summary.json", "rejected.csv", "matches.xlsx"];

    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly TimeProvider _time;
    private readonly Option<bool> _quietOption = new("--quiet", "-q") { Description = "Print only errors: no progress, notes, warnings or summary", Recursive = true };
    private bool _quiet;

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
            var parsed = root.Parse(args);
            _quiet = parsed.GetValue(_quietOption);
            return parsed.Invoke(new InvocationConfiguration { Output = _out, Error = _err, EnableDefaultExceptionHandler = false });
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
        public Option<FileInfo> Mentors { get; } = new("--mentors") { Description = "The mentors: a .csv (see the CSV contract in the README) or an .xlsx workbook", Required = true, HelpName = "FILE" };

        public Option<FileInfo> Mentees { get; } = new("--mentees") { Description = "The young people: a .csv or an .xlsx workbook", Required = true, HelpName = "FILE" };

        public Option<string?> AsOf { get; } = new("--as-of") { Description = "Date ages are computed on, YYYY-MM-DD (default: today)", HelpName = "DATE" };

        public Option<string?> Delimiter { get; } = new("--delimiter") { Description = "Field separator of CSV input files: ',', ';' or 'tab' (default: detected)", HelpName = "SEP" };

        public Option<string> DateFormat { get; } = new("--date-format") { Description = "How dates are written in the files: yyyy-MM-dd (default), dd/MM/yyyy, d/M/yyyy or MM/dd/yyyy (cells Excel stores as dates are read as dates)", HelpName = "FORMAT", DefaultValueFactory = _ => DateFormats.Iso };

        public Option<string?> Sheet { get; } = new("--sheet") { Description = "The sheet of an .xlsx input to read (default: the first)", HelpName = "NAME" };

        public Option<FileInfo?> Columns { get; } = new("--columns") { Description = "map.json renaming headers to columns, e.g. {\"Geburtsdatum\": \"birth_date\"}", HelpName = "FILE" };

        public Option<string?> Carry { get; } = new("--carry") { Description = "Extra columns to copy into the outputs, e.g. first_name,last_name,email (personal data: never used for matching, never printed)", HelpName = "COLUMNS" };

        public Option<FileInfo?> Policy { get; } = new("--policy") { Description = "policy.json: weights, travel limits, ages, safeguarding, objective, targets (see `matchengine policy`)", HelpName = "FILE" };

        public Option<FileInfo?> Locked { get; } = new("--locked") { Description = "Pairs already running (mentee_id, mentor_id[, mode]); a previous matches.csv works as it is", HelpName = "FILE" };

        public Option<FileInfo?> Excluded { get; } = new("--excluded") { Description = "Pairs never to make (mentee_id, mentor_id)", HelpName = "FILE" };

        public Option<double?> MinCrossBackground { get; } = new("--min-cross-background") { Description = "Least share of cross-background pairs, e.g. 0.75 (overrides the policy file)", HelpName = "SHARE" };

        public void AddTo(Command c)
        {
            c.Add(Mentors);
            c.Add(Mentees);
            c.Add(AsOf);
            c.Add(Delimiter);
            c.Add(DateFormat);
            c.Add(Sheet);
            c.Add(Columns);
            c.Add(Carry);
            c.Add(Policy);
            c.Add(Locked);
            c.Add(Excluded);
            c.Add(MinCrossBackground);
        }
    }

    private sealed record Inputs(MatchBatch Batch, MatchOptions Options, List<RejectedRow> Rejected)
    {
        public CarriedColumns MentorCarry { get; init; } = CarriedColumns.None;

        public CarriedColumns MenteeCarry { get; init; } = CarriedColumns.None;
    }

    private RootCommand Build(CancellationToken ct)
    {
        var root = new RootCommand("MatchEngine: optimal mentor–mentee matching for youth mentoring programmes.");
        root.Add(_quietOption);
        HelpText.Install(root);
        var outDir = new Option<DirectoryInfo>("--out", "-o") { Description = "Folder for the output files", Required = true, HelpName = "DIR" };
        var force = new Option<bool>("--force") { Description = "Replace the results of an earlier run in the --out folder" };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Set invalid rows aside in rejected.csv and match the rest, instead of stopping" };
        var delimiter = new Option<string?>("--delimiter") { Description = "Field separator of the input files: ',', ';' or 'tab' (default: detected)", HelpName = "SEP" };
        var outFormat = new Option<string>("--format") { Description = "csv (default): matches.csv, unmatched.csv, per-mentor.csv; xlsx: one workbook matches.xlsx; both", HelpName = "csv|xlsx|both", DefaultValueFactory = _ => "csv" };
        outFormat.AcceptOnlyFromAmong("csv", "xlsx", "both");
        var excel = new Option<bool>("--excel") { Description = "Write the CSV files for Excel on Windows: UTF-8 with a byte-order mark, CRLF line ends" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the input and print the readiness check and the files a run would write; write nothing" };

        var b = new BatchOptions();
        var match = new Command("match", "Match mentors and mentees optimally; writes matches.csv, unmatched.csv, per-mentor.csv and summary.json.") { outDir, force, skipInvalid, outFormat, excel, dryRun };
        b.AddTo(match);
        match.SetAction(r => Match(r, b, r.GetValue(outDir)!, r.GetValue(force), r.GetValue(skipInvalid), new MatchWrite(r.GetValue(outFormat)!, r.GetValue(excel), r.GetValue(dryRun)), ct));
        root.Add(match);

        var validate = new Command("validate", "Check the input files and list every error (exit 2 when there are any); when valid, print the readiness check.");
        b.AddTo(validate);
        validate.SetAction(r => Validate(r, b, ct));
        root.Add(validate);

        var menteeId = new Option<string>("--mentee") { Description = "The mentee to explain", Required = true, HelpName = "ID" };
        var mentorId = new Option<string?>("--mentor") { Description = "A mentor to look at closely", HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "Write the explanation as JSON" };
        var top = new Option<int>("--top") { Description = "How many alternatives to show", DefaultValueFactory = _ => 5, HelpName = "N" };
        var explain = new Command("explain", "Why a mentee got the mentor they got (or none): the score breakdown, the best alternatives, and the rule that excluded each other mentor.")
        {
            menteeId, mentorId, json, top,
        };
        b.AddTo(explain);
        explain.SetAction(r => Explain(r, b, r.GetValue(menteeId)!, r.GetValue(mentorId), r.GetValue(json), r.GetValue(top), ct));
        root.Add(explain);

        var pairs = new Option<FileInfo>("--pairs") { Description = "pairs.csv: mentee_id, mentor_id, score (pairs not listed are not allowed)", Required = true, HelpName = "FILE" };
        var caps = new Option<FileInfo?>("--capacities") { Description = "capacities.csv: mentor_id, capacity (default 1 for every mentor)", HelpName = "FILE" };
        var solveForce = new Option<bool>("--force") { Description = "Replace matches.csv of an earlier run in the --out folder" };
        var solve = new Command("solve", "Bring your own scores: choose the pairs that match the most mentees, then maximise the total score.")
        {
            pairs, caps, outDir, delimiter, solveForce,
        };
        solve.SetAction(r => Solve(r.GetValue(pairs)!, r.GetValue(caps), r.GetValue(outDir)!, r.GetValue(delimiter), r.GetValue(solveForce), ct));
        root.Add(solve);

        var mentorCount = new Option<int?>("--mentor-count") { Description = "Number of mentors (default 1000)", HelpName = "N" };
        var menteeCount = new Option<int?>("--mentee-count") { Description = "Number of mentees (default 1000)", HelpName = "N" };
        var oldMentorCount = new Option<int?>("--mentors") { Description = "Old name of --mentor-count", Hidden = true };
        var oldMenteeCount = new Option<int?>("--mentees") { Description = "Old name of --mentee-count", Hidden = true };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same files", DefaultValueFactory = _ => 1, HelpName = "N" };
        var genAsOf = new Option<string?>("--as-of") { Description = "Date the ages are drawn around (default 2026-09-01)", HelpName = "DATE" };
        var genForce = new Option<bool>("--force") { Description = "Replace mentors.csv and mentees.csv in the --out folder" };
        var generate = new Command("generate", "Write a synthetic batch shaped like the programme (mentors.csv, mentees.csv) for trials and benchmarks.")
        {
            mentorCount, menteeCount, oldMentorCount, oldMenteeCount, seed, outDir, genAsOf, genForce,
        };
        generate.SetAction(r => Generate(
            r.GetValue(mentorCount) ?? r.GetValue(oldMentorCount) ?? 1000, r.GetValue(menteeCount) ?? r.GetValue(oldMenteeCount) ?? 1000,
            r.GetValue(seed), r.GetValue(outDir)!, r.GetValue(genAsOf), r.GetValue(genForce), ct));
        root.Add(generate);

        var matchesIn = new Option<FileInfo>("--matches") { Description = "The pairs to evaluate: mentee_id, mentor_id (a matches.csv, or pairs made by hand or another tool)", Required = true, HelpName = "FILE" };
        var format = new Option<string>("--format") { Description = "text (default), csv or json", DefaultValueFactory = _ => "text", HelpName = "text|csv|json" };
        format.AcceptOnlyFromAmong("text", "csv", "json");
        var evaluate = new Command("evaluate", "Quality figures of any set of pairs: matched, unmet-needs coverage, scores, cross-background shares, travel, match rate by group, capacity use, rule violations, blocking pairs.")
        {
            matchesIn, format,
        };
        b.AddTo(evaluate);
        evaluate.SetAction(r => Evaluate(r, b, r.GetValue(matchesIn)!, r.GetValue(format)!, ct));
        root.Add(evaluate);

        var cmpSeed = new Option<int>("--seed") { Description = "Seed of the random strategy", DefaultValueFactory = _ => 1, HelpName = "N" };
        var compare = new Command("compare", "Match the same batch five ways (optimal, greedy by score, first come first served, stable matching, random) and compare the figures side by side.")
        {
            cmpSeed, format,
        };
        b.AddTo(compare);
        compare.SetAction(r => Compare(r, b, r.GetValue(cmpSeed), r.GetValue(format)!, ct));
        root.Add(compare);

        var reportOut = new Option<FileInfo>("--out", "-o") { Description = "The HTML file to write", Required = true, HelpName = "FILE" };
        var reportMatches = new Option<FileInfo?>("--matches") { Description = "Report on these pairs instead of the optimal match", HelpName = "FILE" };
        var title = new Option<string>("--title") { Description = "Page title", DefaultValueFactory = _ => "Mentoring match report", HelpName = "TEXT" };
        var reportForce = new Option<bool>("--force") { Description = "Replace the --out file if it exists" };
        var report = new Command("report", "Write one self-contained HTML page with the figures and charts, for a coordinator or a funder.")
        {
            reportOut, reportMatches, title, cmpSeed, reportForce,
        };
        b.AddTo(report);
        report.SetAction(r => HtmlReportCommand(r, b, r.GetValue(reportMatches), r.GetValue(reportOut)!, r.GetValue(title)!, r.GetValue(cmpSeed), r.GetValue(reportForce), ct));
        root.Add(report);

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
        var readOptions = InputOptions.Read(r.GetValue(b.DateFormat), r.GetValue(b.Sheet), r.GetValue(b.Columns), r.GetValue(b.Carry), sep, _err, out exitCode);
        if (readOptions is null)
        {
            return null;
        }

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

        var (batch, rejected, mentorCarry, menteeCarry) = ReadBatch(r.GetValue(b.Mentors)!, r.GetValue(b.Mentees)!, asOf, readOptions, skipInvalid, ct);
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

        return new Inputs(batch with { Locked = locked, Excluded = excluded }, options, rejected) { MentorCarry = mentorCarry, MenteeCarry = menteeCarry };
    }

    /// <summary>What <c>match</c> writes: the format (csv, xlsx or both), CSV for Excel, or nothing (dry run).</summary>
    private sealed record MatchWrite(string Format, bool Excel, bool DryRun)
    {
        public bool Csv => Format is "csv" or "both";

        public bool Xlsx => Format is "xlsx" or "both";

        public IReadOnlyList<string> Names(bool skipInvalid) =>
        [
            .. Csv ? (string[])["matches.csv", "unmatched.csv", "per-mentor.csv", .. skipInvalid ? (string[])["rejected.csv"] : []] : [],
            .. Xlsx ? (string[])["matches.xlsx"] : [],
            "summary.json",
        ];
    }

    private int Match(ParseResult r, BatchOptions b, DirectoryInfo outDir, bool force, bool skipInvalid, MatchWrite write, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (!force && OutputFolder.Existing(outDir.FullName, MatchOutputs) is { Count: > 0 } existing)
        {
            _err.WriteLine($"error: {outDir.FullName} already holds the results of an earlier run ({string.Join(", ", existing)}). Pass --force to replace them, or choose another --out folder.");
            return ExitCodes.Usage;
        }

        var progress = new ProgressDisplay(_quiet ? TextWriter.Null : _err, !_quiet && ProgressDisplay.IsTerminal(_err));
        progress.Report(new MatchProgress("reading", 0, 0));
        var inputs = LoadInputs(r, b, skipInvalid, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var (batch, options, rejected) = inputs;
        if (write.DryRun)
        {
            progress.Done();
            return DryRun(inputs, outDir, write.Names(skipInvalid), ct);
        }

        progress.Report(new MatchProgress("candidates", 0, batch.Mentees.Count));
        var result = new Matcher(options).Match(batch, progress, ct);
        progress.Report(new MatchProgress("writing", 0, 0));
        result = result with { Summary = result.Summary with { RejectedRows = rejected.Count } };
        var (mentorCarry, menteeCarry) = (inputs.MentorCarry, inputs.MenteeCarry);
        var carrying = mentorCarry.Names.Count + menteeCarry.Names.Count > 0;
        var files = new List<(string, Action<Stream>)>();
        if (write.Csv)
        {
            files.Add(("matches.csv", ExcelCsvStream.Wrap(carrying ? s => MailMerge.WriteMatches(s, result.Pairs, mentorCarry, menteeCarry) : s => ResultCsv.WriteMatches(s, result.Pairs), write.Excel)));
            files.Add(("unmatched.csv", ExcelCsvStream.Wrap(carrying ? s => MailMerge.WriteUnmatched(s, result.Unmatched, mentorCarry, menteeCarry) : s => ResultCsv.WriteUnmatched(s, result.Unmatched), write.Excel)));
            files.Add(("per-mentor.csv", ExcelCsvStream.Wrap(s => MailMerge.WritePerMentor(s, result.Pairs, mentorCarry, menteeCarry), write.Excel)));
            if (skipInvalid)
            {
                files.Add(("rejected.csv", ExcelCsvStream.Wrap(s => ResultCsv.WriteRejected(s, rejected), write.Excel)));
            }
        }

        if (write.Xlsx)
        {
            files.Add(("matches.xlsx", s => WorkbookWriter.Write(s, result, mentorCarry, menteeCarry, skipInvalid ? rejected : null)));
        }

        files.Add(("summary.json", s => ResultCsv.WriteSummary(s, result)));
        OutputFolder.Write(outDir.FullName, files, ct);
        progress.Done();
        var sum = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        var status = Status;
        status.WriteLine(string.Create(inv, $"Matched {sum.Matched} of {Plural(sum.Mentees, "mentee")} ({Pct(sum.Matched, sum.Mentees)}) with {Plural(sum.Mentors, "mentor")} ({Plural(sum.MentorPlaces, "place")}), as of {sum.AsOf:yyyy-MM-dd}."));
        if (sum.LockedPairs > 0)
        {
            status.WriteLine(string.Create(inv, $"  locked pairs kept:      {sum.LockedPairs}"));
        }

        status.WriteLine(string.Create(inv, $"  unmet needs matched:    {sum.UnmetNeedsMatched} of {sum.UnmetNeedsMentees} ({Pct(sum.UnmetNeedsMatched, sum.UnmetNeedsMentees)})"));
        status.WriteLine(string.Create(inv, $"  mean score:             {sum.MeanScore:0.00} / 100"));
        status.WriteLine(string.Create(inv, $"  cross-background pairs: {sum.CrossBackgroundPairs} ({sum.CrossBackgroundShare:P1})"));
        if (result.Quota is { } q)
        {
            var verdict = q.Feasible
                ? string.Create(inv, $"met ({q.AchievedShare:P1}); score given up {q.ScoreGivenUp / 100.0:0.00} of {q.ScoreWithoutTarget / 100.0:0.00}")
                : string.Create(inv, $"NOT reachable without leaving young people unmatched: the best achievable share is {q.BestAchievableShare:P1}, which this match reaches; score given up {q.ScoreGivenUp / 100.0:0.00}");
            status.WriteLine(string.Create(inv, $"  target {q.TargetShare:P0} cross-background: {verdict}"));
        }

        status.WriteLine(string.Create(inv, $"  unmatched mentees:      {sum.UnmatchedMentees}; unused mentor places: {sum.UnusedMentorPlaces} (reasons in unmatched.csv)"));
        status.WriteLine(string.Create(inv, $"  solver:                 {sum.SolverStatus}; elapsed {clock.Elapsed.TotalSeconds:0.00} s"));
        if (skipInvalid)
        {
            status.WriteLine(string.Create(inv, $"  rejected input rows:    {rejected.Count} (set aside in rejected.csv, not matched)"));
        }

        if (result.Readiness.Warnings.Count > 0)
        {
            if (!_quiet)
            {
                _err.WriteLine(string.Create(inv, $"note: the readiness check found {Plural(result.Readiness.Warnings.Count, "shortage")} (in summary.json under \"readiness\"; `validate` prints them)."));
            }
        }

        var names = write.Names(skipInvalid);
        status.WriteLine($"Wrote {Path.Combine(outDir.FullName, names[0])}, {string.Join(", ", names.Skip(1))}");
        return ExitCodes.Ok;
    }

    /// <summary><c>match --dry-run</c>: the input is valid; print the readiness check and what a run would write.</summary>
    private int DryRun(Inputs inputs, DirectoryInfo outDir, IReadOnlyList<string> names, CancellationToken ct)
    {
        var batch = inputs.Batch;
        var status = Status;
        status.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Dry run: {Plural(batch.Mentors.Count, "mentor")} and {Plural(batch.Mentees.Count, "mentee")} are valid (as of {batch.AsOf:yyyy-MM-dd}); nothing was written."));
        PrintReadiness(status, batch, inputs.Options, ct);
        status.WriteLine();
        status.WriteLine($"A run would write to {outDir.FullName}:");
        foreach (var n in names)
        {
            status.WriteLine($"  {n}{(File.Exists(Path.Combine(outDir.FullName, n)) ? " (replacing the earlier one)" : string.Empty)}");
        }

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
        Status.WriteLine(string.Create(inv, $"OK: {Plural(batch.Mentors.Count, "mentor")} and {Plural(batch.Mentees.Count, "mentee")} are valid (as of {batch.AsOf:yyyy-MM-dd})."));
        PrintReadiness(Status, batch, options, ct);
        return ExitCodes.Ok;
    }

    private static void PrintReadiness(TextWriter output, MatchBatch batch, MatchOptions options, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var r = new Matcher(options).Readiness(batch, ct);
        output.WriteLine();
        output.WriteLine("Readiness (young people who can take part / places of mentors who can take part):");
        foreach (var (title, rows) in new[] { ("by region", r.ByRegion), ("by meeting mode", r.ByMode), ("safeguarding", (IReadOnlyList<CapacityRow>)[r.Under18]) })
        {
            output.WriteLine($"  {title}:");
            foreach (var row in rows)
            {
                output.WriteLine(string.Create(inv, $"    {row.Group,-26} {row.Mentees,6} young people  {row.MentorPlaces,6} places{(row.IsShort ? "   SHORT" : string.Empty)}"));
            }
        }

        if (r.Unmatchable.Count > 0)
        {
            output.WriteLine(string.Create(inv, $"  no possible partner in this batch ({r.Unmatchable.Count}):"));
            foreach (var u in r.Unmatchable.Take(MaxListed))
            {
                output.WriteLine($"    {(u.Role == PersonRole.Mentee ? "mentee" : "mentor")} {u.Id}: {u.Reason}");
            }

            if (r.Unmatchable.Count > MaxListed)
            {
                output.WriteLine(string.Create(inv, $"    ... and {r.Unmatchable.Count - MaxListed} more (all are in summary.json after match)."));
            }
        }

        foreach (var w in r.Warnings)
        {
            output.WriteLine($"  note: {w}");
        }
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

    private int Evaluate(ParseResult pr, BatchOptions b, FileInfo matchesFile, string format, CancellationToken ct)
    {
        var inputs = LoadInputs(pr, b, skipInvalid: false, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var (batch, options, _) = inputs;
        var issues = new List<CsvIssue>();
        var pairs = ReadFile(matchesFile, s => PairsCsv.ReadPairList(s, matchesFile.Name, batch with { Locked = [] }, locked: false), issues);
        if (pairs is null || issues.Count > 0)
        {
            Report(issues);
            return ExitCodes.InvalidInput;
        }

        var q = Metrics.Evaluate(batch with { Locked = [] }, pairs.Records.Select(p => new PairRef(p.MenteeId, p.MentorId)), options, ct);
        return WriteQuality(format, [(matchesFile.Name, q, null)]);
    }

    private int Compare(ParseResult pr, BatchOptions b, int seed, string format, CancellationToken ct)
    {
        var inputs = LoadInputs(pr, b, skipInvalid: false, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var results = StrategyComparison.Run(inputs.Batch, null, seed, inputs.Options, ct);
        return WriteQuality(format, [.. results.Select(r => (HtmlReport.Name(r.Strategy), r.Quality, (TimeSpan?)r.Elapsed))]);
    }

    private int WriteQuality(string format, IReadOnlyList<(string, Analytics.QualityReport, TimeSpan?)> columns)
    {
        switch (format)
        {
            case "csv":
                QualityWriter.WriteCsv(_out, columns);
                break;
            case "json":
                using (var ms = new MemoryStream())
                {
                    QualityWriter.WriteJson(ms, columns);
                    _out.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
                }

                break;
            default:
                QualityWriter.WriteText(_out, columns);
                break;
        }

        return ExitCodes.Ok;
    }

    private int HtmlReportCommand(ParseResult pr, BatchOptions b, FileInfo? matchesFile, FileInfo outFile, string title, int seed, bool force, CancellationToken ct)
    {
        if (!force && outFile.Exists)
        {
            _err.WriteLine($"error: {outFile.FullName} already exists. Pass --force to replace it.");
            return ExitCodes.Usage;
        }

        var inputs = LoadInputs(pr, b, skipInvalid: false, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var (batch, options, _) = inputs;
        var plain = batch with { Locked = [] };
        var comparison = StrategyComparison.Run(plain, null, seed, options, ct);
        Analytics.QualityReport main;
        if (matchesFile is not null)
        {
            var issues = new List<CsvIssue>();
            var pairs = ReadFile(matchesFile, s => PairsCsv.ReadPairList(s, matchesFile.Name, plain, locked: false), issues);
            if (pairs is null || issues.Count > 0)
            {
                Report(issues);
                return ExitCodes.InvalidInput;
            }

            main = Metrics.Evaluate(plain, pairs.Records.Select(p => new PairRef(p.MenteeId, p.MentorId)), options, ct);
        }
        else
        {
            main = comparison.First(c => c.Strategy == Strategy.Optimal).Quality;
        }

        var dir = outFile.Directory?.FullName ?? Directory.GetCurrentDirectory();
        OutputFolder.Write(dir, [(outFile.Name, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            HtmlReport.Write(w, title, batch.AsOf, main, comparison);
        })], ct);
        Status.WriteLine($"Wrote {outFile.FullName}");
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
        Status.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Matched {solution.Pairs.Count} of {Plural(solution.Mentees, "mentee")}; total score {solution.TotalScore}; optimal; elapsed {clock.Elapsed.TotalSeconds:0.00} s"));
        Status.WriteLine($"Wrote {Path.Combine(outDir.FullName, "matches.csv")}");
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
            _err.WriteLine("error: --mentor-count and --mentee-count must be between 0 and 10,000,000.");
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
        Status.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {Plural(mentors, "mentor")} and {Plural(mentees, "mentee")} (seed {seed}, ages as of {asOf:yyyy-MM-dd}) to {outDir.FullName}"));
        return ExitCodes.Ok;
    }

    private (MatchBatch? Batch, List<RejectedRow> Rejected, CarriedColumns MentorCarry, CarriedColumns MenteeCarry) ReadBatch(
        FileInfo mentorsFile, FileInfo menteesFile, DateOnly asOf, BatchReadOptions readOptions, bool skipInvalid, CancellationToken ct)
    {
        var issues = new List<CsvIssue>();
        var mentors = ReadFile(mentorsFile, s => BatchFiles.ReadMentors(s, mentorsFile.Name, asOf, readOptions), issues);
        ct.ThrowIfCancellationRequested();
        var mentees = ReadFile(menteesFile, s => BatchFiles.ReadMentees(s, menteesFile.Name, asOf, readOptions), issues);
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
                Warn(string.Create(CultureInfo.InvariantCulture, $"{Plural(rejected.Count, "invalid row")} set aside in rejected.csv ({Plural(rowIssues.Count, "error")}); matching the rest."));
            }
        }

        if (mentors is null || mentees is null || issues.Count > 0)
        {
            Report(issues);
            return (null, rejected, CarriedColumns.None, CarriedColumns.None);
        }

        return (new MatchBatch(mentors.Records, mentees.Records, asOf), rejected, mentors.Carried, mentees.Carried);
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
                Warn(w.ToString());
            }

            foreach (var n in result.Notices)
            {
                if (!_quiet)
                {
                    _err.WriteLine($"note: {n}");
                }
            }

            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            issues.Add(new CsvIssue(file.ToString(), 0, null, null, $"cannot be read: {e.Message}"));
            return null;
        }
    }

    private void Report(List<CsvIssue> issues) => IssueReport.Write(_err, issues);

    /// <summary>Status lines on stdout (summaries, "Wrote ..."): silent with --quiet. Data (explain, evaluate, compare, policy) is always written.</summary>
    private TextWriter Status => _quiet ? TextWriter.Null : _out;

    private void Warn(string message)
    {
        if (!_quiet)
        {
            _err.WriteLine($"warning: {message}");
        }
    }

    /// <summary>"1 mentee", "2 mentees".</summary>
    internal static string Plural(int n, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? singular : plural ?? singular + "s")}");

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
