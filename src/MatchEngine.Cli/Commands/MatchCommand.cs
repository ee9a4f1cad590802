using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MatchEngine.Csv;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine match</c>: match the batch optimally and write matches.csv, unmatched.csv and summary.json (and rejected.csv).</summary>
internal static class MatchCommand
{
    private static readonly string[] MatchOutputs = ["matches.csv", "unmatched.csv", "summary.json", "rejected.csv", "round-changes.csv"];

    public static Command Create(CliContext cli)
    {
        var outDir = SharedOptions.OutFolder();
        var force = SharedOptions.Force();
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Set invalid rows aside in rejected.csv and match the rest, instead of stopping" };
        var decisions = ReviewStep.Option();
        var b = new BatchOptions();
        var match = new Command("match", "Match mentors and mentees optimally; writes matches.csv, unmatched.csv and summary.json.") { outDir, force, skipInvalid, decisions };
        b.AddTo(match);
        match.SetCancellableAction((r, ct) => Run(cli, r, b, r.GetValue(outDir)!, r.GetValue(force), r.GetValue(skipInvalid), ct, r.GetValue(decisions)));
        return match;
    }

    private static int Run(CliContext cli, ParseResult r, BatchOptions b, DirectoryInfo outDir, bool force, bool skipInvalid, CancellationToken ct, FileInfo[]? decisions = null)
    {
        var (output, err) = (cli.Out, cli.Err);
        var clock = Stopwatch.StartNew();
        // The output folder is checked and locked before any work (see OutputFolder).
        using var outputs = OutputFolder.Open(outDir.FullName, MatchOutputs, force, err);

        var progress = new ProgressDisplay(cli.RawErr ?? err, ProgressDisplay.IsTerminal(cli.RawErr ?? err));
        progress.Report(new MatchProgress("reading", 0, 0));
        var (batch, options, rejected) = new InputLoader(cli).Load(r, b, skipInvalid, ct);
        (batch, var review) = ReviewStep.Apply(cli, r, b, decisions, batch, options);
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

        var changes = review?.Changes(result);
        if (changes is not null)
        {
            files.Add(("round-changes.csv", s => Review.DecisionsCsv.WriteChanges(s, changes)));
        }

        files.Add(("summary.json", s => ResultCsv.WriteSummary(s, result, RunRecord.For(r, b, options, batch.AsOf, [], []))));
        outputs.Commit(files, ct);
        progress.Done();
        var sum = result.Summary;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Matched {sum.Matched} of {sum.Mentees} mentees ({Pct(sum.Matched, sum.Mentees)}) with {sum.Mentors} mentors ({sum.MentorPlaces} places), as of {sum.AsOf:yyyy-MM-dd}."));
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
            err.WriteLine(string.Create(inv, $"note: the readiness check found {result.Readiness.Warnings.Count} shortages (in summary.json under \"readiness\"; `validate` prints them)."));
        }

        output.WriteLine($"Wrote {Path.Combine(outDir.FullName, "matches.csv")}, unmatched.csv, {(skipInvalid ? "rejected.csv, " : string.Empty)}{(review is null ? string.Empty : "round-changes.csv, ")}summary.json");
        return ExitCodes.Ok;
    }

    private static string Pct(int a, int b) => b == 0 ? "-" : ((double)a / b).ToString("P1", CultureInfo.InvariantCulture);
}
