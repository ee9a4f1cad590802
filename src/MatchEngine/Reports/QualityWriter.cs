using System.Globalization;
using System.Text;
using System.Text.Json;
using MatchEngine.Analytics;

namespace MatchEngine.Reports;

/// <summary>Renders quality figures side by side (one column per set of pairs) as text, CSV or JSON.</summary>
public static class QualityWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The figures as (name, value) rows for one report.</summary>
    /// <param name="q">The report.</param>
    /// <param name="elapsed">Run time, when known.</param>
    /// <returns>The rows, in a fixed order.</returns>
    public static IReadOnlyList<(string Name, string Value)> Rows(QualityReport q, TimeSpan? elapsed = null)
    {
        ArgumentNullException.ThrowIfNull(q);
        var rows = new List<(string, string)>
        {
            ("matched", string.Create(Inv, $"{q.Matched} / {q.Mentees}")),
            ("matched share", P(q.MatchedShare)),
            ("unmet needs matched", string.Create(Inv, $"{q.UnmetNeedsMatched} / {q.UnmetNeeds}")),
            ("unmet needs coverage", P(q.UnmetNeedsCoverage)),
            ("total score", q.TotalScore.ToString("0.00", Inv)),
            ("mean score", q.MeanScore.ToString("0.00", Inv)),
            ("median score", q.MedianScore.ToString("0.00", Inv)),
            ("cross-background (either)", P(q.CrossEitherShare)),
            ("cross-ethnic", P(q.CrossEthnicShare)),
            ("cross-socioeconomic", P(q.CrossSocioeconomicShare)),
            ("in-person distance mean km", q.MeanDistanceKm?.ToString("0.0", Inv) ?? "-"),
            ("in-person distance p90 km", q.P90DistanceKm?.ToString("0.0", Inv) ?? "-"),
            ("mentor capacity used", P(q.CapacityUse)),
            ("largest gap by area", P(q.LargestGap.GetValueOrDefault("area"))),
            ("largest gap by ethnicity", P(q.LargestGap.GetValueOrDefault("ethnicity"))),
            ("largest gap by gender", P(q.LargestGap.GetValueOrDefault("gender"))),
            ("largest gap by unmet needs", P(q.LargestGap.GetValueOrDefault("unmet_needs"))),
            ("hard-rule violations", q.Violations.ToString(Inv)),
            (q.BlockingAmongCandidatesOnly ? "blocking pairs (candidates)" : "blocking pairs", q.BlockingPairs.ToString(Inv)),
        };
        if (q.StatedPreferences is { } sp)
        {
            rows.Add(("pairs chosen (either side)", sp.PairsChosen.ToString(Inv)));
            rows.Add(("pairs chosen by both", sp.PairsChosenByBoth.ToString(Inv)));
            rows.Add(("first choices honoured", sp.FirstChoices.ToString(Inv)));
            rows.Add(("blocking pairs (stated)", sp.BlockingPairs.ToString(Inv)));
        }

        if (elapsed is { } t)
        {
            rows.Add(("run time s", t.TotalSeconds.ToString("0.000", Inv)));
        }

        return rows;
    }

    private static string P(double share) => share.ToString("0.0%", Inv);

    /// <summary>A side-by-side table for a terminal.</summary>
    /// <param name="w">Destination.</param>
    /// <param name="columns">One (name, report, run time) per column.</param>
    public static void WriteText(TextWriter w, IReadOnlyList<(string Name, QualityReport Quality, TimeSpan? Elapsed)> columns)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(columns);
        var rows = columns.Select(c => Rows(c.Quality, c.Elapsed)).ToList();
        var names = rows[0].Select(r => r.Name).ToList();
        var width = Math.Max(28, names.Max(n => n.Length) + 2);
        var colWidth = Math.Max(14, columns.Max(c => c.Name.Length) + 2);
        var sb = new StringBuilder();
        sb.Append("".PadRight(width));
        foreach (var c in columns)
        {
            sb.Append(c.Name.PadLeft(colWidth));
        }

        w.WriteLine(sb.ToString());
        for (var i = 0; i < names.Count; i++)
        {
            sb.Clear().Append(names[i].PadRight(width));
            foreach (var r in rows)
            {
                sb.Append((i < r.Count ? r[i].Value : string.Empty).PadLeft(colWidth));
            }

            w.WriteLine(sb.ToString());
        }
    }

    /// <summary>The same table as CSV: a row per figure, a column per set of pairs.</summary>
    /// <param name="w">Destination.</param>
    /// <param name="columns">One (name, report, run time) per column.</param>
    public static void WriteCsv(TextWriter w, IReadOnlyList<(string Name, QualityReport Quality, TimeSpan? Elapsed)> columns)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(columns);
        static string Cell(string s)
        {
            // RFC 4180 quoting (separator, quote, line breaks) and the formula guard of every CSV output.
            s = Csv.CellGuard.Escape(s);
            return s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
        }

        var rows = columns.Select(c => Rows(c.Quality, c.Elapsed)).ToList();
        w.Write("figure");
        foreach (var c in columns)
        {
            w.Write("," + Cell(c.Name));
        }

        w.Write('\n');
        for (var i = 0; i < rows[0].Count; i++)
        {
            w.Write(Cell(rows[0][i].Name));
            foreach (var r in rows)
            {
                w.Write("," + Cell(i < r.Count ? r[i].Value : string.Empty));
            }

            w.Write('\n');
        }
    }

    /// <summary>Every figure (groups included) as JSON: an object per set of pairs.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="columns">One (name, report, run time) per column.</param>
    public static void WriteJson(Stream stream, IReadOnlyList<(string Name, QualityReport Quality, TimeSpan? Elapsed)> columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(columns);
        using var j = new Utf8JsonWriter(stream, Json.Options);
        j.WriteStartArray();
        foreach (var (name, q, elapsed) in columns)
        {
            j.WriteStartObject();
            j.WriteString("name", name);
            j.WriteNumber("mentees", q.Mentees);
            j.WriteNumber("matched", q.Matched);
            j.WriteNumber("matched_share", Math.Round(q.MatchedShare, 4));
            j.WriteNumber("unmet_needs", q.UnmetNeeds);
            j.WriteNumber("unmet_needs_matched", q.UnmetNeedsMatched);
            j.WriteNumber("total_score", q.TotalScore);
            j.WriteNumber("mean_score", q.MeanScore);
            j.WriteNumber("median_score", q.MedianScore);
            j.WriteStartArray("score_histogram");
            foreach (var h in q.ScoreHistogram)
            {
                j.WriteNumberValue(h);
            }

            j.WriteEndArray();
            j.WriteNumber("cross_ethnic_share", q.CrossEthnicShare);
            j.WriteNumber("cross_socioeconomic_share", q.CrossSocioeconomicShare);
            j.WriteNumber("cross_either_share", q.CrossEitherShare);
            j.WriteNumber("in_person_pairs", q.InPersonPairs);
            if (q.MeanDistanceKm is { } md)
            {
                j.WriteNumber("mean_distance_km", md);
                j.WriteNumber("p90_distance_km", q.P90DistanceKm ?? 0);
            }

            j.WriteNumber("mentor_places", q.MentorPlaces);
            j.WriteNumber("capacity_use", Math.Round(q.CapacityUse, 4));
            j.WriteStartArray("groups");
            foreach (var g in q.Groups)
            {
                j.WriteStartObject();
                j.WriteString("dimension", g.Dimension);
                j.WriteString("group", g.Group);
                j.WriteNumber("mentees", g.Mentees);
                j.WriteNumber("matched", g.Matched);
                j.WriteNumber("rate", Math.Round(g.Rate, 4));
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteStartObject("largest_gap");
            foreach (var (k, v) in q.LargestGap.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                j.WriteNumber(k, Math.Round(v, 4));
            }

            j.WriteEndObject();
            j.WriteNumber("violations", q.Violations);
            j.WriteStartArray("violation_examples");
            foreach (var v in q.ViolationExamples)
            {
                j.WriteStringValue(v);
            }

            j.WriteEndArray();
            j.WriteNumber("blocking_pairs", q.BlockingPairs);
            j.WriteBoolean("blocking_among_candidates_only", q.BlockingAmongCandidatesOnly);
            if (q.StatedPreferences is { } sp)
            {
                j.WriteStartObject("stated_preferences");
                j.WriteNumber("preferences", sp.Preferences);
                j.WriteNumber("pairs_chosen", sp.PairsChosen);
                j.WriteNumber("pairs_chosen_by_both", sp.PairsChosenByBoth);
                j.WriteNumber("first_choices", sp.FirstChoices);
                j.WriteNumber("blocking_pairs", sp.BlockingPairs);
                j.WriteEndObject();
            }

            if (elapsed is { } t)
            {
                j.WriteNumber("run_time_s", Math.Round(t.TotalSeconds, 3));
            }

            j.WriteEndObject();
        }

        j.WriteEndArray();
        j.Flush();
        stream.WriteByte((byte)'\n');
    }
}
