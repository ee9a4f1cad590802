namespace MatchEngine.Cli.Commands;

/// <summary>
/// Ends a command early with an exit code after the reason has been written to stderr (bad input, a bad option).
/// <see cref="CliApp.Run"/> turns it into the exit code; it never reaches the user as a stack trace.
/// </summary>
internal sealed class CommandExitException : Exception
{
    public CommandExitException()
    {
    }

    public CommandExitException(string message)
        : base(message)
    {
    }

    public CommandExitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CommandExitException(int exitCode)
        : base($"exit code {exitCode}")
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code the process ends with.</summary>
    public int ExitCode { get; } = ExitCodes.Usage;
}
