using System.CommandLine;
using System.Globalization;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Review;

namespace MatchEngine.Cli.Commands;

/// <summary><c>match --decisions reviewed.csv</c>: a review round. Accepted pairs are locked, rejected ones excluded for good; round-changes.csv says what changed.</summary>
internal static class ReviewStep
{
    public static Option<FileInfo[]> Option() => new("--decisions")
    {
        Description = "A reviewed matches.csv (decision column: accept, reject or blank). Give every reviewed file so far, earliest first (--decisions r1.csv --decisions r2.csv): rejections accumulate, later decisions win",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Reads and checks the reviewed files; returns the batch for this round and the round (null when no file was given). Errors end the command with exit code 2.</summary>
    public static (MatchBatch Batch, ReviewRound? Round) Apply(CliContext cli, ParseResult r, BatchOptions b, FileInfo[]? files, MatchBatch batch, MatchOptions options)
    {
        if (files is not { Length: > 0 })
        {
            return (batch, null);
        }

        var loader = new InputLoader(cli);
        var sep = loader.Delimiter(r.GetValue(b.Delimiter));
        var issues = new List<CsvIssue>();
        var rows = new List<IReadOnlyList<ReviewedPair>>();
        foreach (var f in files)
        {
            rows.Add(loader.ReadFile(f, s => DecisionsCsv.Read(s, f.Name, batch, sep), issues)?.Records ?? []);
        }

        loader.StopOn(issues);
        var round = ReviewRound.Plan(rows, batch, new Matcher(options));
        loader.StopOn([.. round.Errors]);
        return (round.Apply(batch), round);
    }

    public static void Summarise(TextWriter output, ReviewRound round, IReadOnlyList<RoundChange> changes, MatchResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var toReview = result.Pairs.Count(p => !p.Locked);
        output.WriteLine(string.Create(inv,
            $"  review:                 {round.Accepted.Count} accepted (locked), {round.Rejected.Count} rejected (never proposed again), {toReview} proposals to review"));
        output.WriteLine(string.Create(inv,
            $"  this round:             {changes.Count(c => c.Change == "kept")} kept, {changes.Count(c => c.Change == "new_mentor")} new mentor, {changes.Count(c => c.Change == "lost_proposal")} lost a proposal (round-changes.csv)"));
        if (toReview == 0)
        {
            output.WriteLine("  every pair is accepted: the review is complete.");
        }
    }
}
