using MatchEngine.Cli;

namespace MatchEngine.Tests.Cli;

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}

/// <summary>Runs the CLI in-process with captured output and a fixed clock.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = new CliApp(o, e, new FixedTime(new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero))).Run(args);
        return (code, o.ToString(), e.ToString());
    }

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MatchEngine.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("MatchEngine.sln not found above the test folder.");
        }
    }

    public static string Samples(string name) => Path.Combine(RepoRoot, "samples", name);

    public static string Shared(params string[] parts) => Path.Combine([Path.GetDirectoryName(RepoRoot)!, "shared", .. parts]);

    public static string TempDir()
    {
        var d = Path.Combine(Path.GetTempPath(), "matchengine-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
