using System.Runtime.InteropServices;

namespace MatchEngine.Cli;

/// <summary>
/// Ctrl-C / SIGTERM that are honoured within about a second, even while a native solver call cannot be interrupted.
/// The first signal cancels the run's token; most stages stop at once. When the run has not ended a second later
/// (a long solver call), the process ends itself: nothing has been switched into the output folder yet (the outputs
/// are written to a temporary folder and switched in as one step at the end, see <see cref="OutputFolder"/>), so the
/// earlier results are as they were. The only moment it waits is the switch itself, which is short.
/// What an abandoned run leaves behind (a temporary folder, the lock file) is removed here where possible, and by
/// the next run into the same folder otherwise.
/// </summary>
internal static partial class Interruption
{
    private static readonly Lock Gate = new();
    private static bool _settled;
    private static bool _abandoned;
    private static Action? _onAbandon;

    /// <summary>Registers what to tidy when the run is abandoned (the output folder's temporary files and lock, the live display); returns the registration.</summary>
    public static IDisposable OnAbandon(Action tidy)
    {
        lock (Gate)
        {
            _onAbandon += tidy;
        }

        return new Registration(tidy);
    }

    /// <summary>Called right before the outputs are switched in; from then on the run is left to finish. Throws when the run was abandoned.</summary>
    public static void BeginSwitch()
    {
        lock (Gate)
        {
            if (_abandoned)
            {
                throw new OperationCanceledException("the run was interrupted");
            }

            _settled = true;
        }
    }

    /// <summary>Called when the command has returned: it reports its own end.</summary>
    public static void Finished()
    {
        lock (Gate)
        {
            _settled = true;
        }
    }

    /// <summary>
    /// Ends the process at once with <paramref name="exitCode"/>, after saying so on <paramref name="err"/> and tidying
    /// what the run registered, unless the outputs are being switched in or the command has returned (then returns
    /// false: the run ends itself).
    /// </summary>
    public static bool TryAbandon(TextWriter err, int exitCode)
    {
        lock (Gate)
        {
            if (_settled)
            {
                return false;
            }

            _abandoned = true;
            try
            {
                _onAbandon?.Invoke();
            }
#pragma warning disable CA1031 // Tidying is best effort: the next run cleans what is left; the process must end now.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            err.WriteLine();
            err.WriteLine("interrupted: nothing was written; the earlier results are unchanged.");
            err.Flush();

            // _exit, not Environment.Exit: a native solver call still running on another thread must not be waited for,
            // nor its library's static destructors run under it.
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                ExitNow(exitCode);
            }

            Environment.Exit(exitCode);
            return true;
        }
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void ExitNow(int status);

    private sealed class Registration(Action tidy) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                _onAbandon -= tidy;
            }
        }
    }
}
