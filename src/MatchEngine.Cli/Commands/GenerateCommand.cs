using System.CommandLine;
using System.Globalization;
using MatchEngine.Csv;
using MatchEngine.Generation;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine generate</c>: a synthetic batch shaped like the programme, for trials and benchmarks.</summary>
internal static class GenerateCommand
{
    public static Command Create(CliContext cli)
    {
        var mentorCount = new Option<int?>("--mentor-count") { Description = "Number of mentors (default 1000)", HelpName = "N" };
        var menteeCount = new Option<int?>("--mentee-count") { Description = "Number of mentees (default 1000)", HelpName = "N" };

        // The old names, kept working for scripts; hidden because elsewhere --mentors and --mentees name files.
        var oldMentorCount = new Option<int?>("--mentors") { Description = "Old name of --mentor-count", Hidden = true };
        var oldMenteeCount = new Option<int?>("--mentees") { Description = "Old name of --mentee-count", Hidden = true };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same files", DefaultValueFactory = _ => 1, HelpName = "N" };
        var outDir = SharedOptions.OutFolder();
        var asOf = new Option<string?>("--as-of") { Description = "Date the ages are drawn around (default 2026-09-01)", HelpName = "DATE" };
        var force = SharedOptions.Force("Replace mentors.csv and mentees.csv in the --out folder");
        var generate = new Command("generate", "Write a synthetic batch shaped like the programme (mentors.csv, mentees.csv) for trials and benchmarks.")
        {
            mentorCount, menteeCount, oldMentorCount, oldMenteeCount, seed, outDir, asOf, force,
        };
        generate.SetCancellableAction((r, ct) => Run(
            cli, r.GetValue(mentorCount) ?? r.GetValue(oldMentorCount) ?? 1000, r.GetValue(menteeCount) ?? r.GetValue(oldMenteeCount) ?? 1000,
            r.GetValue(seed), r.GetValue(outDir)!, r.GetValue(asOf), r.GetValue(force), ct));
        return generate;
    }

    private static int Run(CliContext cli, int mentors, int mentees, int seed, DirectoryInfo outDir, string? asOfText, bool force, CancellationToken ct)
    {
        var asOf = new InputLoader(cli).AsOf(asOfText ?? "2026-09-01");
        if (mentors < 0 || mentees < 0 || mentors > 10_000_000 || mentees > 10_000_000)
        {
            cli.Err.WriteLine("error: --mentor-count and --mentee-count must be between 0 and 10,000,000.");
            return ExitCodes.Usage;
        }

        // Ages are drawn up to 71 years before the as-of date.
        if (asOf.Year is < 1900 or > 9000)
        {
            cli.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: --as-of {asOf:yyyy-MM-dd} is out of range; generate takes a date from 1900-01-01 to 9000-12-31."));
            return ExitCodes.Usage;
        }

        using var outputs = OutputFolder.Open(outDir.FullName, ["mentors.csv", "mentees.csv"], force, cli.Err);

        var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, AsOf = asOf });
        outputs.Commit(
        [
            ("mentors.csv", s => BatchCsvWriter.WriteMentors(s, batch.Mentors)),
            ("mentees.csv", s => BatchCsvWriter.WriteMentees(s, batch.Mentees)),
        ], ct);
        cli.Status().WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {CliText.Plural(mentors, "mentor")} and {CliText.Plural(mentees, "mentee")} (seed {seed}, ages as of {asOf:yyyy-MM-dd}) to {outDir.FullName}"));
        return ExitCodes.Ok;
    }
}
