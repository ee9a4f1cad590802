namespace MatchEngine.Model;

/// <summary>The people of one matching run and the date their ages are taken on. Immutable.</summary>
public sealed record MatchBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="mentors">The mentors; ids must be unique.</param>
    /// <param name="mentees">The mentees; ids must be unique.</param>
    /// <param name="asOf">The date ages are computed on.</param>
    /// <exception cref="ArgumentException">When ids repeat or a capacity is below 1.</exception>
    public MatchBatch(IEnumerable<Mentor> mentors, IEnumerable<Mentee> mentees, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(mentors);
        ArgumentNullException.ThrowIfNull(mentees);
        Mentors = [.. mentors];
        Mentees = [.. mentees];
        AsOf = asOf;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in Mentors)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(mentors));
            if (!seen.Add(m.Id))
            {
                throw new ArgumentException($"Mentor id '{m.Id}' appears more than once.", nameof(mentors));
            }

            if (m.Capacity < 1)
            {
                throw new ArgumentException($"Mentor '{m.Id}' has capacity {m.Capacity}; capacity must be at least 1.", nameof(mentors));
            }
        }

        seen.Clear();
        foreach (var e in Mentees)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(mentees));
            if (!seen.Add(e.Id))
            {
                throw new ArgumentException($"Mentee id '{e.Id}' appears more than once.", nameof(mentees));
            }
        }
    }

    /// <summary>Creates a batch whose as-of date is today in the given clock's local time zone.</summary>
    /// <param name="mentors">The mentors; ids must be unique.</param>
    /// <param name="mentees">The mentees; ids must be unique.</param>
    /// <param name="clock">The clock, e.g. <see cref="TimeProvider.System"/>, or a fixed one in tests.</param>
    /// <returns>The batch.</returns>
    public static MatchBatch Today(IEnumerable<Mentor> mentors, IEnumerable<Mentee> mentees, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new MatchBatch(mentors, mentees, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
    }

    /// <summary>The mentors, in the order given.</summary>
    public IReadOnlyList<Mentor> Mentors { get; }

    /// <summary>The mentees, in the order given.</summary>
    public IReadOnlyList<Mentee> Mentees { get; }

    /// <summary>The date ages are computed on.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Relationships already running: they keep their mentor, use a place of the mentor's capacity and appear in the result unchanged.</summary>
    public IReadOnlyList<LockedPair> Locked { get; init; } = [];

    /// <summary>Pairs that must never be made.</summary>
    public IReadOnlyList<PairRef> Excluded { get; init; } = [];
}

/// <summary>A mentee and a mentor, by id.</summary>
/// <param name="MenteeId">The mentee.</param>
/// <param name="MentorId">The mentor.</param>
public readonly record struct PairRef(string MenteeId, string MentorId);

/// <summary>A running relationship that the match keeps as it is.</summary>
/// <param name="MenteeId">The mentee.</param>
/// <param name="MentorId">The mentor.</param>
/// <param name="Mode">The mode they meet in, when known; otherwise the best mode the rules allow.</param>
public sealed record LockedPair(string MenteeId, string MentorId, MeetingModes? Mode = null)
{
    /// <summary>The row the pair was read from (header = 1), for messages; 0 when it was not read from a file.</summary>
    public int Row { get; init; }
}
