using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;

namespace MatchEngine.Cli;

/// <summary>
/// Help that teaches: the usage line names the installed command (<c>matchengine</c>, not the assembly), and every
/// command's help ends with one or two examples to copy.
/// </summary>
internal static class HelpText
{
    public const string CommandName = "matchengine";

    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        [CommandName] =
        [
            "matchengine match --mentors mentors.csv --mentees mentees.csv -o out",
            "matchengine match --help",
        ],
        ["match"] =
        [
            "matchengine match --mentors mentors.csv --mentees mentees.csv -o out --as-of 2026-09-01",
            "matchengine match --mentors mentors.xlsx --mentees mentees.xlsx -o out --date-format dd/MM/yyyy --carry first_name,last_name,email --format xlsx",
            "matchengine match --mentors mentors.csv --mentees mentees.csv -o out --dry-run",
        ],
        ["validate"] =
        [
            "matchengine validate --mentors mentors.csv --mentees mentees.csv",
            "matchengine validate --mentors intake.xlsx --mentees intake.xlsx --mentor-sheet Mentors --mentee-sheet \"Young people\" --date-format dd/MM/yyyy",
        ],
        ["explain"] = ["matchengine explain --mentors mentors.csv --mentees mentees.csv --mentee ME0009 --top 3"],
        ["evaluate"] = ["matchengine evaluate --mentors mentors.csv --mentees mentees.csv --matches out/matches.csv --format json"],
        ["compare"] = ["matchengine compare --mentors mentors.csv --mentees mentees.csv --seed 7"],
        ["report"] = ["matchengine report --mentors mentors.csv --mentees mentees.csv -o report.html --title \"Autumn intake\""],
        ["generate"] = ["matchengine generate --mentor-count 200 --mentee-count 300 --seed 1 -o trial"],
        ["solve"] = ["matchengine solve --pairs pairs.csv --capacities capacities.csv -o out"],
        ["policy"] = ["matchengine policy > policy.json"],
    };

    /// <summary>Replaces the root's help action with one that names <c>matchengine</c> and adds examples.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction inner)
            {
                help.Action = new TeachingHelp(inner);
            }
        }
    }

    private sealed class TeachingHelp(HelpAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var config = parseResult.InvocationConfiguration;
            var output = config.Output;
            var buffer = new StringWriter(CultureInfo.InvariantCulture);
            config.Output = buffer;
            int code;
            try
            {
                code = inner.Invoke(parseResult);
            }
            finally
            {
                config.Output = output;
            }

            var exe = RootCommand.ExecutableName;
            var text = buffer.ToString();
            if (!string.IsNullOrEmpty(exe) && exe != CommandName)
            {
                text = text.Replace("  " + exe + " ", "  " + CommandName + " ", StringComparison.Ordinal)
                    .Replace("  " + exe + Environment.NewLine, "  " + CommandName + Environment.NewLine, StringComparison.Ordinal)
                    .Replace("  " + exe + "\n", "  " + CommandName + "\n", StringComparison.Ordinal);
            }

            output.Write(text.TrimEnd() + Environment.NewLine);
            var name = parseResult.CommandResult.Command is RootCommand ? CommandName : parseResult.CommandResult.Command.Name;
            if (Examples.TryGetValue(name, out var examples))
            {
                output.WriteLine();
                output.WriteLine(examples.Length == 1 ? "Example:" : "Examples:");
                foreach (var e in examples)
                {
                    output.WriteLine($"  {e}");
                }
            }

            output.WriteLine();
            return code;
        }
    }
}
