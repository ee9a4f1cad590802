using System.Globalization;
using CsvHelper;
using MatchEngine.Model;
using MatchEngine.Text;

namespace MatchEngine.Csv;

/// <summary>Reads and writes the files of <c>solve</c>: pairs.csv (<c>mentee_id, mentor_id, score</c>) and capacities.csv (<c>mentor_id, capacity</c>).</summary>
public static class PairsCsv
{
    /// <summary>Reads pairs.csv.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="separator">Separator, or null to detect.</param>
    /// <returns>The pairs and every problem.</returns>
    public static CsvReadResult<ScoredPair> ReadPairs(Stream stream, string file, char? separator = null)
    {
        var seen = new Dictionary<(string, string), int>();
        return ReadTable(stream, file, separator, ["mentee_id", "mentor_id", "score"], (r, row) =>
        {
            var mentee = r.Id("mentee_id", unguard: true);
            var mentor = r.Id("mentor_id", unguard: true);
            var text = r.Text("score");
            decimal score = 0;
            if (text is null)
            {
                r.Error("score", null, "is empty; expected a number.");
            }
            else if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out score))
            {
                r.Error("score", text, "is not a number; expected e.g. 42 or -3.5 (a point for decimals).");
            }
            else if (score.Scale > 6 || Math.Abs(score) > 1_000_000)
            {
                r.Error("score", text, "is out of range; expected at most 6 decimal places and a size up to 1,000,000.");
            }

            if (mentee.Length > 0 && mentor.Length > 0 && !seen.TryAdd((mentee, mentor), row))
            {
                r.Error("mentee_id", mentee, string.Create(CultureInfo.InvariantCulture, $"with mentor '{mentor}' is listed twice: rows {seen[(mentee, mentor)]} and {row}."));
            }

            return new ScoredPair(mentee, mentor, score);
        });
    }

    /// <summary>Reads capacities.csv.</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="separator">Separator, or null to detect.</param>
    /// <returns>(mentor id, capacity) rows and every problem.</returns>
    public static CsvReadResult<KeyValuePair<string, int>> ReadCapacities(Stream stream, string file, char? separator = null)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return ReadTable(stream, file, separator, ["mentor_id", "capacity"], (r, row) =>
        {
            var id = r.Id("mentor_id", unguard: true);
            if (r.Text("capacity") is null)
            {
                r.Error("capacity", null, "is empty; expected a whole number from 0.");
            }

            var cap = r.Int("capacity", 1, 0, 1_000_000);
            if (id.Length > 0 && !seen.TryAdd(id, row))
            {
                r.Error("mentor_id", id, string.Create(CultureInfo.InvariantCulture, $"is a duplicate: rows {seen[id]} and {row}."));
            }

            return new KeyValuePair<string, int>(id, cap);
        });
    }

    /// <summary>Columns of matches.csv that a locked or excluded file may carry (a previous run's output) and that are ignored.</summary>
    internal static readonly string[] MatchOutputColumns =
        ["score", "distance_km", "cross_background", "ethnicity_difference", "socioeconomic_difference", "proximity", "sector_fit", "shared_language", "gender_preference", "locked", "decision"];

    /// <summary>
    /// Reads a locked or excluded pairs file: <c>mentee_id, mentor_id</c> (and for locked pairs an optional
    /// <c>mode</c>). A previous run's matches.csv can be given as it is. Every pair is checked against the batch:
    /// unknown ids, a pair listed twice, a mentee locked twice and locked pairs beyond a mentor's capacity are errors.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="batch">The batch the pairs refer to.</param>
    /// <param name="locked">Whether these are locked pairs (else excluded).</param>
    /// <param name="separator">Separator, or null to detect.</param>
    /// <returns>The pairs and every problem.</returns>
    public static CsvReadResult<LockedPair> ReadPairList(Stream stream, string file, MatchBatch batch, bool locked, char? separator = null) =>
        ReadPairList(stream, file, batch, locked, separator, quiet: false);

    /// <summary>
    /// Reads a set of pairs whose quality is to be measured (<c>evaluate --matches</c>, <c>Metrics.Evaluate</c>): <c>mentee_id, mentor_id</c>; every other column
    /// (our own matches.csv's <c>score</c>, <c>mode</c>, ..., or another tool's) is accepted quietly. Unknown ids and a
    /// pair listed twice are errors; a mentee with two mentors or an over-full mentor is left to the figures to count.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="batch">The batch the pairs refer to.</param>
    /// <param name="separator">Separator, or null to detect.</param>
    /// <returns>The pairs and every problem.</returns>
    public static CsvReadResult<LockedPair> ReadPairsToEvaluate(Stream stream, string file, MatchBatch batch, char? separator) =>
        ReadPairList(stream, file, batch, locked: false, separator, quiet: true);

    private const string AnyColumn = "*";

    private static CsvReadResult<LockedPair> ReadPairList(Stream stream, string file, MatchBatch batch, bool locked, char? separator, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var mentees = batch.Mentees.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var capacity = batch.Mentors.ToDictionary(m => m.Id, m => m.Capacity, StringComparer.Ordinal);
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenPair = new Dictionary<(string, string), int>();
        var seenMentee = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] columns = locked ? ["mentee_id", "mentor_id", "mode"] : ["mentee_id", "mentor_id"];
        return ReadTable(stream, file, separator, ["mentee_id", "mentor_id"], [.. columns.Skip(2), .. MatchOutputColumns, .. quiet ? [AnyColumn] : Array.Empty<string>()], (r, row) =>
        {
            var mentee = r.Id("mentee_id", unguard: true);
            var mentor = r.Id("mentor_id", unguard: true);
            MeetingModes? mode = null;
            if (locked && r.Text("mode") is not null)
            {
                var m = r.Modes("mode");
                if (m != MeetingModes.None && !MeetingModeNames.Single.Contains(m))
                {
                    r.Error("mode", r.Text("mode"), "names more than one mode; a running pair meets in one: face-to-face, hybrid or virtual.");
                }

                mode = m == MeetingModes.None ? null : m;
            }

            if (mentee.Length > 0 && !mentees.Contains(mentee))
            {
                r.Error("mentee_id", mentee, "is not a mentee of this batch.");
            }

            if (mentor.Length > 0 && !capacity.ContainsKey(mentor))
            {
                r.Error("mentor_id", mentor, "is not a mentor of this batch.");
            }

            if (r.Errors.Count == 0)
            {
                if (!seenPair.TryAdd((mentee, mentor), row))
                {
                    r.Error("mentee_id", mentee, string.Create(CultureInfo.InvariantCulture, $"with mentor '{mentor}' is listed twice: rows {seenPair[(mentee, mentor)]} and {row}."));
                }
                else if (locked && !seenMentee.TryAdd(mentee, row))
                {
                    r.Error("mentee_id", mentee, string.Create(CultureInfo.InvariantCulture, $"is locked to two mentors: rows {seenMentee[mentee]} and {row}."));
                }
                else if (locked && (load[mentor] = load.GetValueOrDefault(mentor) + 1) > capacity[mentor])
                {
                    r.Error("mentor_id", mentor, string.Create(CultureInfo.InvariantCulture, $"has more locked mentees than their capacity of {capacity[mentor]}."));
                }
            }

            return new LockedPair(mentee, mentor, mode) { Row = row };
        });
    }

    /// <summary>Writes the matches of <c>solve</c>: <c>mentee_id, mentor_id, score</c>.</summary>
    /// <param name="stream">Destination.</param>
    /// <param name="pairs">The chosen pairs.</param>
    public static void WriteMatches(Stream stream, IEnumerable<ScoredPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(pairs);
        using var w = CsvWriter.Create(stream, ResultCsv.WriterOptions, leaveOpen: true);
        w.WriteRecord(["mentee_id", "mentor_id", "score"]);
        foreach (var p in pairs)
        {
            w.WriteField(CellGuard.Escape(p.MenteeId));
            w.WriteField(CellGuard.Escape(p.MentorId));
            w.WriteField(p.Score, default);
            w.EndRecord();
        }

        w.Flush();
    }

    private static CsvReadResult<T> ReadTable<T>(Stream stream, string file, char? separator, string[] required, Func<RowReader, int, T> parse) =>
        ReadTable(stream, file, separator, required, [], parse);

    internal static CsvReadResult<T> ReadTable<T>(Stream stream, string file, char? separator, string[] required, string[] optional, Func<RowReader, int, T> parse)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var errors = new List<CsvIssue>();
        var warnings = new List<CsvIssue>();
        var records = new List<T>();
        var rejected = new List<RejectedRow>();
        // A CSV file or the first sheet of an .xlsx workbook, told apart by content, like the mentors and mentees files.
        using var table = BatchCsv.Open(stream, file, new BatchReadOptions { Separator = separator }, errors, warnings);
        var sheet = table?.Sheet;
        CsvReadResult<T> Result()
        {
            CsvIssue Where(CsvIssue i) => sheet is null ? i : i with { Sheet = sheet };
            return new(records, [.. errors.Select(Where)], [.. warnings.Select(Where)], [.. rejected.Select(r => r with { Errors = [.. r.Errors.Select(Where)] })]);
        }

        if (table is null)
        {
            return Result();
        }

        if (!table.ReadHeader())
        {
            errors.Add(new CsvIssue(file, 0, null, null, $"is empty; expected a header row ({string.Join(", ", required)})."));
            return Result();
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < table.Header!.Length; i++)
        {
            var key = table.Header[i].ToLowerInvariant();
            if (required.Contains(key) || optional.Contains(key))
            {
                columns.TryAdd(key, i);
            }
            else if (key.Length > 0 && !optional.Contains(AnyColumn))
            {
                warnings.Add(new CsvIssue(file, table.HeaderRow, table.Header[i], null, "is not a known column and is ignored.") { ColumnIndex = i });
            }
        }

        foreach (var c in required.Where(c => !columns.ContainsKey(c)))
        {
            var guess = Suggest.Closest(c, table.Header);
            errors.Add(new CsvIssue(file, table.HeaderRow, c, null, "is a required column and is missing" + (guess is null ? "." : $" (did you mean the column '{guess}'?).")));
        }

        if (errors.Count > 0)
        {
            return Result();
        }

        var reader = new RowReader(file, columns);
        foreach (var (row, cells, typed, form) in table.Rows())
        {
            reader.Start(row, cells, typed);
            var rec = parse(reader, row);
            if (form.Count == 0 && reader.Errors.Count == 0)
            {
                records.Add(rec);
                continue;
            }

            var rowErrors = form.Concat(reader.Errors).ToList();
            errors.AddRange(rowErrors);
            rejected.Add(new RejectedRow(file, row, cells, rowErrors));
        }

        return Result();
    }
}
