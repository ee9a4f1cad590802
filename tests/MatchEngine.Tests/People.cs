using MatchEngine.Model;

namespace MatchEngine.Tests;

/// <summary>Builders for test people. Ages are set relative to <see cref="AsOf"/>.</summary>
internal static class People
{
    public static readonly DateOnly AsOf = new(2026, 9, 1);

    public static DateOnly BornYearsAgo(int years, int extraDays = 0) => AsOf.AddYears(-years).AddDays(-extraDays);

    public static readonly GeoPoint Birmingham = new(52.4862, -1.8904);

    public static Mentor Mentor(string id = "MR1", int age = 40, MeetingModes modes = MeetingModes.All, int capacity = 1,
        bool trained = true, bool dbs = true, string region = "West Midlands", GeoPoint? at = null, bool noLocation = false,
        string? ethnicity = null, string? ses = null, string? gender = null, string? sector = null, string[]? languages = null) => new()
        {
            Id = id,
            BirthDate = BornYearsAgo(age, 10),
            Region = region,
            Location = noLocation ? null : at ?? Birmingham,
            Modes = modes,
            Capacity = capacity,
            TrainingComplete = trained,
            BackgroundChecked = dbs,
            Ethnicity = ethnicity,
            Socioeconomic = ses,
            Gender = gender,
            Sector = sector,
            Languages = languages ?? [],
        };

    public static Mentee Mentee(string id = "ME1", int age = 20, MeetingModes modes = MeetingModes.All, bool unmet = false,
        string region = "West Midlands", GeoPoint? at = null, bool noLocation = false, string? ethnicity = null, string? ses = null,
        string? gender = null, string[]? interests = null, string[]? languages = null, string? preferred = null) => new()
        {
            Id = id,
            BirthDate = BornYearsAgo(age, 10),
            Region = region,
            Location = noLocation ? null : at ?? Birmingham,
            Modes = modes,
            UnmetNeeds = unmet,
            Ethnicity = ethnicity,
            Socioeconomic = ses,
            Gender = gender,
            Interests = interests ?? [],
            Languages = languages ?? [],
            PreferredMentorGender = preferred,
        };

    /// <summary>A point about <paramref name="km"/> km north of Birmingham.</summary>
    public static GeoPoint North(double km) => new(Birmingham.Latitude + (km / (GeoPoint.EarthRadiusKm * Math.PI / 180.0)), Birmingham.Longitude);
}
