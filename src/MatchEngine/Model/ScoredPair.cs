namespace MatchEngine.Model;

/// <summary>A pair with a caller-given score (bring your own scores).</summary>
/// <param name="MenteeId">The mentee.</param>
/// <param name="MentorId">The mentor.</param>
/// <param name="Score">The score; higher is better.</param>
public sealed record ScoredPair(string MenteeId, string MentorId, decimal Score);
