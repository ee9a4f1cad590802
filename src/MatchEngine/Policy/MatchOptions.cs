using MatchEngine.Policy;

namespace MatchEngine;

/// <summary>
/// The programme's rules and score weights. Immutable; every default is the programme's default.
/// Call <see cref="Validate"/> (the engine does) to get every bad field named at once.
/// </summary>
public sealed record MatchOptions
{
    /// <summary>The defaults.</summary>
    public static MatchOptions Default { get; } = new();

    /// <summary>A mentor must be strictly older than this, in completed years.</summary>
    /// <value>The default is 25: a mentor aged 26 or more on the as-of date.</value>
    public int MentorMinAgeExclusive { get; init; } = 25;

    /// <summary>The youngest mentee age accepted.</summary>
    /// <value>The default is 11.</value>
    public int MenteeMinAge { get; init; } = 11;

    /// <summary>The oldest mentee age accepted.</summary>
    /// <value>The default is 25.</value>
    public int MenteeMaxAge { get; init; } = 25;

    /// <summary>Virtual and hybrid mentoring need a mentee of at least this age (safeguarding: it can be raised, never set below 18; <see cref="Validate"/> reports a lower value).</summary>
    /// <value>The default is 18.</value>
    public int RemoteMinAge { get; init; } = 18;

    /// <summary>A mentee younger than this needs a background-checked mentor (safeguarding: it can be raised, never set below 18; <see cref="Validate"/> reports a lower value).</summary>
    /// <value>The default is 18.</value>
    public int BackgroundCheckUnderAge { get; init; } = 18;

    /// <summary>Largest distance for face-to-face pairs, in km.</summary>
    /// <value>The default is 25 km.</value>
    public double FaceToFaceMaxKm { get; init; } = 25;

    /// <summary>Largest distance for hybrid pairs, in km.</summary>
    /// <value>The default is 50 km.</value>
    public double HybridMaxKm { get; init; } = 50;

    /// <summary>Distance at which the proximity component reaches 0 (it is 1 at 0 km, falling linearly).</summary>
    /// <value>The default is 50 km.</value>
    public double ProximityScaleKm { get; init; } = 50;

    /// <summary>Score weights; they must sum to 100.</summary>
    public ScoreWeights Weights { get; init; } = ScoreWeights.Default;

    /// <summary>Safeguarding: virtual and hybrid mentoring only for mentees aged <see cref="RemoteMinAge"/> or over. It cannot be switched off: false is reported by <see cref="Validate"/> (and the <see cref="Matcher"/> throws).</summary>
    /// <value>The default is true, the only value allowed.</value>
    public bool RemoteOnlyForAdults { get; init; } = true;

    /// <summary>Safeguarding: a mentee under <see cref="BackgroundCheckUnderAge"/> only with a background-checked mentor. It cannot be switched off: false is reported by <see cref="Validate"/> (and the <see cref="Matcher"/> throws).</summary>
    /// <value>The default is true, the only value allowed.</value>
    public bool RequireBackgroundCheck { get; init; } = true;

    /// <summary>
    /// Keeps locked pairs that break a hard rule other than a safeguarding rule (each such breach is listed in
    /// <see cref="MatchSummary.LockedRuleBreaches"/>). A locked pair that breaks <c>NO_BACKGROUND_CHECK</c> or
    /// <c>REMOTE_UNDER_18</c> is never kept: the match throws <see cref="Rules.LockedPairRuleException"/>.
    /// </summary>
    /// <value>The default is false: a locked pair that breaks any hard rule stops the match.</value>
    public bool KeepRuleBreakingLocks { get; init; }

    /// <summary>What the assignment maximises, in order.</summary>
    /// <value>The default is <see cref="ObjectiveOrder.MostPairsFirst"/>.</value>
    public ObjectiveOrder Objective { get; init; } = ObjectiveOrder.MostPairsFirst;

    /// <summary>No pair scoring below this (0 to 100) is made.</summary>
    /// <value>The default is 0: every allowed pair may be made.</value>
    public double MinPairScore { get; init; }

    /// <summary>A batch target: at least this share (0 to 1) of the pairs cross an ethnic or socioeconomic line. Only score is traded for it, never a young person's match.</summary>
    /// <value>The default is null: no target.</value>
    public double? MinCrossBackgroundShare { get; init; }

    /// <summary>Pairs up to which the cross-background target is solved exactly with CP-SAT when the Lagrangian method leaves a gap.</summary>
    /// <value>The default is 20,000 allowed pairs.</value>
    public int ExactQuotaMaxPairs { get; init; } = 20_000;

    /// <summary>Batches with at most this many mentor x mentee pairs check every pair; larger ones generate candidates through indexes.</summary>
    /// <value>The default is 4,000,000 pairs (2,000 x 2,000).</value>
    public long DensePairLimit { get; init; } = 4_000_000;

    /// <summary>
    /// For large batches: a time limit, in seconds from the start of the match. It is checked before each pricing round
    /// (so the first result comes after the first one, whatever the limit): that round is the last once the limit has
    /// passed, or when another round would pass it (judged by the slowest solve so far and the last pricing round),
    /// and the match in hand (solved once more over the pairs that round found, warm-started and within a budget, when
    /// the time left allows a solve as long as the slowest so far) is returned with its certified gap to a proven bound
    /// instead of being proven optimal. A
    /// result stopped by the limit depends on the machine's speed; without a limit, the same input always gives the
    /// same result.
    /// </summary>
    /// <value>The default is 0: no limit (every large batch is solved until certified optimal).</value>
    public double TimeLimitSeconds { get; init; }

    /// <summary>The clock that <see cref="TimeLimitSeconds"/> is measured on (a fixed or simulated one in tests).</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// For large batches: a memory limit, in MiB of the process's peak (<see cref="Memory"/>). Like the time limit, it
    /// is checked before each pricing round: that round is the last once the peak has passed the limit, or when another
    /// round would pass it (judged by how much the peak grew in the rounds so far, before the first pricing round since
    /// the rounds began), and the match in hand is returned with its certified gap to a proven bound. It is a guide,
    /// not a cap: reading, the first candidates and the first solve run whatever the limit, and so does the round
    /// that is checked. A result stopped by it depends on the machine; without a limit, the same input always gives
    /// the same result.
    /// </summary>
    /// <value>The default is 0: no limit.</value>
    public double MemoryLimitMiB { get; init; }

    /// <summary>The gauge that <see cref="MemoryLimitMiB"/> is measured by (a simulated one in tests).</summary>
    /// <value>The default is <see cref="MemoryGauge.System"/>, the process's peak working set.</value>
    public MemoryGauge Memory { get; init; } = MemoryGauge.System;

    /// <summary>For large batches: how many of the best allowed mentors each mentee starts with in the restricted set (speed only: the result is exact whatever it is).</summary>
    /// <value>The default is 8.</value>
    public int CandidatesPerMentee { get; init; } = 8;

    /// <summary>No effect: kept so that older policy files and callers still work. The exact large-batch engine examines what its bounds require.</summary>
    /// <value>The default is 64.</value>
    public int CandidateSearchBudget { get; init; } = 64;

    /// <summary>No effect: kept so that older policy files and callers still work. The exact large-batch engine prices every left-out pair until none could raise the score.</summary>
    /// <value>The default is 0.</value>
    public int WideningRounds { get; init; }

    /// <summary>Stated preferences (who chose whom), scored by <see cref="ScoreWeights.StatedPreference"/> and used by the preference-stable comparison. The scorer consults them only when that weight is above 0.</summary>
    /// <value>The default is null: no stated preferences.</value>
    public Preferences.StatedPreferences? StatedPreferences { get; init; }

    /// <summary>The priority tiers, highest first, matched tier by tier before the total score: <c>unmet_needs</c>, <c>waited_rounds&gt;=K</c>, <c>waiting_since&lt;=YYYY-MM-DD</c> (see <see cref="MatchEngine.Priority.PriorityTiers"/>). Tiers other than the default apply to batches checked pair by pair (up to <see cref="DensePairLimit"/>) without a cross-background target.</summary>
    /// <value>The default is <c>["unmet_needs"]</c>: young people with unmet needs first, then everyone.</value>
    public IReadOnlyList<string> Priority { get; init; } = ["unmet_needs"];

    /// <summary>Returns every problem with these options, each naming its property (e.g. <c>FaceToFaceMaxKm</c>, <c>Weights.Proximity</c>); empty when valid.</summary>
    /// <remarks>The ranges are the ones the policy file takes (see <c>matchengine policy</c>); both read one table.</remarks>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate() => OptionTable.Validate(this, f => f.QualifiedProperty, nameof(Weights));
}

/// <summary>What the batch assignment maximises, in order. Both put young people with unmet needs first.</summary>
public enum ObjectiveOrder
{
    /// <summary>Most mentees with unmet needs matched, then most mentees matched, then the highest total score.</summary>
    MostPairsFirst,

    /// <summary>Most mentees with unmet needs matched, then the highest total score (a pair is made only when it adds score).</summary>
    BestPairsFirst,
}

/// <summary>Points each score component is worth at full strength. Each component is 0 to 1; the score is the weighted sum, 0 to 100.</summary>
public sealed record ScoreWeights
{
    /// <summary>The defaults: 25 ethnicity difference, 25 socioeconomic difference, 15 proximity, 15 sector, 10 language, 10 gender preference.</summary>
    public static ScoreWeights Default { get; } = new();

    /// <summary>Mentor and mentee are of different ethnicity groups (both stated).</summary>
    /// <value>The default is 25.</value>
    public double EthnicityDifference { get; init; } = 25;

    /// <summary>Mentor and mentee are of different socioeconomic backgrounds (both stated).</summary>
    /// <value>The default is 25.</value>
    public double SocioeconomicDifference { get; init; } = 25;

    /// <summary>Shorter travel for pairs that meet in person.</summary>
    /// <value>The default is 15.</value>
    public double Proximity { get; init; } = 15;

    /// <summary>The mentor's sector is among the mentee's career interests.</summary>
    /// <value>The default is 15.</value>
    public double SectorFit { get; init; } = 15;

    /// <summary>They share a language.</summary>
    /// <value>The default is 10.</value>
    public double SharedLanguage { get; init; } = 10;

    /// <summary>The mentee stated a preferred mentor gender and the mentor has it.</summary>
    /// <value>The default is 10.</value>
    public double GenderPreference { get; init; } = 10;

    /// <summary>Points on top of the 100 for a pair that chose each other in preferences.csv (see <see cref="Preferences.StatedPreferences.Value"/>): a pair's score can then reach 100 + this weight.</summary>
    /// <value>The default is 0: stated preferences do not change the score.</value>
    public double StatedPreference { get; init; }

    /// <summary>Sum of the six weights that make up the 100 (<see cref="StatedPreference"/> comes on top).</summary>
    public double Total => EthnicityDifference + SocioeconomicDifference + Proximity + SectorFit + SharedLanguage + GenderPreference;

    /// <summary>Returns every problem, each naming its property (e.g. <c>Proximity</c>); empty when valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate() => OptionTable.Validate(MatchOptions.Default with { Weights = this }, f => f.Property, null, weightsOnly: true);
}
