using System.Globalization;
using MatchEngine.Model;

namespace MatchEngine.Rules;

/// <summary>What a rule sees of a candidate pair. Ages are on the batch's as-of date.</summary>
/// <param name="Mentor">The mentor.</param>
/// <param name="Mentee">The mentee.</param>
/// <param name="MentorAge">The mentor's age in completed years.</param>
/// <param name="MenteeAge">The mentee's age in completed years.</param>
/// <param name="DistanceKm">Great-circle distance when both coordinates are known.</param>
/// <param name="Options">The programme's options.</param>
public readonly record struct PairContext(Mentor Mentor, Mentee Mentee, int MentorAge, int MenteeAge, double? DistanceKm, MatchOptions Options);

/// <summary>
/// A hard rule. It takes the meeting modes still allowed for a pair and returns those it allows;
/// a pair whose allowed modes become empty cannot be matched, and the rule that emptied them is the reason.
/// Rules are never traded for score.
/// </summary>
public interface IEligibilityRule
{
    /// <summary>Stable, machine-readable reason code, e.g. <c>MENTOR_TOO_YOUNG</c>.</summary>
    string Code { get; }

    /// <summary>Filters the allowed modes.</summary>
    /// <param name="pair">The pair.</param>
    /// <param name="allowed">Modes allowed by the rules before this one.</param>
    /// <returns>The modes this rule allows, a subset of <paramref name="allowed"/>.</returns>
    MeetingModes Apply(in PairContext pair, MeetingModes allowed);

    /// <summary>A sentence fragment a coordinator understands, saying why this rule excluded the pair, from the mentee's side.</summary>
    /// <param name="pair">The pair.</param>
    /// <returns>The fragment, e.g. <c>no background check</c>.</returns>
    string Describe(in PairContext pair);
}

/// <summary>The stable reason codes of the built-in rules.</summary>
public static class RuleCodes
{
    /// <summary>The mentor is not older than the minimum age.</summary>
    public const string MentorTooYoung = "MENTOR_TOO_YOUNG";

    /// <summary>The mentor has not completed training.</summary>
    public const string MentorNotTrained = "MENTOR_NOT_TRAINED";

    /// <summary>The mentee's age is outside the programme's range.</summary>
    public const string MenteeAgeOutOfRange = "MENTEE_AGE_OUT_OF_RANGE";

    /// <summary>The two accept no meeting mode in common.</summary>
    public const string NoCommonMode = "NO_COMMON_MODE";

    /// <summary>Virtual and hybrid are only for mentees of 18 or over.</summary>
    public const string RemoteUnder18 = "REMOTE_UNDER_18";

    /// <summary>A mentee under 18 needs a background-checked mentor.</summary>
    public const string NoBackgroundCheck = "NO_BACKGROUND_CHECK";

    /// <summary>Too far apart for the in-person modes left (or in different regions with a coordinate missing).</summary>
    public const string TooFar = "TOO_FAR";

    /// <summary>Both stated when they are free, and they share no slot.</summary>
    public const string NoCommonAvailability = "NO_COMMON_AVAILABILITY";

    /// <summary>The pair was excluded explicitly.</summary>
    public const string Excluded = "EXCLUDED_PAIR";

    /// <summary>The pair scores below the programme's minimum pair score.</summary>
    public const string ScoreBelowMinimum = "SCORE_BELOW_MINIMUM";
}

/// <summary>A mentor must be older than <see cref="MatchOptions.MentorMinAgeExclusive"/>.</summary>
public sealed class MentorAgeRule : IEligibilityRule
{
    /// <inheritdoc/>
    public string Code => RuleCodes.MentorTooYoung;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed) =>
        pair.MentorAge > pair.Options.MentorMinAgeExclusive ? allowed : MeetingModes.None;

    /// <inheritdoc/>
    public string Describe(in PairContext pair) =>
        string.Create(CultureInfo.InvariantCulture, $"mentor aged {pair.MentorAge}: mentors must be over {pair.Options.MentorMinAgeExclusive}");
}

/// <summary>A mentor must have completed the mandatory training.</summary>
public sealed class MentorTrainingRule : IEligibilityRule
{
    /// <inheritdoc/>
    public string Code => RuleCodes.MentorNotTrained;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed) =>
        pair.Mentor.TrainingComplete ? allowed : MeetingModes.None;

    /// <inheritdoc/>
    public string Describe(in PairContext pair) => "mentor has not completed training";
}

/// <summary>A mentee must be aged <see cref="MatchOptions.MenteeMinAge"/> to <see cref="MatchOptions.MenteeMaxAge"/> inclusive.</summary>
public sealed class MenteeAgeRule : IEligibilityRule
{
    /// <inheritdoc/>
    public string Code => RuleCodes.MenteeAgeOutOfRange;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed) =>
        pair.MenteeAge >= pair.Options.MenteeMinAge && pair.MenteeAge <= pair.Options.MenteeMaxAge ? allowed : MeetingModes.None;

    /// <inheritdoc/>
    public string Describe(in PairContext pair) =>
        string.Create(CultureInfo.InvariantCulture, $"aged {pair.MenteeAge}: the programme takes young people aged {pair.Options.MenteeMinAge} to {pair.Options.MenteeMaxAge}");
}

/// <summary>Both must accept at least one meeting mode in common.</summary>
public sealed class CommonModeRule : IEligibilityRule
{
    /// <inheritdoc/>
    public string Code => RuleCodes.NoCommonMode;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed) => allowed & pair.Mentor.Modes & pair.Mentee.Modes;

    /// <inheritdoc/>
    public string Describe(in PairContext pair)
    {
        var modes = pair.Mentee.Modes;
        var prefix = string.Empty;
        if (pair.Options.RemoteOnlyForAdults && pair.MenteeAge < pair.Options.RemoteMinAge)
        {
            modes &= ~(MeetingModes.Virtual | MeetingModes.Hybrid);
            prefix = string.Create(CultureInfo.InvariantCulture, $"under {pair.Options.RemoteMinAge}: ");
        }

        return $"{prefix}no mentor offers {MeetingModeNames.Join(modes).Replace("|", " or ", StringComparison.Ordinal)}";
    }
}

/// <summary>Virtual and hybrid mentoring only for mentees aged <see cref="MatchOptions.RemoteMinAge"/> or over (safeguarding).</summary>
public sealed class RemoteAgeRule : IEligibilityRule
{
    /// <inheritdoc/>
    public string Code => RuleCodes.RemoteUnder18;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed)
    {
        if (!pair.Options.RemoteOnlyForAdults || pair.MenteeAge >= pair.Options.RemoteMinAge)
        {
            return allowed;
        }

        var left = allowed & ~(MeetingModes.Virtual | MeetingModes.Hybrid);
        return (left & pair.Mentee.Modes) == 0 ? MeetingModes.None : left;
    }

    /// <inheritdoc/>
    public string Describe(in PairContext pair) =>
        string.Create(CultureInfo.InvariantCulture, $"aged {pair.MenteeAge} and accepts only {MeetingModeNames.Join(pair.Mentee.Modes)}: virtual and hybrid mentoring are only for {pair.Options.RemoteMinAge} and over (safeguarding)");
}

/// <summary>A mentee under <see cref="MatchOptions.BackgroundCheckUnderAge"/> only with a background-checked mentor.</summary>
public sealed class BackgroundCheckRule : IEligibilityRule
{
    /// <inheritdoc/>
    public string Code => RuleCodes.NoBackgroundCheck;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed) =>
        !pair.Options.RequireBackgroundCheck || pair.MenteeAge >= pair.Options.BackgroundCheckUnderAge || pair.Mentor.BackgroundChecked ? allowed : MeetingModes.None;

    /// <inheritdoc/>
    public string Describe(in PairContext pair) =>
        string.Create(CultureInfo.InvariantCulture, $"under {pair.Options.BackgroundCheckUnderAge}: no background-checked mentor offers face-to-face within {pair.Options.FaceToFaceMaxKm:0.#} km");
}

/// <summary>
/// Face-to-face and hybrid only within the travel limits (great-circle distance). Where a coordinate is missing,
/// the in-person modes need the same region. Virtual is unaffected.
/// </summary>
public sealed class TravelDistanceRule : IEligibilityRule
{
    /// <inheritdoc/>
    public string Code => RuleCodes.TooFar;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed)
    {
        if ((allowed & (MeetingModes.FaceToFace | MeetingModes.Hybrid)) == 0)
        {
            return allowed;
        }

        if (pair.DistanceKm is not { } d)
        {
            return string.Equals(pair.Mentor.Region.Trim(), pair.Mentee.Region.Trim(), StringComparison.OrdinalIgnoreCase)
                ? allowed
                : allowed & MeetingModes.Virtual;
        }

        if (d > pair.Options.FaceToFaceMaxKm)
        {
            allowed &= ~MeetingModes.FaceToFace;
        }

        if (d > pair.Options.HybridMaxKm)
        {
            allowed &= ~MeetingModes.Hybrid;
        }

        return allowed;
    }

    /// <inheritdoc/>
    public string Describe(in PairContext pair)
    {
        var modes = pair.Mentee.Modes & (MeetingModes.FaceToFace | MeetingModes.Hybrid);
        var parts = new List<string>(2);
        if ((modes & MeetingModes.FaceToFace) != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"face-to-face within {pair.Options.FaceToFaceMaxKm:0.#} km"));
        }

        if ((modes & MeetingModes.Hybrid) != 0 && (!pair.Options.RemoteOnlyForAdults || pair.MenteeAge >= pair.Options.RemoteMinAge))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"hybrid within {pair.Options.HybridMaxKm:0.#} km"));
        }

        var what = parts.Count == 0 ? "in-person meetings within reach" : string.Join(" or ", parts);
        return $"no mentor who could otherwise meet them offers {what}";
    }
}

/// <summary>Pairs that must never be made (a conflict of interest, a past pair that ended badly).</summary>
public sealed class ExcludedPairRule : IEligibilityRule
{
    private readonly HashSet<(string Mentee, string Mentor)> _pairs;

    /// <summary>Creates the rule.</summary>
    /// <param name="pairs">The excluded pairs.</param>
    public ExcludedPairRule(IEnumerable<PairRef> pairs)
        : this((pairs ?? throw new ArgumentNullException(nameof(pairs))).Select(p => (p.MenteeId, p.MentorId)))
    {
    }

    /// <summary>Creates the rule from (mentee id, mentor id) pairs.</summary>
    /// <param name="pairs">The excluded (mentee id, mentor id) pairs.</param>
    internal ExcludedPairRule(IEnumerable<(string MenteeId, string MentorId)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _pairs = [.. pairs];
    }

    /// <summary>Number of excluded pairs.</summary>
    public int Count => _pairs.Count;

    /// <summary>The excluded (mentee id, mentor id) pairs.</summary>
    internal IEnumerable<(string Mentee, string Mentor)> Pairs => _pairs;

    /// <inheritdoc/>
    public string Code => RuleCodes.Excluded;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed) =>
        _pairs.Contains((pair.Mentee.Id, pair.Mentor.Id)) ? MeetingModes.None : allowed;

    /// <inheritdoc/>
    public string Describe(in PairContext pair) => "the pair is on the excluded list";
}

/// <summary>
/// No pair scoring below <see cref="MatchOptions.MinPairScore"/> is made. It is checked after scoring (in the
/// pair's best mode), so <see cref="Apply"/> lets every mode through; the engine applies the threshold.
/// </summary>
internal sealed class MinimumScoreRule : IEligibilityRule
{
    /// <summary>The one instance.</summary>
    public static MinimumScoreRule Instance { get; } = new();

    /// <inheritdoc/>
    public string Code => RuleCodes.ScoreBelowMinimum;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed) => allowed;

    /// <inheritdoc/>
    public string Describe(in PairContext pair) =>
        string.Create(CultureInfo.InvariantCulture, $"every allowed pair with them scores below the programme's minimum pair score of {pair.Options.MinPairScore:0.##}");
}
