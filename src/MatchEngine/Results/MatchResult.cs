using MatchEngine.Model;
using MatchEngine.Scoring;

namespace MatchEngine;

/// <summary>One chosen pair.</summary>
/// <param name="MenteeId">The mentee.</param>
/// <param name="MentorId">The mentor.</param>
/// <param name="Mode">The meeting mode the pair will use.</param>
/// <param name="DistanceKm">Great-circle distance when both coordinates are known.</param>
/// <param name="Score">The score and its parts.</param>
public sealed record MatchedPair(string MenteeId, string MentorId, MeetingModes Mode, double? DistanceKm, ScoreBreakdown Score)
{
    /// <summary>The pair was locked (a relationship already running) and kept as it is.</summary>
    public bool Locked { get; init; }

    /// <summary>The pair crosses an ethnic or socioeconomic line.</summary>
    public bool CrossBackground => Score.CrossBackground;
}

/// <summary>Whether an unmatched entry is a mentee or a mentor with unused places.</summary>
public enum PersonRole
{
    /// <summary>A young person.</summary>
    Mentee,

    /// <summary>A mentor.</summary>
    Mentor,
}

/// <summary>Why a mentee stayed unmatched or a mentor has unused places.</summary>
/// <param name="Role">Mentee or mentor.</param>
/// <param name="Id">The person's id.</param>
/// <param name="ReasonCode">Stable machine-readable code (see <see cref="ReasonCodes"/> and <see cref="Rules.RuleCodes"/>).</param>
/// <param name="Reason">A sentence a coordinator understands.</param>
/// <param name="EligibleCount">How many people on the other side passed every hard rule with this person (in a large batch, a lower bound: those its search considered; 0 only when no one did).</param>
public sealed record UnmatchedEntry(PersonRole Role, string Id, string ReasonCode, string Reason, int EligibleCount);

/// <summary>Reason codes for unmatched people other than the rule codes.</summary>
public static class ReasonCodes
{
    /// <summary>Eligible mentors existed but their places went to others.</summary>
    public const string CapacityTaken = "CAPACITY_TAKEN";

    /// <summary>The batch has no mentors (or no mentees, for a mentor).</summary>
    public const string NobodyToMatch = "NOBODY_TO_MATCH";

    /// <summary>A mentor has unused places though every mentee they could take has a mentor.</summary>
    public const string SpareCapacity = "SPARE_CAPACITY";

    /// <summary>Under the objective best-pairs-first: eligible partners had room, but every pair with them scores 0, so making it adds no score.</summary>
    public const string NoScoreGain = "NO_SCORE_GAIN";

    /// <summary>In a large batch: no mentee had this mentor among their best candidates.</summary>
    public const string NotShortlisted = "NOT_SHORTLISTED";
}

/// <summary>Counts and quality figures of a match.</summary>
public sealed record MatchSummary
{
    /// <summary>The as-of date used for ages.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Mentors in the batch.</summary>
    public required int Mentors { get; init; }

    /// <summary>Mentees in the batch.</summary>
    public required int Mentees { get; init; }

    /// <summary>Sum of mentor capacities.</summary>
    public required int MentorPlaces { get; init; }

    /// <summary>Pairs that pass every hard rule.</summary>
    public required long EligiblePairs { get; init; }

    /// <summary>Pairs made.</summary>
    public required int Matched { get; init; }

    /// <summary>Mentees left unmatched.</summary>
    public required int UnmatchedMentees { get; init; }

    /// <summary>Mentees with unmet needs.</summary>
    public required int UnmetNeedsMentees { get; init; }

    /// <summary>Mentees with unmet needs who were matched.</summary>
    public required int UnmetNeedsMatched { get; init; }

    /// <summary>Sum of pair scores.</summary>
    public required double TotalScore { get; init; }

    /// <summary>Mean pair score (0 when nothing matched).</summary>
    public required double MeanScore { get; init; }

    /// <summary>Pairs crossing an ethnic or socioeconomic line.</summary>
    public required int CrossBackgroundPairs { get; init; }

    /// <summary>Share of pairs crossing a line, 0 to 1.</summary>
    public required double CrossBackgroundShare { get; init; }

    /// <summary>Pairs per meeting mode.</summary>
    public required IReadOnlyDictionary<string, int> PairsByMode { get; init; }

    /// <summary>Mean distance of in-person pairs with known distance, km (null when none).</summary>
    public required double? MeanInPersonDistanceKm { get; init; }

    /// <summary>Mentor places left unused.</summary>
    public required int UnusedMentorPlaces { get; init; }

    /// <summary>Unmatched entries per reason code.</summary>
    public required IReadOnlyDictionary<string, int> UnmatchedByReason { get; init; }

    /// <summary>Locked pairs kept as they are (included in <see cref="Matched"/>).</summary>
    public int LockedPairs { get; init; }

    /// <summary>Rule breaches of locked pairs that were kept because <see cref="MatchOptions.KeepRuleBreakingLocks"/> was set (never a safeguarding rule); empty otherwise.</summary>
    public IReadOnlyList<Rules.LockedPairBreach> LockedRuleBreaches { get; init; } = [];

    /// <summary>Input rows rejected and set aside (with <c>--skip-invalid</c>); 0 otherwise.</summary>
    public int RejectedRows { get; init; }

    /// <summary>Whether candidates were pruned (a large batch); then <see cref="OptimalityGap"/> tells how close to optimal the result is proven.</summary>
    public bool CandidatesPruned { get; init; }

    /// <summary>With pruned candidates: a proven upper bound on the best total score over all eligible pairs.</summary>
    public double? ScoreUpperBound { get; init; }

    /// <summary>With pruned candidates: the relative gap between the total score and <see cref="ScoreUpperBound"/>; 0 means proven optimal.</summary>
    public double? OptimalityGap { get; init; }

    /// <summary>The solver and its status.</summary>
    public required string Solver { get; init; }

    /// <summary>How far the result is proven, as text (written to summary.json as <c>solver_status</c>); <see cref="Outcome"/> is the same as a type.</summary>
    public required string SolverStatus { get; init; }

    /// <summary>How far the result is proven, as a type (written to summary.json as <c>solver_outcome</c>, a snake_case word); set with <see cref="SolverStatus"/>.</summary>
    public SolverOutcome Outcome { get; init; }
}

/// <summary>The outcome of a batch match.</summary>
/// <param name="Pairs">Pairs, ordered by mentee id.</param>
/// <param name="Unmatched">Unmatched mentees (by id), then mentors with unused places (by id).</param>
/// <param name="Summary">Counts and quality figures.</param>
/// <param name="Readiness">The check of the batch made before solving.</param>
public sealed record MatchResult(IReadOnlyList<MatchedPair> Pairs, IReadOnlyList<UnmatchedEntry> Unmatched, MatchSummary Summary, ReadinessReport Readiness)
{
    /// <summary>How the cross-background target was met, when one was set.</summary>
    public QuotaReport? Quota { get; init; }
}
