namespace MatchEngine.Analytics;

/// <summary>Match rate of one group of mentees (an area, an ethnicity, a gender, with or without unmet needs).</summary>
/// <param name="Dimension">What the groups are by: <c>area</c>, <c>ethnicity</c>, <c>gender</c>, <c>unmet_needs</c>.</param>
/// <param name="Group">The group's value (<c>(not given)</c> for a missing one).</param>
/// <param name="Mentees">Mentees in the group.</param>
/// <param name="Matched">Of them, matched.</param>
public sealed record GroupRate(string Dimension, string Group, int Mentees, int Matched)
{
    /// <summary>Matched share, 0 to 1.</summary>
    public double Rate => Mentees == 0 ? 0 : (double)Matched / Mentees;
}

/// <summary>Quality figures of a set of pairs on a batch: ours, made by hand, or by another tool.</summary>
public sealed record QualityFigures
{
    /// <summary>Mentees in the batch.</summary>
    public required int Mentees { get; init; }

    /// <summary>Mentees matched.</summary>
    public required int Matched { get; init; }

    /// <summary>Matched share.</summary>
    public double MatchedShare => Mentees == 0 ? 0 : (double)Matched / Mentees;

    /// <summary>Mentees with unmet needs.</summary>
    public required int UnmetNeeds { get; init; }

    /// <summary>Of them, matched.</summary>
    public required int UnmetNeedsMatched { get; init; }

    /// <summary>Unmet-needs coverage, 0 to 1.</summary>
    public double UnmetNeedsCoverage => UnmetNeeds == 0 ? 0 : (double)UnmetNeedsMatched / UnmetNeeds;

    /// <summary>Sum of pair scores.</summary>
    public required double TotalScore { get; init; }

    /// <summary>Mean pair score.</summary>
    public required double MeanScore { get; init; }

    /// <summary>Median pair score.</summary>
    public required double MedianScore { get; init; }

    /// <summary>Pairs per score band of 10 points (0-10, 10-20, ..., 90-100).</summary>
    public required IReadOnlyList<int> ScoreHistogram { get; init; }

    /// <summary>Share of pairs across an ethnic line.</summary>
    public required double CrossEthnicShare { get; init; }

    /// <summary>Share of pairs across a socioeconomic line.</summary>
    public required double CrossSocioeconomicShare { get; init; }

    /// <summary>Share of pairs across either line.</summary>
    public required double CrossEitherShare { get; init; }

    /// <summary>In-person pairs with a known distance.</summary>
    public required int InPersonPairs { get; init; }

    /// <summary>Mean travel distance of in-person pairs, km (null when none).</summary>
    public required double? MeanDistanceKm { get; init; }

    /// <summary>90th percentile of travel distance of in-person pairs, km.</summary>
    public required double? P90DistanceKm { get; init; }

    /// <summary>In-person distances, for charts.</summary>
    public required IReadOnlyList<double> Distances { get; init; }

    /// <summary>Match rate per area, ethnicity, gender and unmet needs.</summary>
    public required IReadOnlyList<GroupRate> Groups { get; init; }

    /// <summary>Per dimension: the largest difference in match rate between two of its groups (groups of at least 5 mentees).</summary>
    public required IReadOnlyDictionary<string, double> LargestGap { get; init; }

    /// <summary>Mentor places in the batch.</summary>
    public required int MentorPlaces { get; init; }

    /// <summary>Places used.</summary>
    public double CapacityUse => MentorPlaces == 0 ? 0 : (double)Matched / MentorPlaces;

    /// <summary>Mentors by places used: index i holds how many mentors have i places used.</summary>
    public required IReadOnlyList<int> MentorsByPlacesUsed { get; init; }

    /// <summary>Pairs that break a hard rule, over-fill a mentor, repeat a mentee, or name someone not in the batch. Zero for MatchEngine's own output.</summary>
    public required int Violations { get; init; }

    /// <summary>Descriptions of the first violations.</summary>
    public required IReadOnlyList<string> ViolationExamples { get; init; }

    /// <summary>Blocking pairs under preferences from the scores: a mentee and a mentor who would both rather be together than with whom they got.</summary>
    public required long BlockingPairs { get; init; }

    /// <summary>The pair set the figures were computed on (blocking pairs, the strategies' choices): every eligible pair of the batch, never a shortlist; this is how many there are.</summary>
    public required long AllowedPairs { get; init; }

    /// <summary>Whether the figures come from a list of caller-scored pairs (<c>compare --pairs</c>): only counts, scores, capacity use and blocking pairs are known, not the people's attributes.</summary>
    public bool ScoresOnly { get; init; }

    /// <summary>How the pairs honour stated preferences; null when no preferences were given.</summary>
    public PreferenceFigures? StatedPreferences { get; init; }
}
