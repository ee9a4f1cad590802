using System.Globalization;
using System.Net;
using System.Text;
using MatchEngine.Analytics;

namespace MatchEngine.Reports;

/// <summary>The content of the HTML page <see cref="HtmlReport"/> writes (<c>matchengine report</c>): what it shows.</summary>
public sealed record HtmlReportContent
{
    /// <summary>The page title, e.g. the programme and intake.</summary>
    public required string Title { get; init; }

    /// <summary>The as-of date.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The figures of the pairs the page is about.</summary>
    public required QualityFigures Main { get; init; }

    /// <summary>Strategies compared on the same batch (may be empty).</summary>
    public IReadOnlyList<StrategyResult> Comparison { get; init; } = [];

    /// <summary>Why people are unmatched (the match's unmatched entries); the section is left out when empty.</summary>
    public IReadOnlyList<UnmatchedEntry> Unmatched { get; init; } = [];

    /// <summary>A policy sweep whose frontier is charted, when one was run.</summary>
    public IReadOnlyList<SweepResult>? Sweep { get; init; }

    /// <summary>The run's reproducibility record, shown at the end of the page.</summary>
    public RunInfo? Run { get; init; }
}

/// <summary>
/// Writes the HTML report (<c>matchengine report</c>): one self-contained page (no script, no network: inline CSS and SVG) with the figures of a match and charts:
/// score histogram, match rate by group, travel distances, capacity use, and the strategy comparison. Written for a
/// coordinator or a funder.
/// </summary>
public static class HtmlReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the page: headline figures, score histogram, match rate by group, travel, capacity, why people are unmatched (a chart per reason code), the strategy comparison, the sweep's frontier when given, and the run's reproducibility record.</summary>
    /// <param name="w">Destination.</param>
    /// <param name="content">What to show.</param>
    public static void Write(TextWriter w, HtmlReportContent content)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(content);
        var (title, asOf, main, comparison) = (content.Title, content.AsOf, content.Main, content.Comparison);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<title>").Append(E(title)).Append("</title><style>");
        sb.Append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:980px;color:#1b1f24;padding:0 1rem}");
        sb.Append("h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}");
        sb.Append(".sub{color:#57606a}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.8rem;margin:1.2rem 0}");
        sb.Append(".card{background:#f6f8fa;border-radius:10px;padding:.8rem 1rem}.card b{display:block;font-size:1.6rem}.card span{color:#57606a;font-size:.9rem}");
        sb.Append("table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{padding:.35rem .5rem;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}");
        sb.Append("svg text{font-size:11px;fill:#333}.note{color:#57606a;font-size:.88rem}</style></head><body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>");
        sb.Append("<p class=\"sub\">Ages and rules as of ").Append(asOf.ToString("d MMMM yyyy", Inv)).Append(". Produced by MatchEngine.</p>\n");

        sb.Append("<div class=\"cards\" id=\"headline\">");
        Card(sb, "matched", $"{main.Matched:N0} of {main.Mentees:N0}", P(main.MatchedShare) + " of young people");
        Card(sb, "unmet-needs", P(main.UnmetNeedsCoverage), $"of {main.UnmetNeeds:N0} with unmet needs matched");
        Card(sb, "cross-background", P(main.CrossEitherShare), "of pairs cross an ethnic or class line");
        Card(sb, "mean-score", main.MeanScore.ToString("0.0", Inv), "mean pair score (of 100)");
        Card(sb, "distance", main.MeanDistanceKm is { } d ? d.ToString("0.0", Inv) + " km" : "-", "mean travel, in-person pairs");
        Card(sb, "capacity", P(main.CapacityUse), $"of {main.MentorPlaces:N0} mentor places used");
        sb.Append("</div>\n");
        if (main.Violations > 0)
        {
            sb.Append("<p class=\"note\" id=\"violations\"><b>").Append(main.Violations).Append(" pairs break a rule</b>: ")
                .Append(E(string.Join("; ", main.ViolationExamples.Take(5)))).Append("</p>");
        }

        sb.Append("<h2>Pair scores</h2><p class=\"note\">How many pairs scored in each band of 10 points (difference of background, closeness, relatability).</p>");
        Bars(sb, "chart-scores", [.. main.ScoreHistogram.Select((v, i) => (string.Create(Inv, $"{i * 10}-{(i * 10) + 10}"), (double)v))], v => v.ToString("0", Inv), "#2f81f7");

        sb.Append("<h2>Match rate by group</h2><p class=\"note\">Share of young people matched in each group; the largest gap between groups (of five or more) is shown per group type.</p>");
        foreach (var dim in main.Groups.Select(g => g.Dimension).Distinct())
        {
            var rows = main.Groups.Where(g => g.Dimension == dim).ToList();
            sb.Append("<h3 style=\"font-size:1rem\">").Append(E(Title(dim))).Append(" <span class=\"note\">(largest gap ")
                .Append(P(main.LargestGap.GetValueOrDefault(dim))).Append(")</span></h3>");
            HBars(sb, "chart-group-" + dim, [.. rows.Select(r => (string.Create(Inv, $"{r.Group} ({r.Mentees})"), r.Rate))]);
        }

        sb.Append("<h2>Travel distance</h2><p class=\"note\">In-person pairs by distance (km); the 90th percentile is ")
            .Append(main.P90DistanceKm is { } p90 ? p90.ToString("0.0", Inv) + " km" : "-").Append(".</p>");
        var bins = new double[10];
        foreach (var km in main.Distances)
        {
            bins[Math.Clamp((int)(km / 5), 0, 9)]++;
        }

        Bars(sb, "chart-distance", [.. bins.Select((v, i) => (string.Create(Inv, $"{i * 5}-{(i * 5) + 5}"), v))], v => v.ToString("0", Inv), "#1a7f37");

        sb.Append("<h2>Mentor capacity</h2><p class=\"note\">Mentors by how many of their places are used.</p>");
        Bars(sb, "chart-capacity", [.. main.MentorsByPlacesUsed.Select((v, i) => (string.Create(Inv, $"{i} used"), (double)v))], v => v.ToString("0", Inv), "#bf8700");

        Unmatched(sb, content.Unmatched);
        if (comparison.Count > 0)
        {
            sb.Append("<h2>Strategies compared</h2><p class=\"note\">The same people and the same pair set, all eligible pairs (")
                .Append(main.AllowedPairs.ToString("N0", Inv)).Append("), matched five ways; blocking pairs are counted over all of them. The random strategy shows the mean of its draws.</p>");
            sb.Append("<table id=\"comparison\"><tr><th>figure</th>");
            foreach (var c in comparison)
            {
                sb.Append("<th>").Append(E(Tidy.Name(c.Strategy))).Append("</th>");
            }

            sb.Append("</tr>");
            var (_, lines) = QualityWriter.Table(Tidy.Rows(comparison));
            foreach (var line in lines)
            {
                sb.Append("<tr><td>").Append(E(line[0])).Append("</td>");
                foreach (var cell in line.Skip(1))
                {
                    sb.Append("<td>").Append(E(cell)).Append("</td>");
                }

                sb.Append("</tr>");
            }

            sb.Append("</table>");
            foreach (var note in QualityWriter.Notes(Tidy.Rows(comparison)))
            {
                sb.Append("<p class=\"note\">").Append(E(note)).Append("</p>");
            }

            // Bars on the table's own scale: the mean pair score out of 100, labelled as the table shows it.
            sb.Append("<h3 style=\"font-size:1rem\">Mean pair score by strategy (of 100)</h3>");
            HBars(sb, "chart-strategies", [.. comparison.Select(c => (Tidy.Name(c.Strategy), MeanScore(c) / 100))], v => (v * 100).ToString("0.00", Inv));
        }

        if (content.Sweep is { Count: > 0 } sweep)
        {
            Sweep(sb, sweep);
        }

        if (content.Run is { } run)
        {
            Reproducibility(sb, run);
        }

        sb.Append("\n<p class=\"note\">Rules: mentors over 25 and trained; young people 11 to 25; virtual and hybrid only from 18; under-18s only with a background-checked mentor; face-to-face within 25 km, hybrid within 50 km.</p>");
        sb.Append("</body></html>\n");
        w.Write(sb.ToString());
    }

    private static void Unmatched(StringBuilder sb, IReadOnlyList<UnmatchedEntry> unmatched)
    {
        var mentees = unmatched.Where(u => u.Role == PersonRole.Mentee).ToList();
        if (unmatched.Count == 0)
        {
            return;
        }

        sb.Append("<h2 id=\"unmatched-reasons\">Why people are unmatched</h2><p class=\"note\">")
            .Append(mentees.Count.ToString("N0", Inv)).Append(" young people without a mentor, by the reason code in unmatched.csv; then, per code, how many eligible mentors each of them had.</p>");
        var byCode = mentees.GroupBy(u => u.ReasonCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        Bars(sb, "chart-unmatched", [.. byCode.Select(g => (g.Key, (double)g.Count()))], v => v.ToString("0", Inv), "#cf222e");
        foreach (var g in byCode)
        {
            sb.Append("<h3 style=\"font-size:1rem\">").Append(E(g.Key)).Append(" <span class=\"note\">(")
                .Append(g.Count().ToString("N0", Inv)).Append("), e.g. ").Append(E(g.First().Reason)).Append("</span></h3>");
            var bands = new (string Label, Func<int, bool> In)[] { ("0", n => n == 0), ("1", n => n == 1), ("2-4", n => n is >= 2 and <= 4), ("5-9", n => n is >= 5 and <= 9), ("10+", n => n >= 10) };
            Bars(sb, "chart-reason-" + g.Key, [.. bands.Select(b => (b.Label + " eligible", (double)g.Count(u => b.In(u.EligibleCount))))], v => v.ToString("0", Inv), "#cf222e");
        }

        var spare = unmatched.Where(u => u.Role == PersonRole.Mentor).ToList();
        if (spare.Count > 0)
        {
            sb.Append("<p class=\"note\">Mentors with unused places: ").Append(spare.Count.ToString("N0", Inv)).Append(" (")
                .Append(E(string.Join(", ", spare.GroupBy(u => u.ReasonCode).OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => string.Create(Inv, $"{x.Key} {x.Count()}"))))).Append(").</p>");
        }
    }

    private static void Sweep(StringBuilder sb, IReadOnlyList<SweepResult> sweep)
    {
        sb.Append("<h2 id=\"sweep\">Policy sweep</h2><p class=\"note\">The same batch matched under each policy of the grid. The frontier shows what each cross-background share costs in pair score.</p>");
        sb.Append("<table id=\"sweep-table\"><tr><th>policy</th><th>matched</th><th>unmet needs matched</th><th>mean score</th><th>total score</th><th>cross-background</th><th>target</th><th>score given up</th></tr>");
        foreach (var r in sweep)
        {
            var q = r.Quality;
            var quota = r.Result.Quota;
            sb.Append("<tr><td>").Append(E(r.Point.Label)).Append("</td><td>").Append(q.Matched.ToString(Inv)).Append("</td><td>").Append(q.UnmetNeedsMatched.ToString(Inv))
                .Append("</td><td>").Append(q.MeanScore.ToString("0.00", Inv)).Append("</td><td>").Append(q.TotalScore.ToString("0.00", Inv))
                .Append("</td><td>").Append(P(q.CrossEitherShare)).Append("</td><td>").Append(quota is null ? "-" : quota.Feasible ? "met" : "not met")
                .Append("</td><td>").Append(quota is null ? "-" : (quota.ScoreGivenUp / 100.0).ToString("0.00", Inv)).Append("</td></tr>");
        }

        sb.Append("</table>");
        sb.Append("<h3 style=\"font-size:1rem\">Frontier: mean pair score against cross-background share</h3>");
        Line(sb, "chart-frontier", [.. sweep.Select(r => (r.Quality.CrossEitherShare, r.Quality.MeanScore, Short(r.Point.Label)))], "cross-background share", "mean pair score", v => v.ToString("0.0%", Inv), v => v.ToString("0.00", Inv));
        sb.Append("<h3 style=\"font-size:1rem\">Matched against minimum pair score</h3>");
        Line(sb, "chart-matched-min-score", [.. sweep.Select(r => (r.Point.Options.MinPairScore, (double)r.Quality.Matched, Short(r.Point.Label)))], "minimum pair score", "young people matched", v => v.ToString("0.#", Inv), v => v.ToString("0", Inv));
    }

    private static string Short(string label)
    {
        var parts = label.Split(';').Select(p => p[(p.LastIndexOf('.') is var i && i >= 0 && i < p.IndexOf('=', StringComparison.Ordinal) ? i + 1 : 0)..]);
        return string.Join("; ", parts);
    }

    private static void Reproducibility(StringBuilder sb, RunInfo run)
    {
        sb.Append("<h2>Reproducibility</h2><table id=\"reproducibility\">");
        void Row(string k, string v) => sb.Append("<tr><td>").Append(E(k)).Append("</td><td style=\"text-align:left;font-family:monospace\">").Append(E(v)).Append("</td></tr>");
        Row("engine version", run.EngineVersion);
        Row("as of", run.AsOf?.ToString("yyyy-MM-dd", Inv) ?? "-");
        Row("policy sha256", run.PolicySha256);
        foreach (var s in run.Seeds)
        {
            Row("seed " + s.Name, s.Value.ToString(Inv));
        }

        foreach (var i in run.Inputs)
        {
            Row(i.Role + " " + i.Name + " sha256", i.Sha256);
        }

        sb.Append("</table><details><summary class=\"note\">Effective policy</summary><table id=\"policy\">");
        foreach (var (k, v) in run.Policy)
        {
            Row(k, v);
        }

        sb.Append("</table></details>");
    }

    /// <summary>A line chart of points (x, y, label) joined in x order, axes from the data's range.</summary>
    private static void Line(StringBuilder sb, string id, (double X, double Y, string Label)[] data, string xTitle, string yTitle, Func<double, string> fx, Func<double, string> fy)
    {
        const int width = 900, height = 300, left = 70, right = 30, top = 20, bottom = 50;
        var pts = data.OrderBy(d => d.X).ThenBy(d => d.Y).ToArray();
        double x0 = pts.Min(d => d.X), x1 = pts.Max(d => d.X), y0 = pts.Min(d => d.Y), y1 = pts.Max(d => d.Y);
        if (x1 - x0 < 1e-9)
        {
            (x0, x1) = (x0 - 0.5, x1 + 0.5);
        }

        if (y1 - y0 < 1e-9)
        {
            (y0, y1) = (y0 - 1, y1 + 1);
        }

        double X(double v) => left + ((width - left - right) * (v - x0) / (x1 - x0));
        double Y(double v) => height - bottom - ((height - top - bottom) * (v - y0) / (y1 - y0));
        sb.Append(string.Create(Inv, $"<svg id=\"{id}\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"));
        sb.Append(string.Create(Inv, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - right}\" y2=\"{height - bottom}\" stroke=\"#888\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{height - bottom}\" stroke=\"#888\"/>"));
        for (var t = 0; t <= 4; t++)
        {
            var xv = x0 + ((x1 - x0) * t / 4);
            var yv = y0 + ((y1 - y0) * t / 4);
            sb.Append(string.Create(Inv, $"<text x=\"{X(xv):0.#}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{E(fx(xv))}</text>"));
            sb.Append(string.Create(Inv, $"<text x=\"{left - 6}\" y=\"{Y(yv) + 4:0.#}\" text-anchor=\"end\">{E(fy(yv))}</text>"));
        }

        sb.Append(string.Create(Inv, $"<text x=\"{(left + width - right) / 2}\" y=\"{height - 8}\" text-anchor=\"middle\">{E(xTitle)}</text>"));
        sb.Append(string.Create(Inv, $"<text x=\"14\" y=\"{(top + height - bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {(top + height - bottom) / 2})\">{E(yTitle)}</text>"));
        sb.Append("<polyline fill=\"none\" stroke=\"#2f81f7\" stroke-width=\"2\" points=\"")
            .AppendJoin(' ', pts.Select(p => string.Create(Inv, $"{X(p.X):0.#},{Y(p.Y):0.#}"))).Append("\"/>");
        foreach (var p in pts)
        {
            sb.Append(string.Create(Inv, $"<circle cx=\"{X(p.X):0.#}\" cy=\"{Y(p.Y):0.#}\" r=\"4\" fill=\"#2f81f7\"><title>{E(p.Label)}: {E(fx(p.X))}, {E(fy(p.Y))}</title></circle>"));
        }

        sb.Append("</svg>\n");
    }

    private static double MeanScore(StrategyResult c) =>
        c.Spread.FirstOrDefault(x => x.Metric == "mean_score" && x.Group == Tidy.All)?.Mean ?? c.Quality.MeanScore;

    private static string Title(string dim) => dim switch
    {
        "unmet_needs" => "Unmet needs",
        "area" => "Area",
        _ => char.ToUpperInvariant(dim[0]) + dim[1..],
    };

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string P(double share) => share.ToString("0.0%", Inv);

    private static void Card(StringBuilder sb, string id, string value, string label) =>
        sb.Append("<div class=\"card\" id=\"card-").Append(id).Append("\"><b>").Append(E(value)).Append("</b><span>").Append(E(label)).Append("</span></div>");

    private static void Bars(StringBuilder sb, string id, (string Label, double Value)[] data, Func<double, string> format, string colour)
    {
        const int width = 900, height = 220, left = 40, bottom = 30, top = 15;
        var max = Math.Max(1, data.Length == 0 ? 1 : data.Max(d => d.Value));
        var slot = (width - left) / (double)Math.Max(1, data.Length);
        sb.Append(string.Create(Inv, $"<svg id=\"{id}\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"));
        for (var i = 0; i < data.Length; i++)
        {
            var h = (height - bottom - top) * data[i].Value / max;
            var x = left + (i * slot) + (slot * 0.1);
            var y = height - bottom - h;
            sb.Append(string.Create(Inv, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.8:0.#}\" height=\"{h:0.#}\" fill=\"{colour}\"><title>{E(data[i].Label)}: {format(data[i].Value)}</title></rect>"));
            sb.Append(string.Create(Inv, $"<text x=\"{x + (slot * 0.4):0.#}\" y=\"{y - 3:0.#}\" text-anchor=\"middle\">{format(data[i].Value)}</text>"));
            sb.Append(string.Create(Inv, $"<text x=\"{x + (slot * 0.4):0.#}\" y=\"{height - 12}\" text-anchor=\"middle\">{E(data[i].Label)}</text>"));
        }

        sb.Append("</svg>\n");
    }

    private static void HBars(StringBuilder sb, string id, (string Label, double Share)[] data, Func<double, string>? format = null)
    {
        const int width = 900, row = 22, label = 260;
        format ??= v => P(v);
        var height = (data.Length * row) + 10;
        sb.Append(string.Create(Inv, $"<svg id=\"{id}\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"));
        for (var i = 0; i < data.Length; i++)
        {
            var y = (i * row) + 4;
            var w = (width - label - 70) * Math.Clamp(data[i].Share, 0, 1);
            sb.Append(string.Create(Inv, $"<text x=\"0\" y=\"{y + 14}\">{E(data[i].Label)}</text>"));
            sb.Append(string.Create(Inv, $"<rect x=\"{label}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{row - 6}\" fill=\"#8250df\"><title>{E(data[i].Label)}: {format(data[i].Share)}</title></rect>"));
            sb.Append(string.Create(Inv, $"<text x=\"{label + w + 6:0.#}\" y=\"{y + 14}\">{format(data[i].Share)}</text>"));
        }

        sb.Append("</svg>\n");
    }
}
