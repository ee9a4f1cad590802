using System.CommandLine;
using System.Globalization;
using System.Text;
using MatchEngine.Analytics;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Reports;
using MatchEngine.Solving;

namespace MatchEngine.Cli;

/// <summary>The analyst's commands: <c>evaluate</c>, <c>compare</c>, <c>sweep</c> and <c>report</c>, with tidy, typed and reproducible outputs.</summary>
internal sealed partial class CliApp
{
    private static readonly string[] Formats = ["text", "csv", "json", "parquet"];

    private void AddAnalytics(RootCommand root, CancellationToken ct)
    {
        var force = new Option<bool>("--force") { Description = "Replace the --out file of an earlier run" };
        var format = new Option<string>("--format") { Description = "text (default), csv (long: strategy,metric,group,value), json or parquet (needs --out)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(Formats);
        var outFile = new Option<FileInfo?>("--out") { Description = "Write to this file instead of stdout (required for parquet)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random strategy's first draw (draw i uses seed + i)", DefaultValueFactory = _ => 1 };
        var repeats = new Option<int>("--repeats") { Description = "How many times the random strategy is drawn (mean, sd, min and max are reported)", DefaultValueFactory = _ => 20 };

        // evaluate
        var b = new BatchOptions();
        var matchesIn = new Option<FileInfo[]>("--matches") { Description = "Pairs to evaluate: mentee_id, mentor_id (other columns are ignored). Repeat to put several side by side.", Required = true, AllowMultipleArgumentsPerToken = false };
        var labels = new Option<string[]>("--label") { Description = "A name for each --matches, in the same order (default: the file name)", AllowMultipleArgumentsPerToken = false };
        var evaluate = new Command("evaluate", "Quality figures of any sets of pairs side by side: matched, unmet-needs coverage, scores, cross-background shares, travel, match rate by group, capacity use, rule violations, blocking pairs.")
        {
            matchesIn, labels, format, outFile, force,
        };
        b.AddTo(evaluate);
        evaluate.SetAction(r => Evaluate(r, b, r.GetValue(matchesIn) ?? [], r.GetValue(labels) ?? [], r.GetValue(format)!, r.GetValue(outFile), r.GetValue(force), ct));
        root.Add(evaluate);

        // compare
        var cb = new BatchOptions();
        cb.Mentors.Required = false;
        cb.Mentees.Required = false;
        var pairs = new Option<FileInfo?>("--pairs") { Description = "Compare on your own scores: pairs.csv (mentee_id, mentor_id, score) instead of --mentors/--mentees" };
        var caps = new Option<FileInfo?>("--capacities") { Description = "With --pairs: capacities.csv (mentor_id, capacity; default 1)" };
        var compare = new Command("compare", "Match the same batch five ways (optimal, greedy by score, first come first served, stable matching, random) on the same pair set, all eligible pairs, and compare the figures.")
        {
            seed, repeats, format, outFile, force, pairs, caps,
        };
        cb.AddTo(compare);
        compare.SetAction(r => Compare(r, cb, r.GetValue(pairs), r.GetValue(caps), r.GetValue(seed), r.GetValue(repeats), r.GetValue(format)!, r.GetValue(outFile), r.GetValue(force), ct));
        root.Add(compare);

        // sweep
        var sb = new BatchOptions();
        var grid = new Option<FileInfo>("--policy-grid") { Description = "grid.json: policy fields, each with a list of values, e.g. {\"min_cross_background_share\": [0.75, 0.8, 0.85, 0.9, 0.95]}; every combination is run", Required = true };
        var sweep = new Command("sweep", "Match one batch under several policies (a grid of policy fields) and tabulate what each costs and gains.")
        {
            grid, format, outFile, force,
        };
        sb.AddTo(sweep);
        sweep.SetAction(r => Sweep(r, sb, r.GetValue(grid)!, r.GetValue(format)!, r.GetValue(outFile), r.GetValue(force), ct));
        root.Add(sweep);

        // report
        var rb = new BatchOptions();
        var reportOut = new Option<FileInfo>("--out") { Description = "The HTML file to write", Required = true };
        var reportMatches = new Option<FileInfo?>("--matches") { Description = "Report on these pairs instead of the optimal match" };
        var title = new Option<string>("--title") { Description = "Page title", DefaultValueFactory = _ => "Mentoring match report" };
        var reportGrid = new Option<FileInfo?>("--policy-grid") { Description = "Also run this policy sweep and chart its frontier" };
        var report = new Command("report", "Write one self-contained HTML page with the figures and charts, for a coordinator or a funder.")
        {
            reportOut, reportMatches, title, seed, repeats, reportGrid, force,
        };
        rb.AddTo(report);
        report.SetAction(r => HtmlReportCommand(r, rb, r.GetValue(reportMatches), r.GetValue(reportOut)!, r.GetValue(title)!, r.GetValue(seed), r.GetValue(repeats), r.GetValue(reportGrid), r.GetValue(force), ct));
        root.Add(report);
    }

    /// <summary>The run's record: engine version, as-of date, effective policy and hash, seeds, SHA-256 of each input file.</summary>
    private static RunInfo RunRecord(ParseResult r, BatchOptions? b, MatchOptions options, DateOnly? asOf, IEnumerable<RunSeed> seeds, IEnumerable<(string Role, FileInfo File)> extra)
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

    private int Evaluate(ParseResult pr, BatchOptions b, FileInfo[] matchesFiles, string[] labels, string format, FileInfo? outFile, bool force, CancellationToken ct)
    {
        if (labels.Length > 0 && labels.Length != matchesFiles.Length)
        {
            _err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {labels.Length} --label for {matchesFiles.Length} --matches; give one label per --matches, in the same order, or none."));
            return ExitCodes.Usage;
        }

        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Length)
        {
            _err.WriteLine("error: each --label must be different.");
            return ExitCodes.Usage;
        }

        if (CheckOut(format, outFile, force) is { } bad)
        {
            return bad;
        }

        var inputs = LoadInputs(pr, b, skipInvalid: false, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var (batch, options, _) = inputs;
        var plain = batch with { Locked = [] };
        var issues = new List<CsvIssue>();
        var sets = new List<(string Label, List<PairRef> Pairs)>();
        for (var i = 0; i < matchesFiles.Length; i++)
        {
            var f = matchesFiles[i];
            var read = ReadFile(f, s => PairsCsv.ReadPairsToEvaluate(s, f.Name, plain, null), issues);
            sets.Add((labels.Length > 0 ? labels[i] : f.Name, read?.Records.Select(p => new PairRef(p.MenteeId, p.MentorId)).ToList() ?? []));
        }

        if (issues.Count > 0)
        {
            Report(issues);
            return ExitCodes.InvalidInput;
        }

        var reports = Metrics.EvaluateEach(plain, [.. sets.Select(s => (IReadOnlyList<PairRef>)s.Pairs)], options, ct);
        var rows = sets.Zip(reports).SelectMany(x => Tidy.Rows(x.First.Label, x.Second, null)).ToList();
        var run = RunRecord(pr, b, options, batch.AsOf, [], matchesFiles.Select(f => ("matches", f)));
        return WriteTidy(format, outFile, rows, run, ct);
    }

    private int Compare(ParseResult pr, BatchOptions b, FileInfo? pairsFile, FileInfo? capsFile, int seed, int repeats, string format, FileInfo? outFile, bool force, CancellationToken ct)
    {
        if (repeats < 1 || repeats > 10_000)
        {
            _err.WriteLine("error: --repeats must be between 1 and 10,000.");
            return ExitCodes.Usage;
        }

        if (CheckOut(format, outFile, force) is { } bad)
        {
            return bad;
        }

        var settings = new StrategyComparisonSettings { Seed = seed, RandomRepeats = repeats };
        RunSeed[] seeds = [new("random_first_seed", seed), new("random_repeats", repeats)];
        if (pairsFile is not null)
        {
            if (pr.GetValue(b.Mentors) is not null || pr.GetValue(b.Mentees) is not null)
            {
                _err.WriteLine("error: give either --pairs (your own scores) or --mentors and --mentees, not both.");
                return ExitCodes.Usage;
            }

            if (!TryOptions(null, pr.GetValue(b.Delimiter), out _, out var sep))
            {
                return ExitCodes.Usage;
            }

            var issues = new List<CsvIssue>();
            var pairs = ReadFile(pairsFile, s => PairsCsv.ReadPairs(s, pairsFile.Name, sep), issues);
            Dictionary<string, int>? capacities = null;
            if (capsFile is not null)
            {
                capacities = ReadFile(capsFile, s => PairsCsv.ReadCapacities(s, capsFile.Name, sep), issues)?.Records.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            }

            if (pairs is null || issues.Count > 0)
            {
                Report(issues);
                return ExitCodes.InvalidInput;
            }

            var scored = StrategyComparison.Run(pairs.Records, capacities, settings, ct);
            List<(string, FileInfo)> files = [("pairs", pairsFile)];
            if (capsFile is not null)
            {
                files.Add(("capacities", capsFile));
            }

            return WriteTidy(format, outFile, Tidy.Rows(scored), RunRecord(pr, null, MatchOptions.Default, null, seeds, files) with { Policy = [], PolicySha256 = "none (own scores)" }, ct);
        }

        if (capsFile is not null)
        {
            _err.WriteLine("error: --capacities goes with --pairs; with --mentors and --mentees the capacities are in mentors.csv.");
            return ExitCodes.Usage;
        }

        if (pr.GetValue(b.Mentors) is null || pr.GetValue(b.Mentees) is null)
        {
            _err.WriteLine("error: compare needs --mentors and --mentees (or --pairs for your own scores).");
            return ExitCodes.Usage;
        }

        var inputs = LoadInputs(pr, b, skipInvalid: false, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var results = StrategyComparison.Run(inputs.Batch, settings, inputs.Options, ct);
        return WriteTidy(format, outFile, Tidy.Rows(results), RunRecord(pr, b, inputs.Options, inputs.Batch.AsOf, seeds, []), ct);
    }

    private int Sweep(ParseResult pr, BatchOptions b, FileInfo gridFile, string format, FileInfo? outFile, bool force, CancellationToken ct)
    {
        if (CheckOut(format, outFile, force) is { } bad)
        {
            return bad;
        }

        var inputs = LoadInputs(pr, b, skipInvalid: false, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var points = LoadGrid(gridFile, inputs.Options);
        if (points is null)
        {
            return ExitCodes.InvalidInput;
        }

        var results = PolicySweep.Run(inputs.Batch, points, ct);
        var run = RunRecord(pr, b, inputs.Options, inputs.Batch.AsOf, [], [("policy_grid", gridFile)]);
        var rows = PolicySweep.Rows(results);
        if (format == "text")
        {
            var w = new StringWriter { NewLine = "\n" };
            SweepWriter.WriteText(w, results, run);
            return Emit(outFile, w.ToString(), ct);
        }

        return WriteTidy(format, outFile, rows, run, ct);
    }

    private IReadOnlyList<SweepPoint>? LoadGrid(FileInfo gridFile, MatchOptions options)
    {
        if (!gridFile.Exists)
        {
            _err.WriteLine($"error: {gridFile}: does not exist.");
            return null;
        }

        using var gs = gridFile.OpenRead();
        var grid = PolicySweep.LoadGrid(gs, gridFile.Name, options);
        if (!grid.IsValid)
        {
            _err.WriteLine(grid.Errors.Count == 1 ? "error: the policy grid has 1 error; nothing was written." : $"error: the policy grid has {grid.Errors.Count} errors; nothing was written.");
            foreach (var e in grid.Errors)
            {
                _err.WriteLine($"  {e}");
            }

            return null;
        }

        return grid.Points;
    }

    private int HtmlReportCommand(ParseResult pr, BatchOptions b, FileInfo? matchesFile, FileInfo outFile, string title, int seed, int repeats, FileInfo? gridFile, bool force, CancellationToken ct)
    {
        if (!force && outFile.Exists)
        {
            _err.WriteLine($"error: {outFile.FullName} already exists. Pass --force to replace it.");
            return ExitCodes.Usage;
        }

        if (repeats < 1 || repeats > 10_000)
        {
            _err.WriteLine("error: --repeats must be between 1 and 10,000.");
            return ExitCodes.Usage;
        }

        var inputs = LoadInputs(pr, b, skipInvalid: false, ct, out var code);
        if (inputs is null)
        {
            return code;
        }

        var (batch, options, _) = inputs;
        var plain = batch with { Locked = [] };
        IReadOnlyList<SweepPoint>? points = null;
        if (gridFile is not null && (points = LoadGrid(gridFile, options)) is null)
        {
            return ExitCodes.InvalidInput;
        }

        var comparison = StrategyComparison.Run(plain, new StrategyComparisonSettings { Seed = seed, RandomRepeats = repeats }, options, ct);
        QualityReport main;
        IReadOnlyList<UnmatchedEntry> unmatched = [];
        if (matchesFile is not null)
        {
            var issues = new List<CsvIssue>();
            var pairs = ReadFile(matchesFile, s => PairsCsv.ReadPairsToEvaluate(s, matchesFile.Name, plain, null), issues);
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
            unmatched = new Matcher(options).Match(plain, ct).Unmatched;
        }

        var sweep = points is null ? null : PolicySweep.Run(batch, points, ct);
        List<(string, FileInfo)> extra = [];
        if (matchesFile is not null)
        {
            extra.Add(("matches", matchesFile));
        }

        if (gridFile is not null)
        {
            extra.Add(("policy_grid", gridFile));
        }

        var run = RunRecord(pr, b, options, batch.AsOf, [new("random_first_seed", seed), new("random_repeats", repeats)], extra);
        var dir = outFile.Directory?.FullName ?? Directory.GetCurrentDirectory();
        OutputFolder.Write(dir, [(outFile.Name, s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            HtmlReport.Write(w, new HtmlReportContent
            {
                Title = title,
                AsOf = batch.AsOf,
                Main = main,
                Comparison = comparison,
                Unmatched = unmatched,
                Sweep = sweep,
                Run = run,
            });
        })], ct);
        _out.WriteLine($"Wrote {outFile.FullName}");
        return ExitCodes.Ok;
    }

    private int? CheckOut(string format, FileInfo? outFile, bool force)
    {
        if (format == "parquet" && outFile is null)
        {
            _err.WriteLine("error: --format parquet writes a file; give --out FILE.parquet.");
            return ExitCodes.Usage;
        }

        if (outFile is not null && outFile.Exists && !force)
        {
            _err.WriteLine($"error: {outFile.FullName} already exists. Pass --force to replace it.");
            return ExitCodes.Usage;
        }

        return null;
    }

    private int WriteTidy(string format, FileInfo? outFile, IReadOnlyList<TidyRow> rows, RunInfo run, CancellationToken ct)
    {
        switch (format)
        {
            case "parquet":
                OutputFolder.Write(outFile!.Directory?.FullName ?? Directory.GetCurrentDirectory(), [(outFile.Name, s => TidyParquet.Write(s, rows, run, ct))], ct);
                _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {outFile.FullName} ({rows.Count} rows; columns strategy, metric, group, value; the run's record in the file's metadata 'matchengine.run' and as rows of strategy 'run')"));
                return ExitCodes.Ok;
            case "csv":
                {
                    var w = new StringWriter { NewLine = "\n" };
                    QualityWriter.WriteCsv(w, rows, run);
                    return Emit(outFile, w.ToString(), ct);
                }

            case "json":
                {
                    using var ms = new MemoryStream();
                    QualityWriter.WriteJson(ms, rows, run);
                    return Emit(outFile, Encoding.UTF8.GetString(ms.ToArray()), ct);
                }

            default:
                {
                    var w = new StringWriter { NewLine = "\n" };
                    QualityWriter.WriteText(w, rows, run);
                    return Emit(outFile, w.ToString(), ct);
                }
        }
    }

    private int Emit(FileInfo? outFile, string text, CancellationToken ct)
    {
        if (outFile is null)
        {
            _out.Write(text);
            return ExitCodes.Ok;
        }

        OutputFolder.Write(outFile.Directory?.FullName ?? Directory.GetCurrentDirectory(), [(outFile.Name, s =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(text);
            s.Write(bytes);
        })], ct);
        _out.WriteLine($"Wrote {outFile.FullName}");
        return ExitCodes.Ok;
    }
}
