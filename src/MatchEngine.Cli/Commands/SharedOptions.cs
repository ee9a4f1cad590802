using System.CommandLine;

namespace MatchEngine.Cli.Commands;

/// <summary>Options that several commands carry with the same name and meaning; each command gets its own instance.</summary>
internal static class SharedOptions
{
    public static Option<DirectoryInfo> OutFolder() => new("--out") { Description = "Folder for the output files", Required = true };

    public static Option<bool> Force() => new("--force") { Description = "Replace the results of an earlier run in the --out folder" };

    public static Option<string?> Delimiter() => new("--delimiter") { Description = "Field separator of the input files: ',', ';' or 'tab' (default: detected)" };

    public static Option<int> StrategySeed() => new("--seed") { Description = "Seed of the random strategy", DefaultValueFactory = _ => 1 };

    /// <summary>Runs a synchronous command body as the action System.CommandLine calls with its own cancellation token.</summary>
    public static void SetCancellableAction(this Command command, Func<ParseResult, CancellationToken, int> run) =>
        command.SetAction((r, ct) => Task.FromResult(run(r, ct)));
}
