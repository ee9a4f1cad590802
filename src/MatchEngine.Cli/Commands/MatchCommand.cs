using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MatchEngine.Csv;
using MatchEngine.Reports;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine match</c>: match the batch optimally and write matches.csv, unmatched.csv and summary.json (and rejected.csv).</summary>
internal static class MatchCommand
{
    private static readonly string[] MatchOutputs = ["matches.csv", "unmatched.csv", "per-mentor.csv", "summary.json", "rejected.csv", "round-changes.csv", "matches.xlsx"];

    public static Command Create(CliContext cli)
    {
        var outDir = SharedOptions.OutFolder();
        var force = SharedOptions.Force();
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Set invalid rows aside in rejected.csv and match the rest, instead of stopping" };
        var format = new Option<string>("--format") { Description = "csv (default): matches.csv, unmatched.csv, per-mentor.csv; xlsx: one workbook matches.xlsx; both", HelpName = "csv|xlsx|both", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "xlsx", "both");
        var excel = new Option<bool>("--excel") { Description = "Write the CSV files for Excel on Windows: UTF-8 with a byte-order mark, CRLF line ends" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the input, print the readiness check and the files a run would write; write nothing" };
        var decisions = ReviewStep.Option();
        var timings = new Option<FileInfo>("--timings") { Description = "Also write the seconds per stage (reading, candidates, solving, counts, pricing, writing) to this CSV file, for benchmarks; summary.json stays free of timings", HelpName = "FILE" };
        var b = new BatchOptions();
        var match = new Command("match", "Match mentors and mentees optimally; writes matches.csv, unmatched.csv, per-mentor.csv and summary.json.") { outDir, force, skipInvalid, format, excel, dryRun, decisions, timings };
        b.AddTo(match);
        match.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(outDir)!, r.GetValue(force), r.GetValue(skipInvalid), new MatchWrite(r.GetValue(format)!, r.GetValue(excel), r.GetValue(dryRun)), ct, r.GetValue(decisions), r.GetValue(timings)));
        return match;
    }

    /// <summary>What <c>match</c> writes: the format (csv, xlsx or both), CSV for Excel, or nothing (dry run).</summary>
    private sealed record MatchWrite(string Format, bool Excel, bool DryRun)
    {
        public bool Csv => Format is "csv" or "both";

        public bool Xlsx => Format is "xlsx" or "both";

        public IReadOnlyList<string> Names(bool skipInvalid, bool review) =>
        [
            .. Csv ? (string[])["matches.csv", "unmatched.csv", "per-mentor.csv", .. skipInvalid ? (string[])["rejected.csv"] : []] : [],
            .. Xlsx ? (string[])["matches.xlsx"] : [],
            .. review ? (string[])["round-changes.csv"] : [],
            "summary.json",
        ];
    }

    private static int Run(CliContext cli, ParseResult r, BatchOptions b, DirectoryInfo outDir, bool force, bool skipInvalid, MatchWrite write, CancellationToken ct, FileInfo[]? decisions = null, FileInfo? timings = null)
    {
        var (output, err) = (cli.Status(), cli.Err);
        var clock = Stopwatch.StartNew();
        // The output folder is checked and locked before any work (see OutputFolder); a dry run only looks at it.
        using var outputs = write.DryRun ? null : OutputFolder.Open(outDir.FullName, MatchOutputs, force, err);

        using var display = ProgressDisplay.Start(cli);
        var progress = new StageTimer(display);
        progress.Report(new MatchProgress("reading", 0, 0) { Kind = ProgressStage.Reading });
        var inputs = new InputLoader(cli).Load(r, b, skipInvalid, ct);
        var (batch, options, rejected) = inputs;
        (batch, var review) = ReviewStep.Apply(cli, r, b, decisions, batch, options);
        if (write.DryRun)
        {
            display.Done();
            return DryRun(cli, inputs with { Batch = batch }, outDir, write.Names(skipInvalid, review is not null), force, ct);
        }

        progress.Report(new MatchProgress("candidates", 0, batch.Mentees.Count) { Kind = ProgressStage.Candidates });
        var result = new Matcher(options).Match(batch, progress, ct);
        progress.Report(new MatchProgress("writing", 0, 0) { Kind = ProgressStage.Writing });
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

        var changes = review?.Changes(result);
        if (changes is not null)
        {
            files.Add(("round-changes.csv", ExcelCsvStream.Wrap(s => Review.DecisionsCsv.WriteChanges(s, changes), write.Excel)));
        }

        files.Add(("summary.json", s => SummaryJson.Write(s, result, RunRecord.For(r, b, options, batch.AsOf, [], []))));
        outputs!.Commit(files, ct);
        display.Done();
        if (timings is not null)
        {
            try
            {
                progress.Write(timings);
            }
            catch (Exception x) when (x is IOException or UnauthorizedAccessException)
            {
                err.WriteLine($"warning: the timings could not be written to {timings.FullName}: {x.Message}");
            }
        }

        var sum = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Matched {sum.Matched} of {CliText.Plural(sum.Mentees, "mentee")} ({Pct(sum.Matched, sum.Mentees)}) with {CliText.Plural(sum.Mentors, "mentor")} ({CliText.Plural(sum.MentorPlaces, "place")}), as of {sum.AsOf:yyyy-MM-dd}."));
        if (sum.LockedPairs > 0)
        {
            output.WriteLine(string.Create(inv, $"  locked pairs kept:      {sum.LockedPairs}"));
        }

        if (sum.LockedRuleBreaches.Count > 0)
        {
            output.WriteLine(string.Create(inv, $"  KEPT RULE BREACHES:     {sum.LockedRuleBreaches.Count} in {sum.LockedRuleBreaches.Select(x => (x.MenteeId, x.MentorId)).Distinct().Count()} locked pairs ({LockedPairGate.KeepOption}; in summary.json)"));
        }

        output.WriteLine(string.Create(inv, $"  unmet needs matched:    {sum.UnmetNeedsMatched} of {sum.UnmetNeedsMentees} ({Pct(sum.UnmetNeedsMatched, sum.UnmetNeedsMentees)})"));
        output.WriteLine(string.Create(inv, $"  mean score:             {sum.MeanScore:0.00} / 100"));
        output.WriteLine(string.Create(inv, $"  cross-background pairs: {sum.CrossBackgroundPairs} ({sum.CrossBackgroundShare:P1})"));
        if (result.Quota is { } q)
        {
            var verdict = q.Feasible
                ? string.Create(inv, $"met ({q.AchievedShare:P1}); score given up {q.ScoreGivenUp / 100.0:0.00} of {q.ScoreWithoutTarget / 100.0:0.00}")
                : string.Create(inv, $"NOT reachable without leaving young people unmatched: the best achievable share is {q.BestAchievableShare:P1}, which this match reaches; score given up {q.ScoreGivenUp / 100.0:0.00}");
            output.WriteLine(string.Create(inv, $"  target {q.TargetShare:P0} cross-background: {verdict}"));
        }

        output.WriteLine(string.Create(inv, $"  unmatched mentees:      {sum.UnmatchedMentees}; unused mentor places: {sum.UnusedMentorPlaces} (reasons in unmatched.csv)"));
        output.WriteLine(string.Create(inv, $"  solver:                 {sum.SolverStatus}; elapsed {clock.Elapsed.TotalSeconds:0.00} s"));
        if (skipInvalid)
        {
            output.WriteLine(string.Create(inv, $"  rejected input rows:    {rejected.Count} (set aside in rejected.csv, not matched)"));
        }

        if (review is not null)
        {
            ReviewStep.Summarise(output, review, changes!, result);
        }

        if (result.Readiness.Warnings.Count > 0)
        {
            cli.Notes().WriteLine($"note: the readiness check found {CliText.Plural(result.Readiness.Warnings.Count, "shortage")} (in summary.json under \"readiness\"; `validate` prints them).");
        }

        var names = write.Names(skipInvalid, review is not null);
        output.WriteLine($"Wrote {Path.Combine(outDir.FullName, names[0])}, {string.Join(", ", names.Skip(1))}");
        return ExitCodes.Ok;
    }

    /// <summary><c>match --dry-run</c>: the input is valid; print the readiness check and what a run would write.</summary>
    private static int DryRun(CliContext cli, Inputs inputs, DirectoryInfo outDir, IReadOnlyList<string> names, bool force, CancellationToken ct)
    {
        var batch = inputs.Batch;
        var status = cli.Status();
        status.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Dry run: {CliText.Plural(batch.Mentors.Count, "mentor")} and {CliText.Plural(batch.Mentees.Count, "mentee")} are valid (as of {batch.AsOf:yyyy-MM-dd}); nothing was written."));
        ValidateCommand.PrintReadiness(status, batch, inputs.Options, ct);
        status.WriteLine();
        status.WriteLine($"A run would write to {outDir.FullName}:");
        foreach (var n in names)
        {
            status.WriteLine($"  {n}{(File.Exists(Path.Combine(outDir.FullName, n)) ? " (replacing the earlier one)" : string.Empty)}");
        }

        if (!force && OutputFolder.Existing(outDir.FullName, MatchOutputs) is { Count: > 0 } existing)
        {
            cli.Err.WriteLine($"error: {outDir.FullName} already holds the results of an earlier run ({string.Join(", ", existing)}); the run would stop. Pass --force to replace them, or choose another --out folder.");
            return ExitCodes.Usage;
        }

        return ExitCodes.Ok;
    }

    private static string Pct(int a, int b) => b == 0 ? "-" : ((double)a / b).ToString("P1", CultureInfo.InvariantCulture);
}
