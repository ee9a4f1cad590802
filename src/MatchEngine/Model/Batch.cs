namespace MatchEngine.Model;

/// <summary>The people of one matching run and the date their ages are taken on. Immutable.</summary>
public sealed record MatchBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="mentors">The mentors; ids must be unique.</param>
    /// <param name="mentees">The mentees; ids must be unique.</param>
    /// <param name="asOf">The date ages are computed on.</param>
    /// <exception cref="ArgumentException">When ids repeat, an id is blank, a region or a list is null, a capacity is below 1 or above 1,000,000 (or all of them together above <see cref="int.MaxValue"/>), or a location is outside -90..90 / -180..180.</exception>
    public MatchBatch(IEnumerable<Mentor> mentors, IEnumerable<Mentee> mentees, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(mentors);
        ArgumentNullException.ThrowIfNull(mentees);
        Mentors = [.. mentors];
        Mentees = [.. mentees];
        AsOf = asOf;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long places = 0;
        foreach (var m in Mentors)
        {
            ArgumentNullException.ThrowIfNull(m, nameof(mentors));
            Check(m.Id, m.Region, m.Location, [m.Languages], "Mentor", nameof(mentors));
            if (m.Capacity > MaxCapacity)
            {
                throw new ArgumentException($"Mentor '{m.Id}' has capacity {m.Capacity}; capacity must be at most {MaxCapacity}.", nameof(mentors));
            }

            places += m.Capacity;
            if (!seen.Add(m.Id))
            {
                throw new ArgumentException($"Mentor id '{m.Id}' appears more than once.", nameof(mentors));
            }

            if (m.Capacity < 1)
            {
                throw new ArgumentException($"Mentor '{m.Id}' has capacity {m.Capacity}; capacity must be at least 1.", nameof(mentors));
            }
        }

        if (places > int.MaxValue)
        {
            throw new ArgumentException("The mentors' capacities add up to more places than the engine counts (2,147,483,647).", nameof(mentors));
        }

        seen.Clear();
        foreach (var e in Mentees)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(mentees));
            Check(e.Id, e.Region, e.Location, [e.Languages, e.Interests], "Mentee", nameof(mentees));
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

    /// <summary>The largest capacity of one mentor.</summary>
    public const int MaxCapacity = 1_000_000;

    /// <summary>Relationships already running: they keep their mentor, use a place of the mentor's capacity and appear in the result unchanged.</summary>
    /// <exception cref="ArgumentException">When set to null or a list with a null pair.</exception>
    public IReadOnlyList<LockedPair> Locked
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Locked));
            if (value.Any(l => l is null || l.MenteeId is null || l.MentorId is null))
            {
                throw new ArgumentException("A locked pair is null or has a null id.", nameof(Locked));
            }

            field = value;
        }
    } = [];

    /// <summary>Pairs that must never be made.</summary>
    /// <exception cref="ArgumentException">When set to null or a list with a null id.</exception>
    public IReadOnlyList<PairRef> Excluded
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Excluded));
            if (value.Any(x => x.MenteeId is null || x.MentorId is null))
            {
                throw new ArgumentException("An excluded pair has a null id.", nameof(Excluded));
            }

            field = value;
        }
    } = [];

    private static void Check(string id, string region, GeoPoint? at, IReadOnlyList<string>[] lists, string who, string param)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException($"{who} id is null or blank; every person needs an id.", param);
        }

        if (region is null)
        {
            throw new ArgumentException($"{who} '{id}' has a null Region; give the programme area.", param);
        }

        if (lists.Any(l => l is null || l.Any(x => x is null)))
        {
            throw new ArgumentException($"{who} '{id}' has a null list (Languages or Interests) or a null item in one; use an empty list.", param);
        }

        if (at is { } p && !(double.IsFinite(p.Latitude) && double.IsFinite(p.Longitude) && Math.Abs(p.Latitude) <= 90 && Math.Abs(p.Longitude) <= 180))
        {
            throw new ArgumentException(FormattableString.Invariant($"{who} '{id}' has the location ({p.Latitude}, {p.Longitude}); latitude must be -90 to 90 and longitude -180 to 180."), param);
        }
    }
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
