using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Text;

namespace MatchEngine.Csv;

/// <summary>Reads mentors.csv and mentees.csv per the CSV contract, listing every problem with file, row and column.</summary>
public static class BatchCsv
{
    /// <summary>Columns of mentors.csv, required ones first.</summary>
    public static IReadOnlyList<string> MentorColumns { get; } =
        ["id", "birth_date", "region", "modes", "training_complete", "latitude", "longitude", "capacity", "dbs_checked", "ethnicity", "socioeconomic", "gender", "sector", "languages", "availability"];

    /// <summary>Columns of mentees.csv, required ones first.</summary>
    public static IReadOnlyList<string> MenteeColumns { get; } =
        ["id", "birth_date", "region", "modes", "latitude", "longitude", "unmet_needs", "ethnicity", "socioeconomic", "gender", "interests", "languages", "preferred_mentor_gender", "partner", "availability", "rounds_waited", "waiting_since"];

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
        ReadMentorsWith(stream, file, asOf, BatchReadOptions.Default with { Separator = separator });

    /// <summary>Reads mentors from a CSV file or an .xlsx workbook (recognised by its content).</summary>
    /// <param name="stream">The file's bytes: CSV (UTF-8, a BOM accepted) or .xlsx.</param>
    /// <param name="file">The file name used in messages.</param>
    /// <param name="asOf">The as-of date (birth dates after it are errors).</param>
    /// <param name="options">Separator, date format, sheet, header renames and carried columns.</param>
    /// <returns>The mentors, the carried columns and every problem.</returns>
    internal static CsvReadResult<Mentor> ReadMentorsWith(Stream stream, string file, DateOnly asOf, BatchReadOptions options) =>
        Read(stream, file, options, MentorColumns, MentorRequired, MentorOnly, MenteeOnly, "mentors", "mentees", r => new Mentor
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
        ReadMenteesWith(stream, file, asOf, BatchReadOptions.Default with { Separator = separator });

    /// <summary>Reads mentees from a CSV file or an .xlsx workbook (recognised by its content).</summary>
    /// <param name="stream">The file's bytes: CSV (UTF-8, a BOM accepted) or .xlsx.</param>
    /// <param name="file">The file name used in messages.</param>
    /// <param name="asOf">The as-of date (birth dates after it are errors).</param>
    /// <param name="options">Separator, date format, sheet, header renames and carried columns.</param>
    /// <returns>The mentees, the carried columns and every problem.</returns>
    internal static CsvReadResult<Mentee> ReadMenteesWith(Stream stream, string file, DateOnly asOf, BatchReadOptions options) =>
        Read(stream, file, options, MenteeColumns, MenteeRequired, MenteeOnly, MentorOnly, "mentees", "mentors", r => new Mentee
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
            RoundsWaited = r.Int("rounds_waited", 0, 0, 1000),
            WaitingSince = r.Text("waiting_since") is null ? null : r.Date("waiting_since", asOf, notInFuture: false),
        }, m => m.Id);

    /// <summary>Opens a CSV file or an .xlsx sheet, told apart by the first bytes.</summary>
    internal static ITable? Open(Stream stream, string file, BatchReadOptions options, List<CsvIssue> errors, List<CsvIssue> warnings)
    {
        var named = file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".xlsm", StringComparison.OrdinalIgnoreCase);
        if (!stream.CanSeek && named)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        Span<byte> head = stackalloc byte[4];
        var n = 0;
        if (stream.CanSeek)
        {
            var at = stream.Position;
            n = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
            stream.Position = at;
        }

        if (XlsxTable.LooksLikeXls(head[..n]))
        {
            errors.Add(new CsvIssue(file, 0, null, null, "is an Excel 97-2003 workbook (.xls), which is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8."));
            return null;
        }

        if (XlsxTable.LooksLikeXlsx(head[..n]))
        {
            var table = XlsxTable.Open(stream, file, options.Sheet, out var problem);
            if (problem is not null)
            {
                errors.Add(problem);
            }

            return table;
        }

        if (named)
        {
            errors.Add(new CsvIssue(file, 0, null, null, "is named .xlsx but is not an Excel workbook; was it renamed from another format? Save it again from Excel as .xlsx or as CSV UTF-8."));
            return null;
        }

        if (options.Sheet is not null)
        {
            warnings.Add(new CsvIssue(file, 0, null, null, $"is a CSV file, which has no sheets; --sheet '{options.Sheet}' is ignored for it."));
        }

        return new CsvTable(stream, file, options.Separator);
    }

    /// <summary>The text as people would read it: trimmed, Unicode NFC, without invisible characters or NUL, upper case.</summary>
    internal static string LookAlike(string text)
    {
        string t;
        try
        {
            t = text.Trim().Normalize(System.Text.NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            t = text.Trim();
        }

        var sb = new System.Text.StringBuilder(t.Length);
        foreach (var c in t)
        {
            if (c != '\0' && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                sb.Append(c);
            }
        }

        return sb.ToString().Trim().ToUpperInvariant();
    }

    private static CsvReadResult<T> Read<T>(
        Stream stream, string file, BatchReadOptions options, IReadOnlyList<string> known, string[] required, string[] ownOnly, string[] otherOnly,
        string what, string other, Func<RowReader, T> parse, Func<T, string> id)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        if (!DateFormats.IsSupported(options.DateFormat))
        {
            throw new ArgumentException($"The date format '{options.DateFormat}' is not supported; use one of {string.Join(", ", DateFormats.Supported)}.", nameof(options));
        }

        var carry = options.Carry.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (carry.FirstOrDefault(c => MentorColumns.Contains(c) || MenteeColumns.Contains(c)) is { } contractColumn)
        {
            throw new ArgumentException($"'{contractColumn}' is a column of the contract, used for matching; only other columns can be carried.", nameof(options));
        }

        var errors = new List<CsvIssue>();
        var warnings = new List<CsvIssue>();
        var notices = new List<CsvIssue>();
        var records = new List<T>();
        var rejected = new List<RejectedRow>();
        using var table = Open(stream, file, options, errors, warnings);
        if (table is null)
        {
            return new CsvReadResult<T>(records, errors, warnings, rejected);
        }

        var sheet = table.Sheet;
        var writtenAs = new Dictionary<string, string>(StringComparer.Ordinal); // a column read from a header with another name: the header as written
        CsvReadResult<T> Result(CarriedColumns? carried = null)
        {
            CsvIssue Where(CsvIssue i)
            {
                if (i.Row > table.HeaderRow && i.Column is not null && writtenAs.TryGetValue(i.Column, out var header))
                {
                    i = i with { Column = header };
                }

                return sheet is null ? i : i with { Sheet = sheet };
            }

            return new CsvReadResult<T>(records, [.. errors.Select(Where)], [.. warnings.Select(Where)], [.. rejected.Select(r => r with { Errors = [.. r.Errors.Select(Where)] })])
            {
                Notices = [.. notices.Select(Where)],
                Carried = carried ?? CarriedColumns.None,
            };
        }

        if (!table.ReadHeader())
        {
            errors.Add(new CsvIssue(file, 0, null, null, $"is empty; expected a header row naming the columns ({string.Join(", ", required)}) and one row per person."));
            return Result();
        }

        var header = table.Header!;
        var headerRow = table.HeaderRow;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var carried = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<(int Index, string Name)>();
        var renames = options.Columns.ToDictionary(kv => kv.Key.Trim().ToLowerInvariant(), kv => kv.Value.Trim().ToLowerInvariant(), StringComparer.Ordinal);
        var synonyms = new List<(int Index, string Target)>();
        void Assign(int i, string target, string? how)
        {
            var into = known.Contains(target) ? columns : carry.Contains(target) ? carried : null;
            if (into is null)
            {
                warnings.Add(new CsvIssue(file, headerRow, header[i], null, $"is renamed to '{target}' by --columns, which is neither a column of the {what} file nor carried (--carry); it is ignored.") { ColumnIndex = i });
                return;
            }

            if (!into.TryAdd(target, i))
            {
                errors.Add(new CsvIssue(file, headerRow, header[i], null, string.Create(CultureInfo.InvariantCulture, $"appears twice in the header (columns {into[target] + 1} and {i + 1}){(how is null ? "" : $", the second time as '{header[i]}' read as {target}")}.")) { ColumnIndex = i });
                return;
            }

            if (how is not null)
            {
                writtenAs[target] = header[i];
                notices.Add(new CsvIssue(file, headerRow, header[i], null, $"is read as the column {target}{how}.") { ColumnIndex = i });
            }
        }

        for (var i = 0; i < header.Length; i++)
        {
            var key = header[i].Trim().ToLowerInvariant();
            if (key.Length == 0)
            {
                continue;
            }

            if (renames.TryGetValue(key, out var renamed))
            {
                Assign(i, renamed, " (--columns)");
            }
            else if (known.Contains(key) || carry.Contains(key))
            {
                Assign(i, key, null);
            }
            else if (HeaderSynonyms.Find(key) is { } synonym && known.Contains(synonym))
            {
                synonyms.Add((i, synonym));
            }
            else
            {
                unknown.Add((i, header[i]));
            }
        }

        foreach (var (i, target) in synonyms)
        {
            if (columns.TryGetValue(target, out var taken))
            {
                warnings.Add(new CsvIssue(file, headerRow, header[i], null, string.Create(CultureInfo.InvariantCulture, $"is ignored: it would be read as {target}, which column {taken + 1} ('{header[taken]}') already gives.")) { ColumnIndex = i });
                continue;
            }

            Assign(i, target, string.Empty);
        }

        var ownHits = ownOnly.Count(c => columns.ContainsKey(c));
        var otherHits = otherOnly.Count(c => header.Any(h => string.Equals(h.Trim(), c, StringComparison.OrdinalIgnoreCase)));
        if (otherHits >= 2 && ownHits == 0)
        {
            errors.Add(new CsvIssue(file, 0, null, null,
                $"looks like a {other} file, not a {what} file (it has the columns {string.Join(", ", otherOnly.Where(c => header.Any(h => string.Equals(h.Trim(), c, StringComparison.OrdinalIgnoreCase))))}). Were the --mentors and --mentees files swapped?" + (sheet is null ? string.Empty : $" This is the sheet '{sheet}'; for a workbook holding both, name the sheets with --mentor-sheet and --mentee-sheet.")));
            return Result();
        }

        var missing = required.Where(c => !columns.ContainsKey(c)).ToList();
        foreach (var c in missing)
        {
            var guess = Suggest.Closest(c, unknown.Select(u => u.Name));
            errors.Add(new CsvIssue(file, headerRow, c, null,
                "is a required column and is missing" + (guess is null ? "." : $" (did you mean the column '{guess}'? rename it to '{c}', or map it with --columns)."))
            );
        }

        foreach (var (index, name) in unknown)
        {
            var guess = Suggest.Closest(name.Replace(' ', '_'), known);
            if (guess is not null && missing.Contains(guess))
            {
                continue; // reported with the missing column
            }

            warnings.Add(new CsvIssue(file, headerRow, name, null,
                "is not a known column and is ignored" + (guess is null ? " (to copy it into the outputs, name it in --carry)." : $" (did you mean '{guess}'?).")) { ColumnIndex = index });
        }

        foreach (var c in carry.Where(c => !carried.ContainsKey(c)))
        {
            var guess = Suggest.Closest(c, unknown.Select(u => u.Name));
            warnings.Add(new CsvIssue(file, headerRow, c, null,
                $"is named in --carry but is not a column of this file; its cells are left empty" + (guess is null ? "." : $" (did you mean the column '{guess}'?).")));
        }

        if (missing.Count > 0)
        {
            return Result();
        }

        var reader = new RowReader(file, columns, options.DateFormat);
        var firstRowOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var carriedValues = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var lookAlikeId = new Dictionary<string, (string Id, int Row)>(StringComparer.Ordinal);
        var lookAlikeRegion = new Dictionary<string, (string Region, int Row)>(StringComparer.Ordinal);
        var regionWarned = new HashSet<string>(StringComparer.Ordinal);
        var regionKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        string RegionKey(string r)
        {
            if (!regionKeys.TryGetValue(r, out var k))
            {
                k = LookAlike(r);
                if (regionKeys.Count < 100_000)
                {
                    regionKeys[r] = k;
                }
            }

            return k;
        }

        foreach (var (row, cells, typed, formIssues) in table.Rows())
        {
            reader.Start(row, cells, typed);
            var record = parse(reader);
            var key = id(record);
            if (key.Length > 0 && !firstRowOfId.TryAdd(key, row))
            {
                reader.Error("id", key, string.Create(CultureInfo.InvariantCulture, $"is a duplicate: the same id is on row {firstRowOfId[key]} and row {row}."));
            }
            else if (key.Length > 0 && !lookAlikeId.TryAdd(LookAlike(key), (key, row)))
            {
                var (twin, twinRow) = lookAlikeId[LookAlike(key)];
                warnings.Add(new CsvIssue(file, row, "id", key, string.Create(CultureInfo.InvariantCulture,
                    $"looks like a duplicate of '{EchoText.Echo(twin)}' on row {twinRow}: the two differ only in case, spaces, invisible characters or Unicode form; they are treated as two different people.")));
            }

            if (reader.Text("region") is { } region && !regionWarned.Contains(region) && !lookAlikeRegion.TryAdd(RegionKey(region), (region, row)))
            {
                var (first, firstRow) = lookAlikeRegion[RegionKey(region)];
                if (!string.Equals(first, region, StringComparison.OrdinalIgnoreCase) && regionWarned.Add(region))
                {
                    warnings.Add(new CsvIssue(file, row, "region", region, string.Create(CultureInfo.InvariantCulture,
                        $"differs from '{EchoText.Echo(first)}' on row {firstRow} only in invisible characters or Unicode form; they are treated as different areas (retype one so they match).")));
                }
            }

            if (formIssues.Count == 0 && reader.Errors.Count == 0)
            {
                records.Add(record);
                if (carry.Count > 0)
                {
                    carriedValues[key] = [.. carry.Select(c => carried.TryGetValue(c, out var ci) && ci < cells.Length ? cells[ci].Trim() : string.Empty)];
                }
            }
            else
            {
                var rowErrors = formIssues.Concat(reader.Errors).ToList();
                errors.AddRange(rowErrors);
                rejected.Add(new RejectedRow(file, row, cells, rowErrors));
            }
        }

        // Dates that do not fit: when the column's cells clearly have another format, every such error says which (it is never applied silently).
        foreach (var (column, evidence) in reader.DateEvidence)
        {
            if (evidence.Suggestion(options.DateFormat) is not { } hint)
            {
                continue;
            }

            var malformed = reader.MalformedDateMessage;
            var hinted = malformed + " " + char.ToUpperInvariant(hint[0]) + hint[1..];
            CsvIssue Hint(CsvIssue i) => i.Column == column && i.Message == malformed ? i with { Message = hinted } : i;
            for (var i = 0; i < errors.Count; i++)
            {
                errors[i] = Hint(errors[i]);
            }

            for (var i = 0; i < rejected.Count; i++)
            {
                rejected[i] = rejected[i] with { Errors = [.. rejected[i].Errors.Select(Hint)] };
            }
        }

        if (records.Count == 0 && rejected.Count == 0)
        {
            warnings.Add(new CsvIssue(file, 0, null, null, $"has a header but no {what}."));
        }

        return Result(carry.Count > 0 ? new CarriedColumns(carry, carriedValues) : null);
    }
}
