using System.Diagnostics;

namespace MatchEngine;

/// <summary>
/// Reads the most memory the process has held at once so far, which <see cref="MatchOptions.MemoryLimitMiB"/> is
/// measured by (as <see cref="MatchOptions.Clock"/> measures the time limit). Derive from it for a simulated gauge in
/// tests, or to count what an application holds beside the match. The process's peak is its peak since it started:
/// an application that matches batch after batch in one process should give a gauge of its own (one measuring from
/// the match's start, say), or an earlier large match counts against every later one.
/// </summary>
public class MemoryGauge
{
    /// <summary>Initializes a gauge that reads the process's peak working set.</summary>
    protected MemoryGauge()
    {
    }

    /// <summary>Gets the gauge of this process: its peak working set (resident memory), as the operating system reports it.</summary>
    public static MemoryGauge System { get; } = new();

    /// <summary>The most memory the process has held at once so far, in bytes.</summary>
    /// <returns>The process's peak working set, in bytes; where the system reports none (.NET gives 0 on macOS), its working set now.</returns>
    public virtual long PeakBytes()
    {
        using var process = Process.GetCurrentProcess();
        var peak = process.PeakWorkingSet64;
        return peak > 0 ? peak : process.WorkingSet64;
    }
}
