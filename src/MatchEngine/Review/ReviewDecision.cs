namespace MatchEngine.Review;

/// <summary>What a coordinator decided about a proposed pair in the <c>decision</c> column of a reviewed matches.csv.</summary>
public enum ReviewDecision
{
    /// <summary>Blank: no decision yet; the pair may be proposed again (or replaced).</summary>
    None,

    /// <summary><c>accept</c>: the pair is locked from now on.</summary>
    Accept,

    /// <summary><c>reject</c>: the pair is never proposed again.</summary>
    Reject,
}

/// <summary>One row of a reviewed matches.csv.</summary>
/// <param name="MenteeId">The mentee.</param>
/// <param name="MentorId">The mentor.</param>
/// <param name="Decision">The decision.</param>
/// <param name="File">The file it came from.</param>
/// <param name="Row">Its row (header = 1).</param>
public sealed record ReviewedPair(string MenteeId, string MentorId, ReviewDecision Decision, string File, int Row);

/// <summary>What happened to one young person between the previous round and this one (a row of round-changes.csv).</summary>
/// <param name="MenteeId">The young person.</param>
/// <param name="Change"><c>kept</c>, <c>new_mentor</c> or <c>lost_proposal</c>.</param>
/// <param name="PreviousMentorId">The mentor proposed in the previous round, when there was one.</param>
/// <param name="PreviousDecision">The coordinator's decision on that proposal.</param>
/// <param name="MentorId">The mentor of this round, when there is one.</param>
/// <param name="Reason">A sentence a coordinator understands.</param>
public sealed record RoundChange(string MenteeId, string Change, string? PreviousMentorId, ReviewDecision PreviousDecision, string? MentorId, string Reason);
