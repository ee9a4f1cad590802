using MatchEngine.Model;
using MatchEngine.Scoring;

namespace MatchEngine;

/// <summary>One mentor seen from a mentee's side.</summary>
/// <param name="MentorId">The mentor.</param>
/// <param name="Eligible">Whether the pair passes every hard rule (and the minimum score).</param>
/// <param name="RuleCode">For a pair that is not allowed: the rule that excluded it.</param>
/// <param name="Reason">For a pair that is not allowed: why, in words.</param>
/// <param name="Mode">For an allowed pair: the mode it would use.</param>
/// <param name="DistanceKm">Their distance, when known.</param>
/// <param name="Score">For an allowed pair: the score the solver used, with its parts.</param>
/// <param name="MentorsMentees">The mentees this mentor was matched with in the result.</param>
/// <param name="Capacity">The mentor's capacity.</param>
public sealed record CandidateView(
    string MentorId, bool Eligible, string? RuleCode, string? Reason, MeetingModes Mode, double? DistanceKm, ScoreBreakdown? Score,
    IReadOnlyList<string> MentorsMentees, int Capacity);

/// <summary>Why the engine chose what it chose for one mentee.</summary>
/// <param name="MenteeId">The mentee.</param>
/// <param name="Chosen">The pair made, or null when unmatched.</param>
/// <param name="Unmatched">For an unmatched mentee: the binding reason.</param>
/// <param name="Alternatives">Other allowed mentors, best score first.</param>
/// <param name="Rejected">Mentors the rules excluded, each with the rule, in id order.</param>
/// <param name="Focus">The mentor asked about, when one was.</param>
public sealed record Explanation(
    string MenteeId, MatchedPair? Chosen, UnmatchedEntry? Unmatched, IReadOnlyList<CandidateView> Alternatives,
    IReadOnlyList<CandidateView> Rejected, CandidateView? Focus)
{
    /// <summary>Excluded mentors per rule code.</summary>
    public IReadOnlyDictionary<string, int> RejectedByRule =>
        new SortedDictionary<string, int>(Rejected.GroupBy(r => r.RuleCode!).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
}
