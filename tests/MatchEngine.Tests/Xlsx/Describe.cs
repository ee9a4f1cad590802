using System.Globalization;
using MatchEngine.Model;

namespace MatchEngine.Tests.Xlsx;

/// <summary>A person as one comparable line (records hold lists, which compare by reference).</summary>
internal static class Describe
{
    public static string Of(Mentor m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Id}|{m.BirthDate:yyyy-MM-dd}|{m.Region}|{m.Location?.Latitude:R},{m.Location?.Longitude:R}|{m.Modes}|{m.Capacity}|{m.TrainingComplete}|{m.BackgroundChecked}|{m.Ethnicity}|{m.Socioeconomic}|{m.Gender}|{m.Sector}|{string.Join(';', m.Languages)}");

    public static string Of(Mentee m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Id}|{m.BirthDate:yyyy-MM-dd}|{m.Region}|{m.Location?.Latitude:R},{m.Location?.Longitude:R}|{m.Modes}|{m.UnmetNeeds}|{m.Ethnicity}|{m.Socioeconomic}|{m.Gender}|{string.Join(';', m.Interests)}|{string.Join(';', m.Languages)}|{m.PreferredMentorGender}|{m.Partner}");
}
