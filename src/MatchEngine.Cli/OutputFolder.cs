using System.Globalization;
using System.Runtime.InteropServices;

namespace MatchEngine.Cli;

/// <summary>
/// The output of one run, written as a set. <see cref="Open"/> (before any work) checks the target, takes an
/// exclusive lock for the run's length (a second run into the same place fails at once), cleans what earlier runs
/// left behind (only under the lock, so only what is truly stale), and refuses to replace earlier results without
/// <c>--force</c>. <see cref="Commit"/> writes every file into a fresh temporary folder beside the target, flushed to
/// disk, and then switches the whole folder in one step (an atomic exchange of the two folders; where the file
/// system cannot exchange, two renames that the next run completes or rolls back). Other files in the target folder
/// are carried into the new one (hard links); the outputs of an earlier run are not, so a stale <c>rejected.csv</c>
/// never survives beside a new summary. A crash at any point leaves the old set or the new set, never a mix.
/// A single file (the HTML report) is written under a temporary name beside it and renamed into place.
/// </summary>
internal sealed partial class OutputFolder : IDisposable
{
    private const string Tag = ".matchengine";
    private const int MaxCarried = 10_000;
    private const long MinFreeBytes = 1 << 20;

    private readonly string _target;
    private readonly string _parent;
    private readonly bool _singleFile;
    private readonly IReadOnlyList<string> _owned;
    private readonly TextWriter _err;
    private FileStream? _lock;
    private string? _temp;
    private bool _crashed;
    private IDisposable? _abandonTidy;

    private OutputFolder(string target, bool singleFile, IReadOnlyList<string> owned, TextWriter err)
    {
        _target = target;
        _parent = Path.GetDirectoryName(target) ?? target;
        _singleFile = singleFile;
        _owned = owned;
        _err = err;
    }

    /// <summary>Fault injection for tests: called at every step with the step's name and path.</summary>
    internal static AsyncLocal<Func<string, string, FaultAction>?> Faults { get; } = new();

    /// <summary>The path the outputs go to.</summary>
    public string Target => _target;

    /// <summary>Names of the given files that already exist in the folder.</summary>
    public static IReadOnlyList<string> Existing(string folder, IEnumerable<string> names) =>
        Directory.Exists(folder) ? [.. names.Where(n => File.Exists(Path.Combine(folder, n)))] : [];

    /// <summary>Checks and locks an output folder before the run does any work; on a problem, says so and ends the command.</summary>
    /// <param name="folder">The --out folder.</param>
    /// <param name="owned">Every file name this command writes (an earlier run's copies are replaced or removed).</param>
    /// <param name="force">Whether earlier results may be replaced.</param>
    /// <param name="err">Where to say what is wrong.</param>
    public static OutputFolder Open(string folder, IReadOnlyList<string> owned, bool force, TextWriter err)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return Prepared(new OutputFolder(target, singleFile: false, owned, err), force);
    }

    /// <summary>Checks and locks the place of a single output file (the HTML report).</summary>
    public static OutputFolder OpenFile(string file, bool force, TextWriter err)
    {
        var target = Path.GetFullPath(file);
        return Prepared(new OutputFolder(target, singleFile: true, [Path.GetFileName(target)], err), force);
    }

    /// <summary>Checks and locks the place; on a problem, lets the lock go before the command ends.</summary>
    private static OutputFolder Prepared(OutputFolder o, bool force)
    {
        try
        {
            o.Prepare(force);
            return o;
        }
        catch
        {
            o.Dispose();
            throw;
        }
    }

    /// <summary>Writes the files and switches them in as one set; on an I/O failure, says so (the earlier results are unchanged) and ends the command with exit code 2.</summary>
    public void Commit(IReadOnlyList<(string Name, Action<Stream> Write)> files, CancellationToken cancellationToken)
    {
        try
        {
            if (_singleFile)
            {
                CommitFile(files.Single().Write, cancellationToken);
            }
            else
            {
                CommitFolder(files, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !_crashed)
        {
            Fail($"could not write {(_singleFile ? _target : $"the results to {_target}")}: {Cause(e)}; the earlier {(_singleFile ? "file is" : "results are")} unchanged.", ExitCodes.InvalidInput);
        }
    }

    public void Dispose()
    {
        _abandonTidy?.Dispose();
        if (!_crashed && _temp is not null)
        {
            TryDelete(_temp);
        }

        if (_lock is not null && !_crashed)
        {
            // Removed while still held, so no other run can be holding it.
            TryDelete(_lock.Name);
        }

        _lock?.Dispose();
        _lock = null;
    }

    private void Prepare(bool force)
    {
        var what = _singleFile ? "--out file" : "--out folder";
        if (_singleFile ? Directory.Exists(_target) : File.Exists(_target))
        {
            Fail(_singleFile
                ? $"{what} {_target} is a folder; give the name of the file to write, e.g. {Path.Combine(_target, "report.html")}."
                : $"{what} {_target} is a file, not a folder; give a folder for the results.", ExitCodes.InvalidInput);
        }

        if (!_singleFile && Path.GetPathRoot(_target) is { Length: > 0 } root && Path.TrimEndingDirectorySeparator(root) == _target)
        {
            Fail($"{what} {_target} is the root of a drive; give a folder of its own for the results.", ExitCodes.Usage);
        }

        if (!_singleFile)
        {
            var cwd = Path.TrimEndingDirectorySeparator(Directory.GetCurrentDirectory());
            if (cwd == _target || cwd.StartsWith(_target + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                Fail($"{what} {_target} is the current folder or holds it; give a folder of its own for the results, e.g. --out out.", ExitCodes.Usage);
            }
        }

        try
        {
            if (File.Exists(_parent))
            {
                Fail($"cannot use {what} {_target}: {_parent} is a file, not a folder.", ExitCodes.InvalidInput);
            }

            Directory.CreateDirectory(_parent);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail($"cannot create the folder {_parent}: {Cause(e)}.", ExitCodes.InvalidInput);
        }

        var lockPath = Path.Combine(_parent, $"{Tag}-{Path.GetFileName(_target)}.lock");
        try
        {
            Step("lock", lockPath);
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(lockPath) && !_crashed)
        {
            Fail($"another matchengine run is writing to {_target} now (it holds {lockPath}); wait for it to finish, or choose another --out {(_singleFile ? "file" : "folder")}.", ExitCodes.Usage);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !_crashed)
        {
            Fail($"cannot write in {_parent}: {Cause(e)}.", ExitCodes.InvalidInput);
        }

        Recover();
        _abandonTidy = Interruption.OnAbandon(TidyAbandoned);
        if (!force && Existing(_singleFile ? _parent : _target, _owned) is { Count: > 0 } existing)
        {
            Fail(_singleFile
                ? $"{_target} already exists. Pass --force to replace it."
                : $"{_target} already holds the results of an earlier run ({string.Join(", ", existing)}). Pass --force to replace them, or choose another --out folder.", ExitCodes.Usage);
        }

        foreach (var name in _owned)
        {
            var path = _singleFile ? _target : Path.Combine(_target, name);
            if (!_singleFile && Directory.Exists(path))
            {
                Fail($"cannot write {path}: a folder has that name; move it away or choose another --out folder.", ExitCodes.InvalidInput);
            }
        }

        // Probe: the folder the temporary files go to takes a file, and the disk has room.
        var probe = Path.Combine(_parent, $"{Tag}-{Path.GetFileName(_target)}-probe-{Environment.ProcessId}.tmp");
        try
        {
            using (var s = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                s.WriteByte(0);
                s.Flush(flushToDisk: true);
            }

            var free = new DriveInfo(_parent).AvailableFreeSpace;
            if (free < MinFreeBytes)
            {
                Fail(string.Create(CultureInfo.InvariantCulture, $"the disk of {_parent} is full ({free / 1024} KB free); free some space or choose another --out {(_singleFile ? "file" : "folder")}."), ExitCodes.InvalidInput);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail($"cannot write in {_parent}: {Cause(e)}.", ExitCodes.InvalidInput);
        }
        catch (ArgumentException)
        {
            // DriveInfo does not know this file system: the write itself will tell.
        }
    }

    /// <summary>The run is being ended from outside (see <see cref="Interruption"/>): best effort; the next run cleans the rest.</summary>
    private void TidyAbandoned()
    {
        if (_temp is { } temp)
        {
            TryDelete(temp);
        }

        if (_lock is { } held)
        {
            TryDelete(held.Name);
        }
    }

    /// <summary>Under the lock: completes or rolls back a switch an earlier run was stopped in, and removes its temporary files.</summary>
    private void Recover()
    {
        var name = Path.GetFileName(_target);
        if (!_singleFile)
        {
            var olds = Directory.GetDirectories(_parent, $"{Tag}-{name}-old-*");
            if (!Directory.Exists(_target) && olds.Length == 1)
            {
                // Stopped between the two renames of a non-atomic switch: the old set goes back in place.
                Directory.Move(olds[0], _target);
            }
            else
            {
                foreach (var old in olds)
                {
                    TryDelete(old);
                }
            }

            foreach (var stale in Directory.GetDirectories(_parent, $"{Tag}-{name}-new-*"))
            {
                TryDelete(stale);
            }
        }
        else
        {
            foreach (var stale in Directory.GetFiles(_parent, $"{Tag}-{name}-new-*"))
            {
                TryDelete(stale);
            }
        }
    }

    private void CommitFile(Action<Stream> write, CancellationToken ct)
    {
        _temp = Path.Combine(_parent, $"{Tag}-{Path.GetFileName(_target)}-new-{Environment.ProcessId}.tmp");
        WriteOne(_temp, "write:" + Path.GetFileName(_target), write);
        ct.ThrowIfCancellationRequested();
        Interruption.BeginSwitch();
        Step("switch", _target);
        File.Move(_temp, _target, overwrite: true);
        _temp = null;
    }

    private void CommitFolder(IReadOnlyList<(string Name, Action<Stream> Write)> files, CancellationToken ct)
    {
        var name = Path.GetFileName(_target);
        var id = string.Concat(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-", Guid.NewGuid().ToString("N")[..16]);
        _temp = Path.Combine(_parent, $"{Tag}-{name}-new-{id}");
        Step("temp", _temp);
        Directory.CreateDirectory(_temp);
        foreach (var (file, write) in files)
        {
            ct.ThrowIfCancellationRequested();
            WriteOne(Path.Combine(_temp, file), "write:" + file, write);
        }

        ct.ThrowIfCancellationRequested();
        if (!Directory.Exists(_target))
        {
            Interruption.BeginSwitch();
            Step("switch", _target);
            Directory.Move(_temp, _target);
            _temp = null;
            return;
        }

        Step("carry", _target);
        var carried = 0;
        foreach (var entry in new DirectoryInfo(_target).EnumerateFileSystemInfos())
        {
            if (!_owned.Contains(entry.Name, StringComparer.Ordinal))
            {
                Carry(entry, Path.Combine(_temp, entry.Name), ref carried);
            }
        }

        ct.ThrowIfCancellationRequested();
        Interruption.BeginSwitch();
        Step("switch", _target);
        if (Exchange(_temp, _target))
        {
            // The temporary folder now holds the earlier set; failing to remove it does not undo the switch.
            try
            {
                Step("cleanup", _temp);
                TryDelete(_temp);
                _temp = null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }

            return;
        }

        // No atomic exchange here: two renames; a run stopped between them is rolled back by the next one (Recover).
        var old = Path.Combine(_parent, $"{Tag}-{name}-old-{id}");
        Directory.Move(_target, old);
        Step("switch-2", _target);
        try
        {
            Directory.Move(_temp, _target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Directory.Move(old, _target);
            throw;
        }

        _temp = null;
        try
        {
            Step("cleanup", old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        TryDelete(old);
    }

    private void WriteOne(string path, string step, Action<Stream> write)
    {
        Step(step, path);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
        Step(step + ":flush", path);
        stream.Flush(flushToDisk: true);
    }

    private static void Carry(FileSystemInfo entry, string to, ref int carried)
    {
        if (++carried > MaxCarried)
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"the folder holds more than {MaxCarried} other files and folders; give the results a folder of their own"));
        }

        if (entry.LinkTarget is { } link)
        {
            if (entry is DirectoryInfo)
            {
                Directory.CreateSymbolicLink(to, link);
            }
            else
            {
                File.CreateSymbolicLink(to, link);
            }
        }
        else if (entry is DirectoryInfo dir)
        {
            Directory.CreateDirectory(to);
            foreach (var child in dir.EnumerateFileSystemInfos())
            {
                Carry(child, Path.Combine(to, child.Name), ref carried);
            }
        }
        else if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() || Link(entry.FullName, to) != 0)
        {
            File.Copy(entry.FullName, to);
        }
    }

    private static bool Exchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string oldpath, string newpath);

    private void Step(string step, string path)
    {
        switch (Faults.Value?.Invoke(step, path) ?? FaultAction.None)
        {
            case FaultAction.Fail:
                throw new IOException($"Input/output error (injected at {step}) : '{path}'");
            case FaultAction.Deny:
                throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
            case FaultAction.Crash:
                _crashed = true;
                throw new SimulatedCrashException($"simulated crash at {step}");
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(string message, int code)
    {
        _err.WriteLine("error: " + message);
        throw new Commands.CommandExitException(code);
    }

    /// <summary>The cause of an I/O failure on one line.</summary>
    internal static string Cause(Exception e) => TerminalText.Safe(e.Message.ReplaceLineEndings(" ").TrimEnd('.', ' '), 300);

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
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
