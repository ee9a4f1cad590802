using System.Globalization;
using System.Text;
using System.Text.Json;
using MatchEngine.Csv;

namespace MatchEngine.Policy;

/// <summary>The outcome of loading a policy file: the options, or every problem found, each naming its field.</summary>
/// <param name="Options">The options when the file is valid; otherwise null.</param>
/// <param name="Errors">Every problem, each naming its field.</param>
public sealed record PolicyLoadResult(MatchOptions? Options, IReadOnlyList<string> Errors)
{
    /// <summary>Whether the file is valid.</summary>
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// A programme's policy as a JSON file (comments allowed): score weights, travel limits, ages, safeguarding
/// switches, objective order, minimum pair score and the cross-background target. Every field is optional; a field
/// left out keeps its default. Unknown fields and out-of-range values are errors naming the field.
/// </summary>
public static class PolicyFile
{
    private enum Kind
    {
        Number,
        Integer,
        Boolean,
        Objective,
        NullableShare,
    }

    private sealed record Field(string Path, Kind Kind, double Min, double Max, string Description, Func<MatchOptions, object?> Get, Func<MatchOptions, object?, MatchOptions> Set);

    private static readonly Field[] Fields =
    [
        W("ethnicity_difference", "points when mentor and mentee are of different ethnicity groups (both stated)", o => o.EthnicityDifference, (o, v) => o with { EthnicityDifference = v }),
        W("socioeconomic_difference", "points when their socioeconomic backgrounds differ (both stated)", o => o.SocioeconomicDifference, (o, v) => o with { SocioeconomicDifference = v }),
        W("proximity", "points for meeting in person close by (full at 0 km, none at travel.proximity_scale_km)", o => o.Proximity, (o, v) => o with { Proximity = v }),
        W("sector_fit", "points when the mentor's sector is among the mentee's interests", o => o.SectorFit, (o, v) => o with { SectorFit = v }),
        W("shared_language", "points when they share a language", o => o.SharedLanguage, (o, v) => o with { SharedLanguage = v }),
        W("gender_preference", "points when the mentee's stated preferred mentor gender is met", o => o.GenderPreference, (o, v) => o with { GenderPreference = v }),
        W("stated_preference", "points ON TOP of the 100 when they chose each other in --preferences (rank 1 = full, 5 = a fifth; a bonus when mutual); 0 = preferences do not change the score", o => o.StatedPreference, (o, v) => o with { StatedPreference = v }),
        N("travel.face_to_face_max_km", Kind.Number, 0, 1000, "largest distance for face-to-face pairs, km", o => o.FaceToFaceMaxKm, (o, v) => o with { FaceToFaceMaxKm = (double)v! }),
        N("travel.hybrid_max_km", Kind.Number, 0, 1000, "largest distance for hybrid pairs, km", o => o.HybridMaxKm, (o, v) => o with { HybridMaxKm = (double)v! }),
        N("travel.proximity_scale_km", Kind.Number, 0.1, 1000, "distance at which the proximity points reach zero, km", o => o.ProximityScaleKm, (o, v) => o with { ProximityScaleKm = (double)v! }),
        N("ages.mentor_older_than", Kind.Integer, 16, 120, "mentors must be older than this (in completed years on the as-of date)", o => o.MentorMinAgeExclusive, (o, v) => o with { MentorMinAgeExclusive = (int)(double)v! }),
        N("ages.mentee_min", Kind.Integer, 0, 120, "youngest mentee age taken", o => o.MenteeMinAge, (o, v) => o with { MenteeMinAge = (int)(double)v! }),
        N("ages.mentee_max", Kind.Integer, 0, 120, "oldest mentee age taken", o => o.MenteeMaxAge, (o, v) => o with { MenteeMaxAge = (int)(double)v! }),
        N("safeguarding.remote_only_for_adults", Kind.Boolean, 0, 0, "virtual and hybrid mentoring only for mentees aged remote_min_age or over", o => o.RemoteOnlyForAdults, (o, v) => o with { RemoteOnlyForAdults = (bool)v! }),
        N("safeguarding.remote_min_age", Kind.Integer, 0, 120, "youngest age for virtual and hybrid mentoring", o => o.RemoteMinAge, (o, v) => o with { RemoteMinAge = (int)(double)v! }),
        N("safeguarding.require_background_check", Kind.Boolean, 0, 0, "mentees under background_check_under_age only with a background-checked (DBS) mentor", o => o.RequireBackgroundCheck, (o, v) => o with { RequireBackgroundCheck = (bool)v! }),
        N("safeguarding.background_check_under_age", Kind.Integer, 0, 120, "mentees younger than this need a background-checked mentor", o => o.BackgroundCheckUnderAge, (o, v) => o with { BackgroundCheckUnderAge = (int)(double)v! }),
        N("objective", Kind.Objective, 0, 0, "\"most-pairs-first\": most unmet-needs mentees, then most mentees, then best total score; \"best-pairs-first\": most unmet-needs mentees, then best total score", o => o.Objective == ObjectiveOrder.MostPairsFirst ? "most-pairs-first" : "best-pairs-first", (o, v) => o with { Objective = (ObjectiveOrder)v! }),
        N("min_pair_score", Kind.Number, 0, 100, "no pair scoring below this (0 to 100) is made", o => o.MinPairScore, (o, v) => o with { MinPairScore = (double)v! }),
        N("min_cross_background_share", Kind.NullableShare, 0, 1, "batch target: least share of pairs crossing an ethnic or socioeconomic line (e.g. 0.75), or null for none; only score is traded for it", o => o.MinCrossBackgroundShare, (o, v) => o with { MinCrossBackgroundShare = (double?)v }),
        N("exact_quota_max_pairs", Kind.Integer, 0, 10_000_000, "up to this many allowed pairs, a gap left by the Lagrangian method is closed exactly with CP-SAT", o => o.ExactQuotaMaxPairs, (o, v) => o with { ExactQuotaMaxPairs = (int)(double)v! }),
        N("scale.dense_pair_limit", Kind.Integer, 0, 1e15, "batches with at most this many mentor x mentee pairs check every pair (exact); larger ones search candidates through indexes", o => o.DensePairLimit, (o, v) => o with { DensePairLimit = (long)(double)v! }),
        N("scale.candidates_per_mentee", Kind.Integer, 1, 1000, "large batches: the best allowed mentors kept per mentee", o => o.CandidatesPerMentee, (o, v) => o with { CandidatesPerMentee = (int)(double)v! }),
        N("scale.candidate_search_budget", Kind.Integer, 1, 100_000, "large batches: mentors examined per mentee (nearest first, then a slice of the virtual pool)", o => o.CandidateSearchBudget, (o, v) => o with { CandidateSearchBudget = (int)(double)v! }),
        N("scale.widening_rounds", Kind.Integer, 0, 10, "large batches: rounds that widen the search where a left-out pair could still raise the score (closes the gap, costs time)", o => o.WideningRounds, (o, v) => o with { WideningRounds = (int)(double)v! }),
    ];

    private static Field N(string path, Kind kind, double min, double max, string description, Func<MatchOptions, object?> get, Func<MatchOptions, object?, MatchOptions> set) =>
        new(path, kind, min, max, description, get, set);

    private static Field W(string name, string description, Func<ScoreWeights, double> get, Func<ScoreWeights, double, ScoreWeights> set) =>
        new("weights." + name, Kind.Number, 0, 100, description, o => get(o.Weights), (o, v) => o with { Weights = set(o.Weights, (double)v!) });

    private static readonly string[] Sections = ["weights", "travel", "ages", "safeguarding", "scale"];

    /// <summary>Loads a policy file.</summary>
    /// <param name="json">The file's bytes.</param>
    /// <param name="file">File name used in messages.</param>
    /// <returns>The options, or every problem.</returns>
    public static PolicyLoadResult Load(Stream json, string file = "policy.json")
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<string>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new PolicyLoadResult(null, [string.Create(CultureInfo.InvariantCulture, $"{file}: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}")]);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new PolicyLoadResult(null, [$"{file}: expected a JSON object {{ ... }} at the top."]);
            }

            var options = MatchOptions.Default;
            Visit(doc.RootElement, string.Empty, file, errors, ref options);
            if (errors.Count == 0)
            {
                foreach (var e in options.Validate())
                {
                    errors.Add($"{file}: {Translate(e)}");
                }
            }

            return errors.Count == 0 ? new PolicyLoadResult(options, []) : new PolicyLoadResult(null, errors);
        }
    }

    private static void Visit(JsonElement obj, string prefix, string file, List<string> errors, ref MatchOptions options)
    {
        foreach (var prop in obj.EnumerateObject())
        {
            var path = prefix + prop.Name;
            if (prop.Name.StartsWith('$') || prop.Name is "description" or "comment")
            {
                continue;
            }

            if (prefix.Length == 0 && Sections.Contains(prop.Name))
            {
                if (prop.Value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{file}: field '{path}' must be an object {{ ... }}.");
                    continue;
                }

                Visit(prop.Value, path + ".", file, errors, ref options);
                continue;
            }

            var field = Fields.FirstOrDefault(f => f.Path == path);
            if (field is null)
            {
                var guess = Suggest.Closest(path, Fields.Select(f => f.Path).Concat(Sections));
                errors.Add($"{file}: unknown field '{path}'" + (guess is null ? "." : $" (did you mean '{guess}'?)."));
                continue;
            }

            var v = prop.Value;
            object? value = null;
            string? problem = null;
            switch (field.Kind)
            {
                case Kind.Boolean:
                    if (v.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    {
                        value = v.GetBoolean();
                    }
                    else
                    {
                        problem = "expected true or false";
                    }

                    break;
                case Kind.Objective:
                    var text = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    value = text switch
                    {
                        "most-pairs-first" => ObjectiveOrder.MostPairsFirst,
                        "best-pairs-first" => ObjectiveOrder.BestPairsFirst,
                        _ => null,
                    };
                    if (value is null)
                    {
                        var guess = text is null ? null : Suggest.Closest(text, ["most-pairs-first", "best-pairs-first"]);
                        problem = "expected \"most-pairs-first\" or \"best-pairs-first\"" + (guess is null ? string.Empty : $" (did you mean \"{guess}\"?)");
                    }

                    break;
                default:
                    if (field.Kind == Kind.NullableShare && v.ValueKind == JsonValueKind.Null)
                    {
                        value = null;
                        break;
                    }

                    if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
                    {
                        problem = field.Kind == Kind.Integer ? "expected a whole number" : field.Kind == Kind.NullableShare ? "expected a number from 0 to 1, or null" : "expected a number";
                        break;
                    }

                    if (field.Kind == Kind.Integer && d != Math.Floor(d))
                    {
                        problem = "expected a whole number";
                    }
                    else if (d < field.Min || d > field.Max)
                    {
                        problem = string.Create(CultureInfo.InvariantCulture, $"is out of range; expected {field.Min} to {field.Max}");
                    }

                    value = d;
                    break;
            }

            if (problem is not null)
            {
                errors.Add($"{file}: field '{path}' has {v.GetRawText()}: {problem}.");
                continue;
            }

            options = field.Set(options, value);
        }
    }

    private static string Translate(string validation) => validation
        .Replace("Weights.weights sum to", "weights sum to", StringComparison.Ordinal)
        .Replace("MenteeMaxAge", "field 'ages.mentee_max'", StringComparison.Ordinal)
        .Replace("Weights.", "field 'weights.", StringComparison.Ordinal);

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i < 0 ? message : message[..(i + 1)];
    }

    /// <summary>Writes every field with its default value and a comment saying what it does: a starting point for a programme's own policy.</summary>
    /// <returns>The JSON text (with // comments, which <see cref="Load"/> accepts).</returns>
    public static string Defaults()
    {
        var d = MatchOptions.Default;
        var sb = new StringBuilder();
        sb.Append("// MatchEngine policy: every field with its default. Leave a field out to keep its default.\n");
        sb.Append("// Use with: matchengine match --policy policy.json ...\n{\n");
        string? section = null;
        for (var i = 0; i < Fields.Length; i++)
        {
            var f = Fields[i];
            var dot = f.Path.IndexOf('.', StringComparison.Ordinal);
            var sec = dot < 0 ? null : f.Path[..dot];
            var name = dot < 0 ? f.Path : f.Path[(dot + 1)..];
            if (sec != section)
            {
                if (section is not null)
                {
                    sb.Append("  },\n");
                }

                if (sec is not null)
                {
                    sb.Append("  \"").Append(sec).Append("\": {\n");
                }

                section = sec;
            }

            var indent = sec is null ? "  " : "    ";
            var next = i + 1 < Fields.Length ? Fields[i + 1] : null;
            var nextSec = next is null ? null : next.Path.Contains('.', StringComparison.Ordinal) ? next.Path[..next.Path.IndexOf('.', StringComparison.Ordinal)] : null;
            var comma = next is not null && (nextSec == sec || sec is null) ? "," : string.Empty;
            sb.Append(indent).Append("// ").Append(f.Description).Append('\n');
            sb.Append(indent).Append('"').Append(name).Append("\": ").Append(Json(f.Get(d))).Append(comma).Append('\n');
            if (sec is not null && nextSec != sec)
            {
                sb.Append("  }").Append(next is null ? string.Empty : ",").Append('\n');
                section = null;
            }
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>The effective value of every policy field under these options, in the order of <see cref="Defaults"/>: the field's path and its value as JSON text.</summary>
    /// <param name="options">The options.</param>
    /// <returns>(path, JSON value) for every field.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Effective(MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [.. Fields.Select(f => new KeyValuePair<string, string>(f.Path, f.Get(options) is double x ? x.ToString("R", CultureInfo.InvariantCulture) : Json(f.Get(options))))];
    }

    /// <summary>Loads a policy file on top of other options (a sweep's base policy): fields left out keep the given values.</summary>
    internal static PolicyLoadResult LoadOnto(Stream json, string file, MatchOptions baseOptions)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(baseOptions);
        var errors = new List<string>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new PolicyLoadResult(null, [string.Create(CultureInfo.InvariantCulture, $"{file}: not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}")]);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new PolicyLoadResult(null, [$"{file}: expected a JSON object {{ ... }} at the top."]);
            }

            var options = baseOptions;
            Visit(doc.RootElement, string.Empty, file, errors, ref options);
            if (errors.Count == 0)
            {
                foreach (var e in options.Validate())
                {
                    errors.Add($"{file}: {Translate(e)}");
                }
            }

            return errors.Count == 0 ? new PolicyLoadResult(options, []) : new PolicyLoadResult(null, errors);
        }
    }

    /// <summary>Whether a path names a policy field.</summary>
    internal static bool IsField(string path) => Fields.Any(f => f.Path == path);

    /// <summary>The closest field path to a misspelt one, if any.</summary>
    internal static string? ClosestField(string path) => Suggest.Closest(path, Fields.Select(f => f.Path));

    private static string Json(object? v) => v switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => $"\"{s}\"",
        double x => x.ToString("0.###", CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        long n => n.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "null",
    };
}
