namespace MatchEngine.Cli.Commands;

/// <summary>What every command writes to and where it takes today's date from: stdout for data, stderr for diagnostics.</summary>
/// <param name="Out">Data: summaries, reports, explanations.</param>
/// <param name="Err">Diagnostics: errors, warnings, progress.</param>
/// <param name="Time">The clock, read only for the default <c>--as-of</c> date.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Err, TimeProvider Time)
{
    /// <summary>How many errors or unmatchable people a command lists before it says "... and N more".</summary>
    public const int MaxListed = 200;

    /// <summary>Stderr as given, for the live progress line (which writes carriage returns); null means <see cref="Err"/>.</summary>
    public TextWriter? RawErr { get; init; }

    /// <summary>--quiet: only errors are printed (see <see cref="Quiet"/>).</summary>
    public QuietMode Quiet { get; } = new();

    /// <summary>Where an unexpected error's details go (default: the temp folder); see <see cref="CrashReport"/>.</summary>
    public string? CrashLogFolder { get; init; }
}
