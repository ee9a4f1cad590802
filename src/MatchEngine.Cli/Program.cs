using System.Runtime.InteropServices;
using MatchEngine.Cli;

using var cts = new CancellationTokenSource();
var signal = 0;
void OnSignal(PosixSignalContext ctx, int code)
{
    ctx.Cancel = true;
    signal = code;
    cts.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => OnSignal(ctx, ExitCodes.Interrupted));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => OnSignal(ctx, ExitCodes.Terminated));
var app = new CliApp(Console.Out, Console.Error, TimeProvider.System);
var code = app.Run(args, cts.Token);
return signal != 0 && code == ExitCodes.Interrupted ? signal : code;
