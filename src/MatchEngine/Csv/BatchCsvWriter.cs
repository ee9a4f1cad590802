using CsvHelper;
using MatchEngine.Model;

namespace MatchEngine.Csv;

/// <summary>Writes mentors.csv and mentees.csv per the CSV contract (the inverse of <see cref="BatchCsv"/>).</summary>
public static class BatchCsvWriter
{
    /// <summary>Writes mentors with every contract column (<c>availability</c> only when someone states it).</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="mentors">The mentors.</param>
    public static void WriteMentors(Stream stream, IEnumerable<Mentor> mentors)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mentors);
        var list = mentors.ToList();
        var slots = list.Any(m => m.Availability != Availability.None);
        using var w = CsvWriter.Create(stream, ResultCsv.WriterOptions, leaveOpen: true);
        w.WriteRecord(["id", "birth_date", "region", "latitude", "longitude", "modes", "capacity", "training_complete", "dbs_checked", "ethnicity", "socioeconomic", "gender", "sector", "languages", .. slots ? (string[])["availability"] : []]);
        foreach (var m in list)
        {
            w.WriteField(m.Id);
            w.WriteField(m.BirthDate, "yyyy-MM-dd");
            w.WriteField(m.Region);
            Location(w, m.Location);
            w.WriteField(MeetingModeNames.Join(m.Modes));
            w.WriteField(m.Capacity, default);
            w.WriteField(m.TrainingComplete ? "yes" : "no");
            w.WriteField(m.BackgroundChecked ? "yes" : "no");
            w.WriteField(m.Ethnicity ?? string.Empty);
            w.WriteField(m.Socioeconomic ?? string.Empty);
            w.WriteField(m.Gender ?? string.Empty);
            w.WriteField(m.Sector ?? string.Empty);
            w.WriteField(string.Join('|', m.Languages));
            if (slots)
            {
                w.WriteField(AvailabilityNames.Join(m.Availability));
            }

            w.EndRecord();
        }

        w.Flush();
    }

    /// <summary>Writes mentees with every contract column (<c>availability</c> only when someone states it).</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="mentees">The mentees.</param>
    public static void WriteMentees(Stream stream, IEnumerable<Mentee> mentees)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(mentees);
        var list = mentees.ToList();
        var slots = list.Any(m => m.Availability != Availability.None);
        using var w = CsvWriter.Create(stream, ResultCsv.WriterOptions, leaveOpen: true);
        w.WriteRecord(["id", "birth_date", "region", "latitude", "longitude", "modes", "unmet_needs", "ethnicity", "socioeconomic", "gender", "interests", "languages", "preferred_mentor_gender", "partner", .. slots ? (string[])["availability"] : []]);
        foreach (var e in list)
        {
            w.WriteField(e.Id);
            w.WriteField(e.BirthDate, "yyyy-MM-dd");
            w.WriteField(e.Region);
            Location(w, e.Location);
            w.WriteField(MeetingModeNames.Join(e.Modes));
            w.WriteField(e.UnmetNeeds ? "yes" : "no");
            w.WriteField(e.Ethnicity ?? string.Empty);
            w.WriteField(e.Socioeconomic ?? string.Empty);
            w.WriteField(e.Gender ?? string.Empty);
            w.WriteField(string.Join('|', e.Interests));
            w.WriteField(string.Join('|', e.Languages));
            w.WriteField(e.PreferredMentorGender ?? string.Empty);
            w.WriteField(e.Partner ?? string.Empty);
            if (slots)
            {
                w.WriteField(AvailabilityNames.Join(e.Availability));
            }

            w.EndRecord();
        }

        w.Flush();
    }

    private static void Location(CsvWriter w, GeoPoint? p)
    {
        if (p is { } g)
        {
            w.WriteField(g.Latitude, "0.#####");
            w.WriteField(g.Longitude, "0.#####");
        }
        else
        {
            w.WriteField(string.Empty);
            w.WriteField(string.Empty);
        }
    }
}
