using System.Globalization;
using MatchEngine.Analytics;

namespace MatchEngine.Reports;

/// <summary>A policy sweep as a table for a terminal: one line per policy.</summary>
public static class SweepWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the table, then the run's record.</summary>
    /// <param name="w">Destination.</param>
    /// <param name="results">The sweep's results.</param>
    /// <param name="run">The run's record.</param>
    public static void WriteText(TextWriter w, IReadOnlyList<SweepResult> results, RunInfo? run)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(results);
        var width = Math.Max(10, results.Count == 0 ? 0 : results.Max(r => r.Point.Label.Length) + 2);
        w.WriteLine($"{"policy".PadRight(width)}{"matched",9}{"unmet",7}{"mean score",12}{"total score",13}{"cross-bg",10}{"target",8}{"score given up",16}");
        foreach (var r in results)
        {
            var q = r.Quality;
            var quota = r.Result.Quota;
            var target = quota is null ? "-" : quota.Feasible ? "met" : "unmet";
            var givenUp = quota is null ? "-" : (quota.ScoreGivenUp / 100.0).ToString("0.00", Inv);
            w.WriteLine(string.Create(Inv, $"{r.Point.Label.PadRight(width)}{q.Matched,9}{q.UnmetNeedsMatched,7}{q.MeanScore,12:0.00}{q.TotalScore,13:0.00}{q.CrossEitherShare,10:0.0%}{target,8}{givenUp,16}"));
        }

        if (run is not null)
        {
            w.WriteLine(QualityWriter.Reproducibility(run));
        }
    }
}
