using System.Runtime.InteropServices;
using MatchEngine.Cli;

using var cts = new CancellationTokenSource();
var signal = 0;
void OnSignal(PosixSignalContext ctx, int code)
{
    ctx.Cancel = true;
    if (Interlocked.CompareExchange(ref signal, code, 0) != 0)
    {
        // A second Ctrl-C: do not wait the second.
        Interruption.TryAbandon(Console.Error, signal);
        return;
    }

    cts.Cancel();

    // A native solver call cannot be interrupted: when the run has not ended within a second, end it here
    // (nothing has been switched into the output folder; see Interruption).
    _ = Task.Run(async () =>
    {
        await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        while (!Interruption.TryAbandon(Console.Error, code))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
        }
    });
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => OnSignal(ctx, ExitCodes.Interrupted));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => OnSignal(ctx, ExitCodes.Terminated));
var app = new CliApp(Console.Out, Console.Error, TimeProvider.System);
// Tests only: a run that does not hear the token, as a long native solver call does not (see InterruptTests).
var deaf = Environment.GetEnvironmentVariable("MATCHENGINE_TEST_IGNORE_CANCEL") == "1";
var code = app.Run(args, deaf ? CancellationToken.None : cts.Token);
Interruption.Finished();
return signal != 0 && code == ExitCodes.Interrupted ? signal : code;
