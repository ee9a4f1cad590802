using System.Globalization;
using System.Text.Json;
using MatchEngine.Model;
using MatchEngine.Scoring;

namespace MatchEngine.Reports;

/// <summary>Renders an <see cref="Explanation"/> for a terminal or as JSON.</summary>
public static class ExplanationWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the explanation as text a coordinator reads in a terminal.</summary>
    /// <param name="w">Destination.</param>
    /// <param name="x">The explanation.</param>
    /// <param name="mentee">The mentee explained.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="options">The options the match used (for the weights).</param>
    /// <param name="top">How many alternatives to list.</param>
    public static void WriteText(TextWriter w, Explanation x, Mentee mentee, DateOnly asOf, MatchOptions options, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mentee);
        ArgumentNullException.ThrowIfNull(options);
        w.WriteLine(string.Create(Inv, $"Mentee {mentee.Id}: aged {Age.On(mentee.BirthDate, asOf)} on {asOf:yyyy-MM-dd}, {mentee.Region}, accepts {MeetingModeNames.Join(mentee.Modes)}{(mentee.UnmetNeeds ? ", unmet needs" : string.Empty)}"));
        if (x.Chosen is { } c)
        {
            w.WriteLine(string.Create(Inv, $"Matched with {c.MentorId}{(c.Locked ? " (locked: a running relationship, kept as it is)" : string.Empty)}: score {c.Score.Total:0.00}, {MeetingModeNames.Name(c.Mode)}{Km(c.DistanceKm)}{(c.CrossBackground ? ", cross-background" : string.Empty)}"));
            Breakdown(w, c.Score, options.Weights, "  ");
        }
        else if (x.Unmatched is { } u)
        {
            w.WriteLine($"Not matched ({u.ReasonCode}): {u.Reason}");
        }

        var allowed = x.Alternatives.Count + (x.Chosen is null || x.Chosen.Locked ? 0 : 1);
        w.WriteLine();
        w.WriteLine(string.Create(Inv, $"Allowed mentors: {allowed}. Best alternatives{(x.Alternatives.Count > top ? string.Create(Inv, $" (top {top} of {x.Alternatives.Count})") : string.Empty)}:"));
        if (x.Alternatives.Count == 0)
        {
            w.WriteLine("  none");
        }

        foreach (var a in x.Alternatives.Take(top))
        {
            w.WriteLine(string.Create(Inv, $"  {a.MentorId,-12} score {a.Score!.Value.Total,6:0.00}  {MeetingModeNames.Name(a.Mode),-12}{Km(a.DistanceKm),-12}  {Why(a, x.Chosen)}"));
        }

        w.WriteLine();
        w.WriteLine(string.Create(Inv, $"Excluded by the rules: {x.Rejected.Count} mentors."));
        foreach (var group in x.Rejected.GroupBy(r => r.RuleCode!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            // Each reason is about one mentor and this young person; a group shows its first.
            w.WriteLine(string.Create(Inv, $"  {group.Key} ({group.Count()}): {(group.Count() == 1 ? first.Reason : $"e.g. {first.MentorId}: {first.Reason}")}"));
            var ids = group.Select(r => r.MentorId).ToList();
            w.WriteLine("    " + string.Join(", ", ids.Take(20)) + (ids.Count > 20 ? string.Create(Inv, $", ... ({ids.Count - 20} more; --json lists all)") : string.Empty));
        }

        if (x.Focus is { } f)
        {
            w.WriteLine();
            if (!f.Eligible)
            {
                w.WriteLine($"Mentor {f.MentorId}: not allowed ({f.RuleCode}): {f.Reason}.");
            }
            else
            {
                w.WriteLine(string.Create(Inv, $"Mentor {f.MentorId}: allowed, score {f.Score!.Value.Total:0.00}, {MeetingModeNames.Name(f.Mode)}{Km(f.DistanceKm)}; {Why(f, x.Chosen)}"));
                Breakdown(w, f.Score.Value, options.Weights, "  ");
            }
        }
    }

    private static string Why(CandidateView a, MatchedPair? chosen)
    {
        if (chosen is not null && chosen.MentorId == a.MentorId)
        {
            return "the chosen mentor";
        }

        if (a.MentorsMentees.Count >= a.Capacity)
        {
            return string.Create(Inv, $"full: matched with {string.Join(", ", a.MentorsMentees)}");
        }

        return chosen is null
            ? "has a free place (not expected: report this)"
            : string.Create(Inv, $"had a free place; {chosen.MentorId} gave a better whole-batch result");
    }

    private static void Breakdown(TextWriter w, ScoreBreakdown s, ScoreWeights wt, string indent)
    {
        foreach (var (name, value, weight) in Parts(s, wt))
        {
            w.WriteLine(string.Create(Inv, $"{indent}{name,-26} {value,4:0.00} x {weight,3:0.##} = {value * weight,6:0.00}"));
        }
    }

    private static (string Name, double Value, double Weight)[] Parts(ScoreBreakdown s, ScoreWeights wt) =>
    [
        ("ethnicity difference", s.EthnicityDifference, wt.EthnicityDifference),
        ("socioeconomic difference", s.SocioeconomicDifference, wt.SocioeconomicDifference),
        ("proximity", s.Proximity, wt.Proximity),
        ("sector fit", s.SectorFit, wt.SectorFit),
        ("shared language", s.SharedLanguage, wt.SharedLanguage),
        ("gender preference", s.GenderPreference, wt.GenderPreference),
        .. wt.StatedPreference > 0 ? [("stated preference", s.StatedPreference, wt.StatedPreference)] : Array.Empty<(string, double, double)>(),
    ];

    private static string Km(double? d) => d is { } v ? string.Create(Inv, $", {v:0.0} km") : string.Empty;

    /// <summary>Writes the explanation as JSON for tools.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="x">The explanation.</param>
    /// <param name="mentee">The mentee explained.</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="options">The options the match used.</param>
    public static void WriteJson(Stream stream, Explanation x, Mentee mentee, DateOnly asOf, MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mentee);
        ArgumentNullException.ThrowIfNull(options);
        using var j = new Utf8JsonWriter(stream, Reports.Json.Options);
        j.WriteStartObject();
        j.WriteString("mentee_id", x.MenteeId);
        j.WriteNumber("age", Age.On(mentee.BirthDate, asOf));
        j.WriteString("as_of", asOf.ToString("yyyy-MM-dd", Inv));
        if (x.Chosen is { } c)
        {
            j.WriteStartObject("chosen");
            j.WriteString("mentor_id", c.MentorId);
            j.WriteBoolean("locked", c.Locked);
            j.WriteString("mode", MeetingModeNames.Name(c.Mode));
            Distance(j, c.DistanceKm);
            j.WriteBoolean("cross_background", c.CrossBackground);
            Score(j, c.Score);
            j.WriteEndObject();
        }
        else
        {
            j.WriteNull("chosen");
        }

        if (x.Unmatched is { } u)
        {
            j.WriteStartObject("unmatched");
            j.WriteString("reason_code", u.ReasonCode);
            j.WriteString("reason", u.Reason);
            j.WriteNumber("eligible_count", u.EligibleCount);
            j.WriteEndObject();
        }

        j.WriteStartArray("alternatives");
        foreach (var a in x.Alternatives)
        {
            Candidate(j, a);
        }

        j.WriteEndArray();
        j.WriteStartArray("rejected");
        foreach (var r in x.Rejected)
        {
            Candidate(j, r);
        }

        j.WriteEndArray();
        if (x.Focus is { } f)
        {
            j.WritePropertyName("mentor");
            Candidate(j, f);
        }

        j.WriteEndObject();
        j.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void Candidate(Utf8JsonWriter j, CandidateView v)
    {
        j.WriteStartObject();
        j.WriteString("mentor_id", v.MentorId);
        j.WriteBoolean("eligible", v.Eligible);
        if (v.Eligible)
        {
            j.WriteString("mode", MeetingModeNames.Name(v.Mode));
            Score(j, v.Score!.Value);
            j.WriteNumber("capacity", v.Capacity);
            Json.WriteStrings(j, "matched_with", v.MentorsMentees);
        }
        else
        {
            j.WriteString("rule_code", v.RuleCode);
            j.WriteString("reason", v.Reason);
        }

        Distance(j, v.DistanceKm);
        j.WriteEndObject();
    }

    private static void Distance(Utf8JsonWriter j, double? d)
    {
        if (d is { } v)
        {
            j.WriteNumber("distance_km", Math.Round(v, 2));
        }
        else
        {
            j.WriteNull("distance_km");
        }
    }

    private static void Score(Utf8JsonWriter j, ScoreBreakdown s)
    {
        j.WriteNumber("score", s.Total);
        j.WriteStartObject("parts");
        j.WriteNumber("ethnicity_difference", s.EthnicityDifference);
        j.WriteNumber("socioeconomic_difference", s.SocioeconomicDifference);
        j.WriteNumber("proximity", Math.Round(s.Proximity, 4));
        j.WriteNumber("sector_fit", s.SectorFit);
        j.WriteNumber("shared_language", s.SharedLanguage);
        j.WriteNumber("gender_preference", s.GenderPreference);
        j.WriteNumber("stated_preference", s.StatedPreference);
        j.WriteEndObject();
    }
}
