using System.Globalization;

namespace MatchEngine.Analytics;

/// <summary>
/// One figure in long ("tidy") form: which set of pairs, which figure, which group, and the value as a number.
/// Shares are 0 to 1; batch-wide figures have the group <c>all</c>.
/// </summary>
/// <param name="Strategy">The set of pairs: a strategy's name (<c>optimal</c>, <c>greedy</c>, ...), an evaluated file's label, or a sweep point.</param>
/// <param name="Metric">The figure, e.g. <c>matched</c>, <c>matched_share</c>, <c>match_rate_by_area</c>, <c>run_time_s</c>.</param>
/// <param name="Group">The group for per-group figures (an area, an ethnicity, a score band), else <c>all</c>.</param>
/// <param name="Value">The value.</param>
public sealed record TidyRow(string Strategy, string Metric, string Group, double Value);

/// <summary>Turns quality figures into tidy rows (see the README's "Tidy output" for every metric).</summary>
public static class Tidy
{
    /// <summary>The group of batch-wide figures.</summary>
    public const string All = "all";

    /// <summary>The rows of one set of pairs.</summary>
    /// <param name="label">The set's name (the <c>strategy</c> column).</param>
    /// <param name="quality">Its figures.</param>
    /// <param name="elapsed">Its run time, when measured (a <c>run_time_s</c> row).</param>
    /// <returns>The rows in a fixed order.</returns>
    public static IReadOnlyList<TidyRow> Rows(string label, QualityFigures quality, TimeSpan? elapsed)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(quality);
        var rows = Figures(quality).Select(f => new TidyRow(label, f.Metric, f.Group, f.Value)).ToList();
        if (elapsed is { } t)
        {
            rows.Add(new TidyRow(label, "run_time_s", All, Math.Round(t.TotalSeconds, 6)));
        }

        return rows;
    }

    /// <summary>The rows of one strategy's result. For the random strategy the value is the mean over its repeats, and each figure also has <c>_sd</c>, <c>_min</c> and <c>_max</c> rows, with a <c>repeats</c> row.</summary>
    /// <param name="result">The strategy's result.</param>
    /// <param name="withTime">Whether to add the <c>run_time_s</c> row.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<TidyRow> Rows(StrategyResult result, bool withTime)
    {
        ArgumentNullException.ThrowIfNull(result);
        var label = Name(result.Strategy);
        if (result.Spread.Count == 0)
        {
            return Rows(label, result.Quality, withTime ? result.Elapsed : null);
        }

        var rows = new List<TidyRow>();
        foreach (var s in result.Spread)
        {
            rows.Add(new TidyRow(label, s.Metric, s.Group, Round(s.Mean)));
        }

        foreach (var s in result.Spread)
        {
            rows.Add(new TidyRow(label, s.Metric + "_sd", s.Group, Round(s.StandardDeviation)));
            rows.Add(new TidyRow(label, s.Metric + "_min", s.Group, s.Min));
            rows.Add(new TidyRow(label, s.Metric + "_max", s.Group, s.Max));
        }

        rows.Add(new TidyRow(label, "repeats", All, result.Repeats));
        if (withTime)
        {
            rows.Add(new TidyRow(label, "run_time_s", All, Math.Round(result.Elapsed.TotalSeconds, 6)));
        }

        return rows;
    }

    /// <summary>The rows of a whole comparison, strategy by strategy.</summary>
    /// <param name="results">The results.</param>
    /// <returns>The rows.</returns>
    public static IReadOnlyList<TidyRow> Rows(IEnumerable<StrategyResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return [.. results.SelectMany(r => Rows(r, withTime: true))];
    }

    /// <summary>The short name of a strategy, as in the <c>strategy</c> column.</summary>
    /// <param name="s">The strategy.</param>
    /// <returns><c>optimal</c>, <c>greedy</c>, <c>first-come</c>, <c>stable</c> or <c>random</c>.</returns>
    public static string Name(Strategy s) => s switch
    {
        Strategy.Optimal => "optimal",
        Strategy.GreedyByScore => "greedy",
        Strategy.FirstComeFirstServed => "first-come",
        Strategy.StableMatching => "stable",
        Strategy.Random => "random",
        Strategy.PreferenceStable => "preference-stable",
        _ => s.ToString(),
    };

    private static double Round(double v) => Math.Round(v, 6);

    /// <summary>Every figure of a report as (metric, group, value); undefined figures (a distance with no in-person pair) have no row.</summary>
    internal static List<(string Metric, string Group, double Value)> Figures(QualityFigures q)
    {
        var f = new List<(string, string, double)>();
        void Add(string metric, double value, string group = All) => f.Add((metric, group, Round(value)));
        Add("mentees", q.Mentees);
        Add("matched", q.Matched);
        Add("matched_share", q.MatchedShare);
        if (!q.ScoresOnly)
        {
            Add("unmet_needs", q.UnmetNeeds);
            Add("unmet_needs_matched", q.UnmetNeedsMatched);
            Add("unmet_needs_coverage", q.UnmetNeedsCoverage);
        }

        Add("total_score", q.TotalScore);
        Add("mean_score", q.MeanScore);
        Add("median_score", q.MedianScore);
        if (!q.ScoresOnly)
        {
            Add("cross_background_share", q.CrossEitherShare);
            Add("cross_ethnic_share", q.CrossEthnicShare);
            Add("cross_socioeconomic_share", q.CrossSocioeconomicShare);
            Add("in_person_pairs", q.InPersonPairs);
            if (q.MeanDistanceKm is { } md)
            {
                Add("mean_distance_km", md);
            }

            if (q.P90DistanceKm is { } p90)
            {
                Add("p90_distance_km", p90);
            }
        }

        Add("mentor_places", q.MentorPlaces);
        Add("capacity_use", q.CapacityUse);
        Add("violations", q.Violations);
        Add("blocking_pairs", q.BlockingPairs);
        Add("allowed_pairs", q.AllowedPairs);
        if (q.StatedPreferences is { } sp)
        {
            Add("stated_preferences", sp.Preferences);
            Add("pairs_chosen_by_either", sp.PairsChosen);
            Add("pairs_chosen_by_both", sp.PairsChosenByBoth);
            Add("first_choices_honoured", sp.FirstChoices);
            Add("blocking_pairs_stated", sp.BlockingPairs);
        }

        for (var i = 0; i < q.ScoreHistogram.Count; i++)
        {
            Add("pairs_by_score_band", q.ScoreHistogram[i], string.Create(CultureInfo.InvariantCulture, $"{i * 10}-{(i * 10) + 10}"));
        }

        for (var i = 0; i < q.MentorsByPlacesUsed.Count; i++)
        {
            Add("mentors_by_places_used", q.MentorsByPlacesUsed[i], i.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var dim in q.Groups.Select(g => g.Dimension).Distinct())
        {
            foreach (var g in q.Groups.Where(g => g.Dimension == dim))
            {
                Add("mentees_by_" + dim, g.Mentees, g.Group);
                Add("matched_by_" + dim, g.Matched, g.Group);
                Add("match_rate_by_" + dim, g.Rate, g.Group);
            }

            Add("largest_gap_by_" + dim, q.LargestGap.GetValueOrDefault(dim));
        }

        return f;
    }
}
