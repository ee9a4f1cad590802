using System.Globalization;

namespace MatchEngine.Cli;

/// <summary>
/// The last line of defence: anything unexpected becomes exit code 70 and a short message on the terminal that points
/// to a log file; the stack trace goes to that file, never to the terminal.
/// </summary>
internal static class CrashReport
{
    public const int ExitCode = 70;

    public static int Handle(Exception e, string[] args, TextWriter err, TimeProvider time, string? logFolder)
    {
        var inv = CultureInfo.InvariantCulture;
        string? log;
        try
        {
            var folder = logFolder ?? Path.GetTempPath();
            Directory.CreateDirectory(folder);
            var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", inv);
            log = Path.Combine(folder, string.Create(inv, $"matchengine-crash-{stamp}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.log"));
            File.WriteAllText(log, string.Create(inv,
                $"matchengine {typeof(CrashReport).Assembly.GetName().Version} crashed at {time.GetUtcNow():O}\nargs: {string.Join(' ', args)}\n\n{e}\n"));
        }
        catch (Exception logError) when (logError is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            log = null;
        }

        var what = TerminalText.Safe($"{e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}", 200);
        err.WriteLine($"error: internal error ({what}). This is a bug in matchengine, not a problem with your files; no output was changed.");
        err.WriteLine(log is null
            ? "  (the details could not be written to a log file)"
            : $"  The details for a bug report are in {log}");
        return ExitCode;
    }
}
