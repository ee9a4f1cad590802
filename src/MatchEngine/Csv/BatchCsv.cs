using System.Globalization;
using MatchEngine.Model;

namespace MatchEngine.Csv;

/// <summary>Reads mentors.csv and mentees.csv per the CSV contract, listing every problem with file, row and column.</summary>
public static class BatchCsv
{
    /// <summary>Columns of mentors.csv, required ones first.</summary>
    public static IReadOnlyList<string> MentorColumns { get; } =
        ["id", "birth_date", "region", "modes", "training_complete", "latitude", "longitude", "capacity", "dbs_checked", "ethnicity", "socioeconomic", "gender", "sector", "languages", "availability"];

    /// <summary>Columns of mentees.csv, required ones first.</summary>
    public static IReadOnlyList<string> MenteeColumns { get; } =
        ["id", "birth_date", "region", "modes", "latitude", "longitude", "unmet_needs", "ethnicity", "socioeconomic", "gender", "interests", "languages", "preferred_mentor_gender", "partner", "availability"];

    private static readonly string[] MentorRequired = ["id", "birth_date", "region", "modes", "training_complete"];
    private static readonly string[] MenteeRequired = ["id", "birth_date", "region", "modes"];
    private static readonly string[] MentorOnly = ["training_complete", "dbs_checked", "capacity", "sector"];
    private static readonly string[] MenteeOnly = ["unmet_needs", "interests", "preferred_mentor_gender", "partner"];

    /// <summary>The largest capacity accepted for one mentor.</summary>
    public const int MaxCapacity = 20;

    /// <summary>Reads mentors.</summary>
    /// <param name="stream">The file's bytes (UTF-8, a BOM accepted).</param>
    /// <param name="file">The file name used in messages.</param>
    /// <param name="asOf">The as-of date (birth dates after it are errors).</param>
    /// <param name="separator">The separator, or null to detect comma, semicolon or tab.</param>
    /// <returns>The mentors and every problem.</returns>
    public static CsvReadResult<Mentor> ReadMentors(Stream stream, string file, DateOnly asOf, char? separator = null) =>
        Read(stream, file, separator, MentorColumns, MentorRequired, MentorOnly, MenteeOnly, "mentors", "mentees", r => new Mentor
        {
            Id = r.Id("id"),
            BirthDate = r.Date("birth_date", asOf, notInFuture: true),
            Region = r.RequiredText("region"),
            Location = r.Location(),
            Modes = r.Modes("modes"),
            Capacity = r.Int("capacity", 1, 1, MaxCapacity),
            TrainingComplete = r.Bool("training_complete", null),
            BackgroundChecked = r.Bool("dbs_checked", false),
            Ethnicity = r.Word("ethnicity"),
            Socioeconomic = r.Word("socioeconomic"),
            Gender = r.Word("gender"),
            Sector = r.Word("sector"),
            Languages = r.List("languages"),
            Availability = r.Availability("availability"),
        }, m => m.Id);

    /// <summary>Reads mentees.</summary>
    /// <param name="stream">The file's bytes (UTF-8, a BOM accepted).</param>
    /// <param name="file">The file name used in messages.</param>
    /// <param name="asOf">The as-of date (birth dates after it are errors).</param>
    /// <param name="separator">The separator, or null to detect comma, semicolon or tab.</param>
    /// <returns>The mentees and every problem.</returns>
    public static CsvReadResult<Mentee> ReadMentees(Stream stream, string file, DateOnly asOf, char? separator = null) =>
        Read(stream, file, separator, MenteeColumns, MenteeRequired, MenteeOnly, MentorOnly, "mentees", "mentors", r => new Mentee
        {
            Id = r.Id("id"),
            BirthDate = r.Date("birth_date", asOf, notInFuture: true),
            Region = r.RequiredText("region"),
            Location = r.Location(),
            Modes = r.Modes("modes"),
            UnmetNeeds = r.Bool("unmet_needs", false),
            Ethnicity = r.Word("ethnicity"),
            Socioeconomic = r.Word("socioeconomic"),
            Gender = r.Word("gender"),
            Interests = r.List("interests"),
            Languages = r.List("languages"),
            PreferredMentorGender = r.Word("preferred_mentor_gender"),
            Partner = r.RequiredTextOrNull("partner"),
            Availability = r.Availability("availability"),
        }, m => m.Id);

    private static CsvReadResult<T> Read<T>(
        Stream stream, string file, char? separator, IReadOnlyList<string> known, string[] required, string[] ownOnly, string[] otherOnly,
        string what, string other, Func<RowReader, T> parse, Func<T, string> id)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        var errors = new List<CsvIssue>();
        var warnings = new List<CsvIssue>();
        var records = new List<T>();
        var rejected = new List<RejectedRow>();
        using var table = new CsvTable(stream, file, separator);
        if (!table.ReadHeader())
        {
            errors.Add(new CsvIssue(file, 0, null, null, $"is empty; expected a header row naming the columns ({string.Join(", ", required)}) and one row per person."));
            return new CsvReadResult<T>(records, errors, warnings, rejected);
        }

        var header = table.Header!;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<(int Index, string Name)>();
        for (var i = 0; i < header.Length; i++)
        {
            var key = header[i].Trim().ToLowerInvariant();
            if (key.Length == 0)
            {
                continue;
            }

            if (known.Contains(key))
            {
                if (!columns.TryAdd(key, i))
                {
                    errors.Add(new CsvIssue(file, table.HeaderRow, header[i], null, $"appears twice in the header (columns {columns[key] + 1} and {i + 1})."));
                }
            }
            else
            {
                unknown.Add((i, header[i]));
            }
        }

        var ownHits = ownOnly.Count(c => columns.ContainsKey(c));
        var otherHits = otherOnly.Count(c => header.Any(h => string.Equals(h.Trim(), c, StringComparison.OrdinalIgnoreCase)));
        if (otherHits >= 2 && ownHits == 0)
        {
            errors.Add(new CsvIssue(file, 0, null, null,
                $"looks like a {other} file, not a {what} file (it has the columns {string.Join(", ", otherOnly.Where(c => header.Any(h => string.Equals(h.Trim(), c, StringComparison.OrdinalIgnoreCase))))}). Were the --mentors and --mentees files swapped?"));
            return new CsvReadResult<T>(records, errors, warnings, rejected);
        }

        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        foreach (var c in missing)
        {
            var guess = Suggest.Closest(c, unknown.Select(u => u.Name));
            errors.Add(new CsvIssue(file, table.HeaderRow, c, null,
                "is a required column and is missing" + (guess is null ? "." : $" (did you mean the column '{guess}'? rename it to '{c}')."))
            );
        }

        foreach (var (index, name) in unknown)
        {
            var guess = Suggest.Closest(name.Replace(' ', '_'), known);
            if (guess is not null && missing.Contains(guess))
            {
                continue; // reported with the missing column
            }

            warnings.Add(new CsvIssue(file, table.HeaderRow, name, null,
                string.Create(CultureInfo.InvariantCulture, $"is not a known column and is ignored") + (guess is null ? "." : $" (did you mean '{guess}'?).")));
        }

        if (missing.Count > 0)
        {
            return new CsvReadResult<T>(records, errors, warnings, rejected);
        }

        var reader = new RowReader(file, columns);
        var firstRowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (row, cells, formIssues) in table.Rows())
        {
            reader.Start(row, cells);
            var record = parse(reader);
            var key = id(record);
            if (key.Length > 0 && !firstRowOfId.TryAdd(key, row))
            {
                reader.Error("id", key, string.Create(CultureInfo.InvariantCulture, $"is a duplicate: the same id is on row {firstRowOfId[key]} and row {row}."));
            }

            if (formIssues.Count == 0 && reader.Errors.Count == 0)
            {
                records.Add(record);
            }
            else
            {
                var rowErrors = formIssues.Concat(reader.Errors).ToList();
                errors.AddRange(rowErrors);
                rejected.Add(new RejectedRow(file, row, cells, rowErrors));
            }
        }

        if (records.Count == 0 && rejected.Count == 0)
        {
            warnings.Add(new CsvIssue(file, 0, null, null, $"has a header but no {what}."));
        }

        return new CsvReadResult<T>(records, errors, warnings, rejected);
    }
}
