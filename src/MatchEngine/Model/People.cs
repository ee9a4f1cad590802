namespace MatchEngine.Model;

/// <summary>A volunteer mentor. Immutable.</summary>
public sealed record Mentor
{
    /// <summary>Unique id among mentors, exactly as given.</summary>
    public required string Id { get; init; }

    /// <summary>Date of birth.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>Programme area, compared case-insensitively.</summary>
    public required string Region { get; init; }

    /// <summary>Home or work location, when known.</summary>
    public GeoPoint? Location { get; init; }

    /// <summary>Meeting modes the mentor accepts.</summary>
    public required MeetingModes Modes { get; init; }

    /// <summary>How many mentees at once. The default is 1.</summary>
    public int Capacity { get; init; } = 1;

    /// <summary>Has finished the mandatory profile and training.</summary>
    public bool TrainingComplete { get; init; }

    /// <summary>Holds a current enhanced background check for work with under-18s.</summary>
    public bool BackgroundChecked { get; init; }

    /// <summary>Ethnicity group, when stated.</summary>
    public string? Ethnicity { get; init; }

    /// <summary>Socioeconomic background, when stated.</summary>
    public string? Socioeconomic { get; init; }

    /// <summary>Gender, when stated.</summary>
    public string? Gender { get; init; }

    /// <summary>Professional sector, when stated.</summary>
    public string? Sector { get; init; }

    /// <summary>Languages spoken.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>When the mentor can meet; <see cref="Availability.None"/> when not stated.</summary>
    public Availability Availability { get; init; }
}

/// <summary>A young person to be mentored. Immutable.</summary>
public sealed record Mentee
{
    /// <summary>Unique id among mentees, exactly as given.</summary>
    public required string Id { get; init; }

    /// <summary>Date of birth.</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>Programme area, compared case-insensitively.</summary>
    public required string Region { get; init; }

    /// <summary>School, college or home location, when known.</summary>
    public GeoPoint? Location { get; init; }

    /// <summary>Meeting modes the mentee accepts.</summary>
    public required MeetingModes Modes { get; init; }

    /// <summary>The young person has unmet needs; they are matched first.</summary>
    public bool UnmetNeeds { get; init; }

    /// <summary>Ethnicity group, when stated.</summary>
    public string? Ethnicity { get; init; }

    /// <summary>Socioeconomic background, when stated.</summary>
    public string? Socioeconomic { get; init; }

    /// <summary>Gender, when stated.</summary>
    public string? Gender { get; init; }

    /// <summary>Career sectors of interest.</summary>
    public IReadOnlyList<string> Interests { get; init; } = [];

    /// <summary>Languages spoken.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>A stated preference for the mentor's gender, when given.</summary>
    public string? PreferredMentorGender { get; init; }

    /// <summary>The school, college or charity that referred the young person.</summary>
    public string? Partner { get; init; }

    /// <summary>When the young person can meet; <see cref="Availability.None"/> when not stated.</summary>
    public Availability Availability { get; init; }

    /// <summary>How many earlier matching rounds the young person took part in without being matched (the <c>rounds_waited</c> column; <c>--carry-over</c> adds one per round).</summary>
    public int RoundsWaited { get; init; }

    /// <summary>The date the young person started waiting for a mentor, when given.</summary>
    public DateOnly? WaitingSince { get; init; }
}

/// <summary>Ages in whole years on a given date.</summary>
public static class Age
{
    /// <summary>Age in completed years on <paramref name="asOf"/> (a person born on 29 February turns a year older on 1 March in common years).</summary>
    /// <param name="birthDate">Date of birth.</param>
    /// <param name="asOf">The date the age is taken on.</param>
    /// <returns>Completed years; negative when born after <paramref name="asOf"/>.</returns>
    public static int On(DateOnly birthDate, DateOnly asOf)
    {
        var years = asOf.Year - birthDate.Year;
        if (asOf.Month < birthDate.Month || (asOf.Month == birthDate.Month && asOf.Day < birthDate.Day))
        {
            years--;
        }

        return years;
    }
}
