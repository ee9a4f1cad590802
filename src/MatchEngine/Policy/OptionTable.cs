using System.Globalization;

namespace MatchEngine.Policy;

/// <summary>How the value of an option is written and checked.</summary>
internal enum OptionKind
{
    /// <summary>A number within the option's range.</summary>
    Number,

    /// <summary>A whole number within the option's range.</summary>
    Integer,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>An <see cref="ObjectiveOrder"/>, written "most-pairs-first" or "best-pairs-first".</summary>
    Objective,

    /// <summary>A share from 0 to 1, or null for none.</summary>
    NullableShare,

    /// <summary>A list of priority tiers (see <see cref="Priority.PriorityTiers"/>).</summary>
    TierList,
}

/// <summary>
/// One option, declared once: its property on <see cref="MatchOptions"/>, its field in the policy file, its range and
/// what it means. <see cref="MatchOptions.Validate"/> and <see cref="PolicyFile"/> both read it.
/// </summary>
/// <param name="PolicyPath">The field in the policy file, e.g. <c>travel.face_to_face_max_km</c>.</param>
/// <param name="Property">The property on <see cref="MatchOptions"/> (or <see cref="ScoreWeights"/> when <paramref name="InWeights"/>).</param>
/// <param name="InWeights">Whether the property is one of <see cref="MatchOptions.Weights"/>.</param>
/// <param name="Kind">How the value is written and checked.</param>
/// <param name="Min">The least value allowed.</param>
/// <param name="Max">The largest value allowed (infinity: no upper limit).</param>
/// <param name="Description">What the option does, as the policy file's comment says it.</param>
/// <param name="Get">Reads the value.</param>
/// <param name="Set">Returns options with the value set.</param>
internal sealed record OptionField(
    string PolicyPath,
    string Property,
    bool InWeights,
    OptionKind Kind,
    double Min,
    double Max,
    string Description,
    Func<MatchOptions, object?> Get,
    Func<MatchOptions, object?, MatchOptions> Set)
{
    /// <summary>Another option whose value is also a lower bound of this one (e.g. the oldest mentee age is at least the youngest).</summary>
    public string? AtLeastProperty { get; init; }

    /// <summary>
    /// A safeguarding option: it can only tighten safeguarding, never switch it off or loosen it. A switch must stay
    /// true; an age can be raised from <see cref="Min"/> (18), never lowered below it.
    /// </summary>
    public bool Safeguarding { get; init; }

    /// <summary>The property as a caller of the library writes it: <c>FaceToFaceMaxKm</c>, <c>Weights.Proximity</c>.</summary>
    public string QualifiedProperty => InWeights ? $"{nameof(MatchOptions.Weights)}.{Property}" : Property;

    /// <summary>The range as a message says it: "0 to 1000", or "0 or more" without an upper limit.</summary>
    public string Range(double min) => double.IsPositiveInfinity(Max)
        ? string.Create(CultureInfo.InvariantCulture, $"{min} or more")
        : string.Create(CultureInfo.InvariantCulture, $"{min} to {Max}");
}

/// <summary>Every option with its default (on <see cref="MatchOptions"/>), range and policy-file field, and the checks on them.</summary>
internal static class OptionTable
{
    /// <summary>The youngest age a safeguarding age option may take: safeguarding covers at least every under-18.</summary>
    public const int SafeguardingMinAge = 18;

    /// <summary>Why a safeguarding option cannot take a value that loosens it.</summary>
    public const string SafeguardingWhy = "safeguarding cannot be switched off";

    /// <summary>The sections of the policy file that group fields.</summary>
    public static IReadOnlyList<string> Sections { get; } = ["weights", "travel", "ages", "safeguarding", "scale"];

    /// <summary>Every option, in the order the policy file lists them.</summary>
    public static IReadOnlyList<OptionField> Fields { get; } =
    [
        W("ethnicity_difference", nameof(ScoreWeights.EthnicityDifference), "points when mentor and mentee are of different ethnicity groups (both stated)", o => o.EthnicityDifference, (o, v) => o with { EthnicityDifference = v }),
        W("socioeconomic_difference", nameof(ScoreWeights.SocioeconomicDifference), "points when their socioeconomic backgrounds differ (both stated)", o => o.SocioeconomicDifference, (o, v) => o with { SocioeconomicDifference = v }),
        W("proximity", nameof(ScoreWeights.Proximity), "points for meeting in person close by (full at 0 km, none at travel.proximity_scale_km)", o => o.Proximity, (o, v) => o with { Proximity = v }),
        W("sector_fit", nameof(ScoreWeights.SectorFit), "points when the mentor's sector is among the mentee's interests", o => o.SectorFit, (o, v) => o with { SectorFit = v }),
        W("shared_language", nameof(ScoreWeights.SharedLanguage), "points when they share a language", o => o.SharedLanguage, (o, v) => o with { SharedLanguage = v }),
        W("gender_preference", nameof(ScoreWeights.GenderPreference), "points when the mentee's stated preferred mentor gender is met", o => o.GenderPreference, (o, v) => o with { GenderPreference = v }),
        W("stated_preference", nameof(ScoreWeights.StatedPreference), "points ON TOP of the 100 when they chose each other in --preferences (rank 1 = full, 5 = a fifth; a bonus when mutual); 0 = preferences do not change the score", o => o.StatedPreference, (o, v) => o with { StatedPreference = v }),
        N("travel.face_to_face_max_km", nameof(MatchOptions.FaceToFaceMaxKm), OptionKind.Number, 0, 1000, "largest distance for face-to-face pairs, km", o => o.FaceToFaceMaxKm, (o, v) => o with { FaceToFaceMaxKm = (double)v! }),
        N("travel.hybrid_max_km", nameof(MatchOptions.HybridMaxKm), OptionKind.Number, 0, 1000, "largest distance for hybrid pairs, km", o => o.HybridMaxKm, (o, v) => o with { HybridMaxKm = (double)v! }),
        N("travel.proximity_scale_km", nameof(MatchOptions.ProximityScaleKm), OptionKind.Number, 0.1, 1000, "distance at which the proximity points reach zero, km", o => o.ProximityScaleKm, (o, v) => o with { ProximityScaleKm = (double)v! }),
        N("ages.mentor_older_than", nameof(MatchOptions.MentorMinAgeExclusive), OptionKind.Integer, 16, 120, "mentors must be older than this (in completed years on the as-of date)", o => o.MentorMinAgeExclusive, (o, v) => o with { MentorMinAgeExclusive = (int)(double)v! }),
        N("ages.mentee_min", nameof(MatchOptions.MenteeMinAge), OptionKind.Integer, 0, 120, "youngest mentee age taken", o => o.MenteeMinAge, (o, v) => o with { MenteeMinAge = (int)(double)v! }),
        N("ages.mentee_max", nameof(MatchOptions.MenteeMaxAge), OptionKind.Integer, 0, 120, "oldest mentee age taken", o => o.MenteeMaxAge, (o, v) => o with { MenteeMaxAge = (int)(double)v! }) with { AtLeastProperty = nameof(MatchOptions.MenteeMinAge) },
        N("safeguarding.remote_only_for_adults", nameof(MatchOptions.RemoteOnlyForAdults), OptionKind.Boolean, 0, 0, "virtual and hybrid mentoring only for mentees aged remote_min_age or over (safeguarding: must stay true)", o => o.RemoteOnlyForAdults, (o, v) => o with { RemoteOnlyForAdults = (bool)v! }) with { Safeguarding = true },
        N("safeguarding.remote_min_age", nameof(MatchOptions.RemoteMinAge), OptionKind.Integer, SafeguardingMinAge, 120, "youngest age for virtual and hybrid mentoring (safeguarding: 18 or more; may be raised, never lowered)", o => o.RemoteMinAge, (o, v) => o with { RemoteMinAge = (int)(double)v! }) with { Safeguarding = true },
        N("safeguarding.require_background_check", nameof(MatchOptions.RequireBackgroundCheck), OptionKind.Boolean, 0, 0, "mentees under background_check_under_age only with a background-checked (DBS) mentor (safeguarding: must stay true)", o => o.RequireBackgroundCheck, (o, v) => o with { RequireBackgroundCheck = (bool)v! }) with { Safeguarding = true },
        N("safeguarding.background_check_under_age", nameof(MatchOptions.BackgroundCheckUnderAge), OptionKind.Integer, SafeguardingMinAge, 120, "mentees younger than this need a background-checked mentor (safeguarding: 18 or more; may be raised, never lowered)", o => o.BackgroundCheckUnderAge, (o, v) => o with { BackgroundCheckUnderAge = (int)(double)v! }) with { Safeguarding = true },
        N("objective", nameof(MatchOptions.Objective), OptionKind.Objective, 0, 0, "\"most-pairs-first\": most unmet-needs mentees, then most mentees, then best total score; \"best-pairs-first\": most unmet-needs mentees, then best total score", o => o.Objective, (o, v) => o with { Objective = (ObjectiveOrder)v! }),
        N("priority", nameof(MatchOptions.Priority), OptionKind.TierList, 0, 0, "ordered priority tiers matched first, highest first: \"unmet_needs\", \"waited_rounds>=K\" (rounds_waited column), \"waiting_since<=YYYY-MM-DD\" (waiting_since column)", o => o.Priority, (o, v) => o with { Priority = ((IReadOnlyList<string>)v!).SequenceEqual(o.Priority, StringComparer.Ordinal) ? o.Priority : (IReadOnlyList<string>)v! }),
        N("min_pair_score", nameof(MatchOptions.MinPairScore), OptionKind.Number, 0, 100, "no pair scoring below this (0 to 100) is made", o => o.MinPairScore, (o, v) => o with { MinPairScore = (double)v! }),
        N("min_cross_background_share", nameof(MatchOptions.MinCrossBackgroundShare), OptionKind.NullableShare, 0, 1, "batch target: least share of pairs crossing an ethnic or socioeconomic line (e.g. 0.75), or null for none; only score is traded for it", o => o.MinCrossBackgroundShare, (o, v) => o with { MinCrossBackgroundShare = (double?)v }),
        N("exact_quota_max_pairs", nameof(MatchOptions.ExactQuotaMaxPairs), OptionKind.Integer, 0, 10_000_000, "up to this many allowed pairs, a gap left by the Lagrangian method is closed exactly with CP-SAT", o => o.ExactQuotaMaxPairs, (o, v) => o with { ExactQuotaMaxPairs = (int)(double)v! }),
        N("scale.dense_pair_limit", nameof(MatchOptions.DensePairLimit), OptionKind.Integer, 0, double.PositiveInfinity, "batches with at most this many mentor x mentee pairs check every pair; larger ones take the large-batch engine (bounds, counts proof, pricing); both are exact", o => o.DensePairLimit, (o, v) => o with { DensePairLimit = ToLong((double)v!) }),
        N("scale.time_limit_seconds", nameof(MatchOptions.TimeLimitSeconds), OptionKind.Number, 0, double.PositiveInfinity, "large batches: once this many seconds have passed, or another round would pass them, the next pricing round is the last, and the match in hand is returned with its certified gap instead of being proven optimal (0: no limit; a limited result depends on the machine's speed)", o => o.TimeLimitSeconds, (o, v) => o with { TimeLimitSeconds = (double)v! }),
        N("scale.memory_limit_mib", nameof(MatchOptions.MemoryLimitMiB), OptionKind.Number, 0, double.PositiveInfinity, "large batches: once the process's peak memory has passed this many MiB, or another round would pass it, the next pricing round is the last, and the match in hand is returned with its certified gap instead of being proven optimal (0: no limit; a guide, not a cap: the first solve runs whatever it is)", o => o.MemoryLimitMiB, (o, v) => o with { MemoryLimitMiB = (double)v! }),
        N("scale.candidates_per_mentee", nameof(MatchOptions.CandidatesPerMentee), OptionKind.Integer, 1, 1000, "large batches: the best allowed mentors in the first restricted set per mentee (speed only: the result is exact whatever it is)", o => o.CandidatesPerMentee, (o, v) => o with { CandidatesPerMentee = (int)(double)v! }),
        N("scale.candidate_search_budget", nameof(MatchOptions.CandidateSearchBudget), OptionKind.Integer, 1, 100_000, "no effect (kept so that older policy files still read): the exact large-batch engine examines what its bounds require", o => o.CandidateSearchBudget, (o, v) => o with { CandidateSearchBudget = (int)(double)v! }) with { AtLeastProperty = nameof(MatchOptions.CandidatesPerMentee) },
        N("scale.widening_rounds", nameof(MatchOptions.WideningRounds), OptionKind.Integer, 0, 10, "no effect (kept so that older policy files still read): the exact large-batch engine prices every left-out pair", o => o.WideningRounds, (o, v) => o with { WideningRounds = (int)(double)v! }),
    ];

    /// <summary>Every problem with the options, each naming its field the way <paramref name="name"/> says.</summary>
    /// <param name="options">The options to check.</param>
    /// <param name="name">How a field is named: by its property for a caller of the library, by its policy-file field for a policy.</param>
    /// <param name="weightsName">How the weights as a whole are named, or null for no prefix.</param>
    /// <param name="weightsOnly">Check only the score weights.</param>
    public static List<string> Validate(MatchOptions options, Func<OptionField, string> name, string? weightsName, bool weightsOnly = false)
    {
        var errors = new List<string>();
        var weightErrors = 0;
        foreach (var f in Fields.Where(f => !weightsOnly || f.InWeights))
        {
            if (f.InWeights && options.Weights is null)
            {
                continue;
            }

            var value = f.Get(options);
            var expected = Problem(f, value, options, name);
            if (expected is not null)
            {
                var shown = value is bool b ? (b ? "true" : "false") : value;
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name(f)}: {shown} is not allowed; expected {expected}."));
                weightErrors += f.InWeights ? 1 : 0;
            }
        }

        if (options.Weights is null)
        {
            errors.Add($"{weightsName ?? nameof(MatchOptions.Weights)}: missing.");
        }
        else if (weightErrors == 0 && Math.Abs(options.Weights.Total - 100) > 1e-9)
        {
            var prefix = weightsName is null ? string.Empty : weightsName + ": ";
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}the weights sum to {options.Weights.Total}; they must sum to 100."));
        }

        return errors;
    }

    /// <summary>What is expected of the value, or null when it is fine.</summary>
    private static string? Problem(OptionField f, object? value, MatchOptions options, Func<OptionField, string> name)
    {
        switch (f.Kind)
        {
            case OptionKind.Boolean:
                return f.Safeguarding && value is false ? SafeguardingProblem(f) : null;
            case OptionKind.Objective:
                return value is ObjectiveOrder o && Enum.IsDefined(o) ? null : "MostPairsFirst or BestPairsFirst";
            case OptionKind.NullableShare when value is null:
                return null;
            case OptionKind.TierList:
                return value is IReadOnlyList<string> tiers && Priority.PriorityTiers.Parse(tiers, out var tierErrors) is null
                    ? string.Join(" ", tierErrors)
                    : value is null ? "a list of tiers" : null;
            default:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                var bound = f.AtLeastProperty is { } other ? Fields.First(x => x.Property == other) : null;
                var min = bound is null ? f.Min : Math.Max(f.Min, Convert.ToDouble(bound.Get(options), CultureInfo.InvariantCulture));
                if (double.IsFinite(d) && d >= min && d <= f.Max)
                {
                    return null;
                }

                if (f.Safeguarding && double.IsFinite(d) && d < f.Min)
                {
                    return SafeguardingProblem(f);
                }

                return bound is null ? f.Range(min) : $"{f.Range(min)} (at least {name(bound)})";
        }
    }

    /// <summary>What a safeguarding option expects, and why, when a value would switch it off or loosen it.</summary>
    public static string SafeguardingProblem(OptionField f) => f.Kind == OptionKind.Boolean
        ? $"true: {SafeguardingWhy}; a policy or option can only tighten it"
        : $"{f.Range(f.Min)}: {SafeguardingWhy}; a policy or option can raise this age but never lower it below {SafeguardingMinAge}";

    private static long ToLong(double d) => d >= long.MaxValue ? long.MaxValue : (long)d;

    private static OptionField N(string path, string property, OptionKind kind, double min, double max, string description, Func<MatchOptions, object?> get, Func<MatchOptions, object?, MatchOptions> set) =>
        new(path, property, false, kind, min, max, description, get, set);

    private static OptionField W(string name, string property, string description, Func<ScoreWeights, double> get, Func<ScoreWeights, double, ScoreWeights> set) =>
        new("weights." + name, property, true, OptionKind.Number, 0, 100, description, o => get(o.Weights), (o, v) => o with { Weights = set(o.Weights, (double)v!) });
}
