using MatchEngine.Model;

namespace MatchEngine.Scoring;

/// <summary>
/// The score of a pair, 0 to 100, and its parts. Each component is 0 to 1 and earns its weight
/// (see <see cref="ScoreWeights"/>) times its value. A value that is missing earns nothing.
/// </summary>
/// <param name="EthnicityDifference">1 when both ethnicity groups are stated and differ.</param>
/// <param name="SocioeconomicDifference">1 when both backgrounds are stated and differ.</param>
/// <param name="Proximity">For modes that meet in person: 1 at 0 km falling to 0 at the proximity scale; 0 when virtual or a coordinate is missing.</param>
/// <param name="SectorFit">1 when the mentor's sector is among the mentee's interests.</param>
/// <param name="SharedLanguage">1 when they share a stated language.</param>
/// <param name="GenderPreference">1 when the mentee stated a preferred mentor gender and the mentor has it.</param>
/// <param name="Total">The weighted sum, 0 to 100, rounded to hundredths.</param>
public readonly record struct ScoreBreakdown(
    double EthnicityDifference,
    double SocioeconomicDifference,
    double Proximity,
    double SectorFit,
    double SharedLanguage,
    double GenderPreference,
    double Total)
{
    /// <summary>1 down to 0 as the pair chose each other in stated preferences (see <see cref="Preferences.StatedPreferences.Value"/>); 0 when the weight is 0.</summary>
    public double StatedPreference { get; init; }

    /// <summary>The total in hundredths of a point (0 to 10,000): the integer the solver maximises.</summary>
    public int Points => (int)Math.Round(Total * 100, MidpointRounding.AwayFromZero);

    /// <summary>The pair crosses an ethnic or socioeconomic line (both values stated and different).</summary>
    public bool CrossBackground => EthnicityDifference > 0 || SocioeconomicDifference > 0;
}

/// <summary>Scores pairs under the given weights.</summary>
internal sealed class PairScorer
{
    private readonly MatchOptions _options;

    /// <summary>Creates a scorer.</summary>
    /// <param name="options">The options holding the weights and proximity scale.</param>
    public PairScorer(MatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Scores a pair meeting in the given mode.</summary>
    /// <param name="mentor">The mentor.</param>
    /// <param name="mentee">The mentee.</param>
    /// <param name="mode">A single meeting mode.</param>
    /// <param name="distanceKm">Their distance when known.</param>
    /// <returns>The breakdown.</returns>
    public ScoreBreakdown Score(Mentor mentor, Mentee mentee, MeetingModes mode, double? distanceKm)
    {
        ArgumentNullException.ThrowIfNull(mentor);
        ArgumentNullException.ThrowIfNull(mentee);
        var w = _options.Weights;
        double eth = Differ(mentor.Ethnicity, mentee.Ethnicity);
        double ses = Differ(mentor.Socioeconomic, mentee.Socioeconomic);
        double prox = 0;
        if (mode != MeetingModes.Virtual && distanceKm is { } d)
        {
            prox = Math.Clamp(1 - (d / _options.ProximityScaleKm), 0, 1);
        }

        double sector = mentor.Sector is { Length: > 0 } s && Contains(mentee.Interests, s) ? 1 : 0;
        double lang = 0;
        foreach (var l in mentor.Languages)
        {
            if (Contains(mentee.Languages, l))
            {
                lang = 1;
                break;
            }
        }

        double gender = mentee.PreferredMentorGender is { Length: > 0 } pg && mentor.Gender is { Length: > 0 } g
            && string.Equals(pg.Trim(), g.Trim(), StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        var total = (w.EthnicityDifference * eth) + (w.SocioeconomicDifference * ses) + (w.Proximity * prox)
            + (w.SectorFit * sector) + (w.SharedLanguage * lang) + (w.GenderPreference * gender);
        var pref = w.StatedPreference > 0 && _options.StatedPreferences is { } sp ? sp.Value(mentee.Id, mentor.Id) : 0;
        total = Math.Round(Math.Clamp(total, 0, 100) + (w.StatedPreference * pref), 2, MidpointRounding.AwayFromZero);
        return new ScoreBreakdown(eth, ses, prox, sector, lang, gender, total) { StatedPreference = pref };
    }

    /// <summary>Chooses the mode among <paramref name="allowed"/> with the best score; ties go to hybrid, then face-to-face, then virtual.</summary>
    /// <param name="mentor">The mentor.</param>
    /// <param name="mentee">The mentee.</param>
    /// <param name="allowed">Modes the hard rules allow (not empty).</param>
    /// <param name="distanceKm">Their distance when known.</param>
    /// <returns>The chosen mode and its score.</returns>
    public (MeetingModes Mode, ScoreBreakdown Score) Best(Mentor mentor, Mentee mentee, MeetingModes allowed, double? distanceKm)
    {
        if (allowed == MeetingModes.None)
        {
            throw new ArgumentException("A pair with no allowed mode cannot be scored.", nameof(allowed));
        }

        var best = (Mode: MeetingModes.None, Score: default(ScoreBreakdown));
        foreach (var mode in PreferenceOrder)
        {
            if ((allowed & mode) == 0)
            {
                continue;
            }

            var s = Score(mentor, mentee, mode, distanceKm);
            if (best.Mode == MeetingModes.None || s.Points > best.Score.Points)
            {
                best = (mode, s);
            }
        }

        return best;
    }

    private static readonly MeetingModes[] PreferenceOrder = [MeetingModes.Hybrid, MeetingModes.FaceToFace, MeetingModes.Virtual];

    private static int Differ(string? a, string? b) =>
        string.IsNullOrWhiteSpace(a) || string.IsNullOrWhiteSpace(b) ? 0
        : string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase) ? 0 : 1;

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        var v = value.Trim();
        foreach (var x in list)
        {
            if (string.Equals(x.Trim(), v, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
