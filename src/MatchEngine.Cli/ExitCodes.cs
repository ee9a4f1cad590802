namespace MatchEngine.Cli;

/// <summary>The documented exit codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int InvalidInput = 2;
    public const int Interrupted = 130;
    public const int Terminated = 143;
}
