using System.CommandLine;
using System.Globalization;
using MatchEngine.Model;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine validate</c>: list every error in the input (exit 2), or print the readiness check when it is valid.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext cli)
    {
        var b = new BatchOptions();
        var validate = new Command("validate", "Check the input files and list every error (exit 2 when there are any); when valid, print the readiness check.");
        b.AddTo(validate);
        validate.SetCancellableAction((r, ct) => Run(cli, r, b, ct));
        return validate;
    }

    private static int Run(CliContext cli, ParseResult pr, BatchOptions b, CancellationToken ct)
    {
        var output = cli.Status();
        ReadinessReport readiness;
        MatchBatch batch;
        using (var progress = ProgressDisplay.Start(cli))
        {
            progress.Report(new MatchProgress("reading", 0, 0) { Kind = ProgressStage.Reading });
            (batch, var options, _) = new InputLoader(cli).Load(pr, b, skipInvalid: false, ct);
            progress.Report(new MatchProgress("readiness check", 0, 0) { Kind = ProgressStage.Readiness });
            readiness = new Matcher(options).Readiness(batch, ct);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"OK: {CliText.Plural(batch.Mentors.Count, "mentor")} and {CliText.Plural(batch.Mentees.Count, "mentee")} are valid (as of {batch.AsOf:yyyy-MM-dd})."));
        PrintReadiness(output, readiness);
        return ExitCodes.Ok;
    }

    /// <summary>The readiness check as validate and match --dry-run print it.</summary>
    public static void PrintReadiness(TextWriter output, MatchBatch batch, MatchOptions options, CancellationToken ct) =>
        PrintReadiness(output, new Matcher(options).Readiness(batch, ct));

    private static void PrintReadiness(TextWriter output, ReadinessReport r)
    {
        var inv = CultureInfo.InvariantCulture;
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
            foreach (var u in r.Unmatchable.Take(CliContext.MaxListed))
            {
                output.WriteLine($"    {(u.Role == PersonRole.Mentee ? "mentee" : "mentor")} {u.Id}: {u.Reason}");
            }

            if (r.Unmatchable.Count > CliContext.MaxListed)
            {
                output.WriteLine(string.Create(inv, $"    ... and {r.Unmatchable.Count - CliContext.MaxListed} more (all are in summary.json after match)."));
            }
        }

        foreach (var w in r.Warnings)
        {
            output.WriteLine($"  note: {w}");
        }
    }
}
