using System.CommandLine;
using MatchEngine.Cli.Commands;

namespace MatchEngine.Cli;

/// <summary>
/// The <c>matchengine</c> command line: one class per command under <c>Commands/</c>. Data goes to files and stdout,
/// diagnostics to stderr. Each action gets the cancellation token System.CommandLine hands it, which is the token
/// passed to <see cref="Run"/> (Ctrl-C / SIGTERM in <c>Program.cs</c>).
/// </summary>
internal sealed class CliApp
{
    private readonly CliContext _cli;

    public CliApp(TextWriter stdout, TextWriter stderr, TimeProvider time, string? crashLogFolder = null)
    {
        // What is printed for people is terminal-safe: no cell of an input can send escape sequences (see TerminalText).
        // Stderr is shared with the progress display's thread; on a terminal, lines go above the live bar (LiveErrorWriter).
        stderr = ReferenceEquals(stderr, Console.Error) ? stderr : TextWriter.Synchronized(stderr);
        _cli = new CliContext(TerminalText.Wrap(stdout), TerminalText.Wrap(LiveErrorWriter.For(stderr)), time) { RawErr = stderr, CrashLogFolder = crashLogFolder };
    }

    public int Run(string[] args, CancellationToken cancellationToken = default)
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors: no progress, notes, warnings or summaries", Recursive = true };
        var root = new RootCommand("MatchEngine: optimal mentor–mentee matching for youth mentoring programmes.")
        {
            quiet,
            MatchCommand.Create(_cli),
            ValidateCommand.Create(_cli),
            ExplainCommand.Create(_cli),
            SolveCommand.Create(_cli),
            GenerateCommand.Create(_cli),
            EvaluateCommand.Create(_cli),
            CompareCommand.Create(_cli),
            ReportCommand.Create(_cli),
            SweepCommand.Create(_cli),
            PolicyCommand.Create(_cli),
        };

        // ProcessTerminationTimeout = null: Program.cs owns SIGINT/SIGTERM and cancels the token passed here.
        var config = new InvocationConfiguration { Output = _cli.Out, Error = _cli.Err, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        HelpText.Install(root);
        try
        {
            var parsed = root.Parse(args);
            _cli.Quiet.On = parsed.GetValue(quiet);
            return parsed.InvokeAsync(config, cancellationToken).GetAwaiter().GetResult();
        }
        catch (CommandExitException e)
        {
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _cli.Err.WriteLine("Interrupted: no output was written or changed.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The environment (a file, a folder, the disk), not a bug: one line naming the path and the cause.
            _cli.Err.WriteLine($"error: {OutputFolder.Cause(e)}.");
            return ExitCodes.InvalidInput;
        }
#pragma warning disable CA1031 // The last line of defence: any other exception is a bug, reported without a stack trace on the terminal.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return CrashReport.Handle(e, args, _cli.Err, _cli.Time, _cli.CrashLogFolder);
        }
    }
}
