using System.CommandLine;

namespace MatchEngine.Cli.Commands;

/// <summary>Options that several commands carry with the same name and meaning; each command gets its own instance.</summary>
internal static class SharedOptions
{
    public static Option<DirectoryInfo> OutFolder() => new("--out", "-o") { Description = "Folder for the output files", Required = true, HelpName = "DIR" };

    public static Option<bool> Force(string what = "Replace the results of an earlier run in the --out folder") => new("--force") { Description = what };

    public static Option<string?> Delimiter() => new("--delimiter") { Description = "Field separator of CSV input files: ',', ';' or 'tab' (default: detected)", HelpName = "SEP" };

    public static Option<int> StrategySeed() => new("--seed") { Description = "Seed of the random strategy", DefaultValueFactory = _ => 1, HelpName = "N" };

    /// <summary>Runs a synchronous command body as the action System.CommandLine calls with its own cancellation token.</summary>
    public static void SetCancellableAction(this Command command, Func<ParseResult, CancellationToken, int> run) =>
        command.SetAction((r, ct) => Task.FromResult(run(r, ct)));
}
