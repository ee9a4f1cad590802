using MatchEngine.Model;

namespace MatchEngine.Generation;

/// <summary>Settings of a synthetic batch.</summary>
internal sealed record GeneratorOptions
{
    /// <summary>Number of mentors.</summary>
    /// <value>The default is 1,000.</value>
    public int Mentors { get; init; } = 1000;

    /// <summary>Number of mentees.</summary>
    /// <value>The default is 1,000.</value>
    public int Mentees { get; init; } = 1000;

    /// <summary>Seed of the random generator: the same seed gives the same people.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>The as-of date that ages are drawn around.</summary>
    /// <value>The default is 2026-09-01.</value>
    public DateOnly AsOf { get; init; } = new(2026, 9, 1);

    /// <summary>Share of mentees with unmet needs.</summary>
    /// <value>The default is 0.6.</value>
    public double UnmetNeedsShare { get; init; } = 0.6;

    /// <summary>Share of mentees under 18.</summary>
    /// <value>The default is 0.15.</value>
    public double Under18Share { get; init; } = 0.15;

    /// <summary>How far people are scattered around their town (standard deviation, km).</summary>
    /// <value>The default is 8 km.</value>
    public double ScatterKm { get; init; } = 8;
}

/// <summary>
/// Synthetic batches shaped like the programme: the four areas of the seeds (with their towns) plus remote towns,
/// an ethnicity mix per area after the census, about 60% of mentees with unmet needs, 10-20% under 18, capacities 1-3,
/// most people accepting hybrid, coordinates scattered around towns. Deterministic for a seed.
/// </summary>
internal static class BatchGenerator
{
    private sealed record Town(string Name, double Lat, double Lon, double Weight);

    private sealed record Area(string Region, Town[] Towns, (string Group, double Weight)[] Ethnicity, double Weight);

    private static readonly Area[] Areas =
    [
        new("West Midlands", [new("Birmingham", 52.4862, -1.8904, 5), new("Telford", 52.6784, -2.4453, 1), new("Wolverhampton", 52.5862, -2.1288, 1.5), new("Coventry", 52.4068, -1.5197, 2)],
            [("white", 70), ("asian", 17), ("black", 6), ("mixed", 4), ("other", 3)], 28),
        new("Cardiff Capital Region", [new("Cardiff", 51.4816, -3.1791, 4), new("Newport", 51.5842, -2.9977, 1.5), new("Caerphilly", 51.5750, -3.2180, 1)],
            [("white", 88), ("asian", 5), ("black", 2), ("mixed", 3), ("other", 2)], 14),
        new("Greater Manchester", [new("Manchester", 53.4808, -2.2426, 5), new("Oldham", 53.5409, -2.1114, 1.5), new("Salford", 53.4875, -2.2901, 1.5), new("Wigan", 53.5450, -2.6325, 1.5)],
            [("white", 79), ("asian", 12), ("black", 4), ("mixed", 3), ("other", 2)], 26),
        new("East London", [new("Hackney", 51.5450, -0.0553, 2), new("Newham", 51.5255, 0.0352, 2), new("Tower Hamlets", 51.5203, -0.0293, 2), new("Dagenham", 51.5397, 0.1480, 1.5)],
            [("white", 35), ("asian", 34), ("black", 19), ("mixed", 6), ("other", 6)], 26),
        new("Powys", [new("Llandrindod Wells", 52.2420, -3.3790, 1)], [("white", 96), ("asian", 2), ("mixed", 1), ("other", 1)], 1.5),
        new("South Yorkshire", [new("Rotherham", 53.4326, -1.3635, 1)], [("white", 88), ("asian", 7), ("black", 2), ("mixed", 2), ("other", 1)], 2.5),
        new("North East", [new("Sunderland", 54.9069, -1.3838, 1)], [("white", 93), ("asian", 4), ("black", 1), ("mixed", 1), ("other", 1)], 2),
    ];

    private static readonly string[] Sectors = ["engineering", "finance", "health", "law", "education", "technology", "media", "public-sector", "retail", "construction", "science", "arts"];
    private static readonly string[] OtherLanguages = ["welsh", "urdu", "punjabi", "bengali", "polish", "somali", "arabic", "gujarati", "romanian"];
    private static readonly string[] Partners = ["Hamstead Hall Academy", "Telford College", "Cardiff and Vale College", "Oldham Sixth Form College", "Newham Collegiate", "The Prince's Trust", "Youth Employment UK", "Wigan Youth Zone"];

    /// <summary>Generates a batch.</summary>
    /// <param name="options">Sizes and seed.</param>
    /// <returns>The batch, ids <c>MR0000001</c> and <c>ME0000001</c> onwards.</returns>
    public static MatchBatch Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Mentors);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Mentees);
        var rng = new Random(options.Seed);
        var mentors = new Mentor[options.Mentors];
        for (var i = 0; i < mentors.Length; i++)
        {
            var area = Pick(rng, Areas, a => a.Weight);
            var loc = Place(rng, area, options.ScatterKm);
            mentors[i] = new Mentor
            {
                Id = $"MR{i + 1:D7}",
                BirthDate = Birth(rng, options.AsOf, 26, 70),
                Region = area.Region,
                Location = rng.NextDouble() < 0.05 ? null : loc,
                Modes = Pick(rng, MentorModes, m => m.Weight).Modes,
                Capacity = Pick(rng, Capacities, c => c.Weight).Value,
                TrainingComplete = rng.NextDouble() < 0.95,
                BackgroundChecked = rng.NextDouble() < 0.55,
                Ethnicity = rng.NextDouble() < 0.92 ? Pick(rng, area.Ethnicity, e => e.Weight).Group : null,
                Socioeconomic = rng.NextDouble() < 0.9 ? Pick(rng, MentorClass, c => c.Weight).Value : null,
                Gender = Pick(rng, Genders, g => g.Weight).Value,
                Sector = Sectors[rng.Next(Sectors.Length)],
                Languages = rng.NextDouble() < 0.3 ? ["english", OtherLanguages[rng.Next(OtherLanguages.Length)]] : ["english"],
            };
        }

        var mentees = new Mentee[options.Mentees];
        for (var i = 0; i < mentees.Length; i++)
        {
            var area = Pick(rng, Areas, a => a.Weight);
            var loc = Place(rng, area, options.ScatterKm);
            var under18 = rng.NextDouble() < options.Under18Share;
            var interests = Enumerable.Range(0, rng.Next(0, 4)).Select(_ => Sectors[rng.Next(Sectors.Length)]).Distinct().ToArray();
            mentees[i] = new Mentee
            {
                Id = $"ME{i + 1:D7}",
                BirthDate = under18 ? Birth(rng, options.AsOf, 11, 17) : Birth(rng, options.AsOf, 18, 25),
                Region = area.Region,
                Location = rng.NextDouble() < 0.04 ? null : loc,
                Modes = Pick(rng, under18 ? YoungModes : MenteeModes, m => m.Weight).Modes,
                UnmetNeeds = rng.NextDouble() < options.UnmetNeedsShare,
                Ethnicity = rng.NextDouble() < 0.9 ? Pick(rng, area.Ethnicity, e => e.Weight).Group : null,
                Socioeconomic = rng.NextDouble() < 0.85 ? Pick(rng, MenteeClass, c => c.Weight).Value : null,
                Gender = Pick(rng, Genders, g => g.Weight).Value,
                Interests = interests,
                Languages = rng.NextDouble() < 0.35 ? ["english", OtherLanguages[rng.Next(OtherLanguages.Length)]] : ["english"],
                PreferredMentorGender = rng.NextDouble() < 0.18 ? (rng.NextDouble() < 0.65 ? "female" : "male") : null,
                Partner = Partners[rng.Next(Partners.Length)],
            };
        }

        return new MatchBatch(mentors, mentees, options.AsOf);
    }

    private static readonly (MeetingModes Modes, double Weight)[] MentorModes =
    [
        (MeetingModes.Hybrid, 30), (MeetingModes.FaceToFace | MeetingModes.Hybrid, 25), (MeetingModes.Hybrid | MeetingModes.Virtual, 20),
        (MeetingModes.All, 15), (MeetingModes.Virtual, 6), (MeetingModes.FaceToFace, 4),
    ];

    private static readonly (MeetingModes Modes, double Weight)[] MenteeModes =
    [
        (MeetingModes.Hybrid, 30), (MeetingModes.FaceToFace | MeetingModes.Hybrid, 20), (MeetingModes.Hybrid | MeetingModes.Virtual, 25),
        (MeetingModes.All, 15), (MeetingModes.Virtual, 7), (MeetingModes.FaceToFace, 3),
    ];

    private static readonly (MeetingModes Modes, double Weight)[] YoungModes =
    [
        (MeetingModes.FaceToFace, 55), (MeetingModes.FaceToFace | MeetingModes.Hybrid, 30), (MeetingModes.All, 12), (MeetingModes.Virtual, 3),
    ];

    private static readonly (int Value, double Weight)[] Capacities = [(1, 68), (2, 22), (3, 10)];
    private static readonly (string Value, double Weight)[] MentorClass = [("professional", 55), ("intermediate", 30), ("working-class", 15)];
    private static readonly (string Value, double Weight)[] MenteeClass = [("working-class", 60), ("intermediate", 30), ("professional", 10)];
    private static readonly (string Value, double Weight)[] Genders = [("female", 51), ("male", 47), ("non-binary", 2)];

    private static T Pick<T>(Random rng, T[] items, Func<T, double> weight)
    {
        var total = 0.0;
        foreach (var i in items)
        {
            total += weight(i);
        }

        var x = rng.NextDouble() * total;
        foreach (var i in items)
        {
            x -= weight(i);
            if (x < 0)
            {
                return i;
            }
        }

        return items[^1];
    }

    private static GeoPoint Place(Random rng, Area area, double scatterKm)
    {
        var town = Pick(rng, area.Towns, t => t.Weight);
        var dLat = Gauss(rng) * scatterKm / 111.2;
        var dLon = Gauss(rng) * scatterKm / (111.2 * Math.Cos(town.Lat * Math.PI / 180));
        return new GeoPoint(Math.Round(town.Lat + dLat, 5), Math.Round(town.Lon + dLon, 5));
    }

    private static double Gauss(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static DateOnly Birth(Random rng, DateOnly asOf, int minAge, int maxAge)
    {
        // Uniform over the days on which someone is aged minAge..maxAge on asOf.
        var youngest = asOf.AddYears(-minAge);
        var oldest = asOf.AddYears(-(maxAge + 1)).AddDays(1);
        var span = youngest.DayNumber - oldest.DayNumber;
        return DateOnly.FromDayNumber(oldest.DayNumber + rng.Next(span + 1));
    }
}
