namespace MatchEngine.Cli;

/// <summary>
/// Writes a set of output files so that a crash or interruption leaves either the old complete files or the new
/// complete files: each file is written in full to a temporary name in the same folder, flushed to disk, and only
/// when all are written are they renamed into place.
/// </summary>
internal static class OutputFolder
{
    public static void Write(string folder, IReadOnlyList<(string Name, Action<Stream> Write)> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, _) in files)
        {
            // Leftovers of a run that was killed outright (SIGKILL, power loss) before it could clean up.
            foreach (var stale in Directory.EnumerateFiles(folder, $".{name}.*.tmp"))
            {
                TryDelete(stale);
            }
        }

        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (name, write) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var final = Path.Combine(folder, name);
                var temp = Path.Combine(folder, $".{name}.{Environment.ProcessId}.tmp");
                temps.Add((temp, final));
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    write(stream);
                    stream.Flush(flushToDisk: true);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (temp, final) in temps)
            {
                File.Move(temp, final, overwrite: true);
            }
        }
        finally
        {
            foreach (var (temp, _) in temps)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>Names of the given files that already exist in the folder.</summary>
    public static IReadOnlyList<string> Existing(string folder, IEnumerable<string> names) =>
        Directory.Exists(folder) ? [.. names.Where(n => File.Exists(Path.Combine(folder, n)))] : [];

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
