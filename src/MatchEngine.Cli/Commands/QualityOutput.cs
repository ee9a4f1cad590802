using MatchEngine.Analytics;
using MatchEngine.Reports;

namespace MatchEngine.Cli.Commands;

/// <summary>Writes quality figures to stdout in the <c>--format</c> asked for (text, csv or json).</summary>
internal static class QualityOutput
{
    public static int Write(TextWriter output, string format, IReadOnlyList<(string, QualityReport, TimeSpan?)> columns)
    {
        switch (format)
        {
            case "csv":
                QualityWriter.WriteCsv(output, columns);
                break;
            case "json":
                using (var ms = new MemoryStream())
                {
                    QualityWriter.WriteJson(ms, columns);
                    output.Write(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
                }

                break;
            default:
                QualityWriter.WriteText(output, columns);
                break;
        }

        return ExitCodes.Ok;
    }
}
