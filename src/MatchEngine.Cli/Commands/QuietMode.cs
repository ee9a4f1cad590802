using System.Globalization;

namespace MatchEngine.Cli.Commands;

/// <summary>Whether <c>--quiet</c> was given: then only errors are printed (no progress, notes, warnings or summaries); data a command exists to print (explain, evaluate, compare, policy) is still printed.</summary>
internal sealed class QuietMode
{
    public bool On { get; set; }
}

/// <summary>Printing that <c>--quiet</c> silences, and words that agree with their number.</summary>
internal static class CliText
{
    /// <summary>Status lines on stdout (summaries, "Wrote ..."): nothing with --quiet.</summary>
    public static TextWriter Status(this CliContext cli) => cli.Quiet.On ? TextWriter.Null : cli.Out;

    /// <summary>Notes and warnings on stderr: nothing with --quiet.</summary>
    public static TextWriter Notes(this CliContext cli) => cli.Quiet.On ? TextWriter.Null : cli.Err;

    /// <summary>"1 mentee", "2 mentees".</summary>
    public static string Plural(int n, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? singular : plural ?? singular + "s")}");
}
