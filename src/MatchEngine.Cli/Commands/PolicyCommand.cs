using System.CommandLine;
using MatchEngine.Policy;

namespace MatchEngine.Cli.Commands;

/// <summary><c>matchengine policy</c>: print a policy file with every default, a starting point for <c>--policy</c>.</summary>
internal static class PolicyCommand
{
    public static Command Create(CliContext cli)
    {
        var policy = new Command("policy", "Print a policy file with every default and what it means: a starting point for --policy.");
        policy.SetAction(_ =>
        {
            cli.Out.Write(PolicyFile.Defaults());
            return ExitCodes.Ok;
        });
        return policy;
    }
}
