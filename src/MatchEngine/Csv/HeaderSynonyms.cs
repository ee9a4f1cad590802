namespace MatchEngine.Csv;

/// <summary>Human headers that spreadsheets use for the contract's columns. Each use is reported as a notice.</summary>
internal static class HeaderSynonyms
{
    private static readonly Dictionary<string, string> Map = Build(
        ("id", ["mentor id", "mentee id", "person id", "ref", "reference", "participant id"]),
        ("birth_date", ["date of birth", "dob", "d o b", "birth date", "birthdate", "birthday", "born"]),
        ("region", ["area", "programme area", "program area", "hub"]),
        ("modes", ["meeting modes", "meeting mode", "mode", "modes of meeting", "meeting preference", "meeting preferences", "meeting type", "meeting types"]),
        ("latitude", ["lat"]),
        ("longitude", ["lng", "lon", "long"]),
        ("capacity", ["max mentees", "maximum mentees", "places", "number of mentees"]),
        ("training_complete", ["training complete", "training completed", "trained", "training done"]),
        ("dbs_checked", ["dbs", "dbs check", "dbs checked", "dbs cleared", "background check", "background checked"]),
        ("socioeconomic", ["socio economic", "socio-economic", "socioeconomic background", "socio-economic background", "background"]),
        ("languages", ["language", "languages spoken", "spoken languages"]),
        ("interests", ["interest", "career interests", "sectors of interest"]),
        ("unmet_needs", ["unmet needs", "has unmet needs"]),
        ("preferred_mentor_gender", ["preferred mentor gender", "mentor gender preference", "gender preference"]),
        ("partner", ["referrer", "referred by", "referral partner", "school", "school or college"]),
        ("sector", ["industry", "professional sector", "profession"]));

    /// <summary>The contract column a header stands for, or null.</summary>
    public static string? Find(string header)
    {
        var key = Normalize(header);
        return Map.TryGetValue(key, out var column) ? column : null;
    }

    /// <summary>Lower case, with spaces, underscores, hyphens and dots each read as one space.</summary>
    public static string Normalize(string header)
    {
        var parts = header.ToLowerInvariant().Split([' ', '_', '-', '.', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', parts);
    }

    private static Dictionary<string, string> Build(params (string Column, string[] Names)[] entries)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, names) in entries)
        {
            foreach (var n in names)
            {
                d[Normalize(n)] = column;
            }
        }

        return d;
    }
}
