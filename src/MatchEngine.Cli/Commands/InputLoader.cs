using System.CommandLine;
using System.Globalization;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Policy;

namespace MatchEngine.Cli.Commands;

/// <summary>
/// Reads what the commands take from files: the batch with its policy, locked and excluded pairs, and pair lists.
/// Every problem is written to stderr, all of them at once; then a <see cref="CommandExitException"/> ends the command.
/// </summary>
internal sealed class InputLoader(CliContext cli)
{
    private TextWriter Err => cli.Err;

    /// <summary>The options with the command line's overrides of the policy, each checked.</summary>
    private MatchOptions Overrides(ParseResult r, BatchOptions b, MatchOptions options)
    {
        if (Checked(r.GetValue(b.MinCrossBackground), "--min-cross-background", 1, "is not a share; expected 0 to 1, e.g. 0.75.") is { } share)
        {
            options = options with { MinCrossBackgroundShare = share };
        }

        if (Checked(r.GetValue(b.TimeLimit), "--time-limit", double.PositiveInfinity, "is not a number of seconds; expected 0 (no limit) or more, e.g. 600.") is { } seconds)
        {
            options = options with { TimeLimitSeconds = seconds };
        }

        if (Checked(r.GetValue(b.MemoryLimit), "--memory-limit", double.PositiveInfinity, "is not a number of MiB; expected 0 (no limit) or more, e.g. 4096.") is { } mib)
        {
            options = options with { MemoryLimitMiB = mib };
        }

        // The time limit is measured on the command's clock.
        return options with { Clock = cli.Time };
    }

    /// <summary>The value of a number option, or a usage error unless it is from 0 to <paramref name="max"/>.</summary>
    private double? Checked(double? value, string option, double max, string expected)
    {
        if (value is { } v && (!double.IsFinite(v) || v < 0 || v > max))
        {
            Err.WriteLine($"error: {option} {v.ToString(CultureInfo.InvariantCulture)} {expected}");
            throw new CommandExitException(ExitCodes.Usage);
        }

        return value;
    }

    /// <summary>The batch, its options and locked/excluded pairs named by the <see cref="BatchOptions"/> on the command line.</summary>
    public Inputs Load(ParseResult r, BatchOptions b, bool skipInvalid, CancellationToken ct)
    {
        var asOf = AsOf(r.GetValue(b.AsOf));
        var sep = Delimiter(r.GetValue(b.Delimiter));
        var readOptions = InputOptions.Read(r.GetValue(b.DateFormat), r.GetValue(b.Sheet), r.GetValue(b.Columns), r.GetValue(b.Carry), sep, Err, out var optionsExit)
            ?? throw new CommandExitException(optionsExit);
        var issues = new List<CsvIssue>();
        var options = MatchOptions.Default;
        if (r.GetValue(b.Policy) is { } policyFile)
        {
            using var ps = ReadPolicyBytes(policyFile);
            var loaded = PolicyFile.Load(ps, policyFile.Name);
            if (!loaded.IsValid)
            {
                Err.WriteLine(loaded.Errors.Count == 1 ? "error: the policy has 1 error; nothing was written." : $"error: the policy has {loaded.Errors.Count} errors; nothing was written.");
                foreach (var e in loaded.Errors)
                {
                    Err.WriteLine($"  {e}");
                }

                throw new CommandExitException(ExitCodes.InvalidInput);
            }

            options = loaded.Options!;
        }

        options = Overrides(r, b, options);

        var mentorOptions = r.GetValue(b.MentorSheet) is { } mentorSheet ? readOptions with { Sheet = mentorSheet } : readOptions;
        var menteeOptions = r.GetValue(b.MenteeSheet) is { } menteeSheet ? readOptions with { Sheet = menteeSheet } : readOptions;
        var (batch, rejected, mentorCarry, menteeCarry) = ReadBatch(r.GetValue(b.Mentors)!, r.GetValue(b.Mentees)!, asOf, mentorOptions, menteeOptions, skipInvalid, ct);
        var locked = new List<LockedPair>();
        var excluded = new List<PairRef>();
        var excludedRows = new List<LockedPair>();
        if (r.GetValue(b.Locked) is { } lockedFile)
        {
            locked.AddRange(ReadFile(lockedFile, s => PairsCsv.ReadPairList(s, lockedFile.Name, batch, locked: true, sep), issues)?.Records ?? []);
        }

        if (r.GetValue(b.Excluded) is { } excludedFile)
        {
            excludedRows.AddRange(ReadFile(excludedFile, s => PairsCsv.ReadPairList(s, excludedFile.Name, batch, locked: false, sep), issues)?.Records ?? []);
            excluded.AddRange(excludedRows.Select(p => new PairRef(p.MenteeId, p.MentorId)));
        }

        var lockedRow = locked.GroupBy(l => (l.MenteeId, l.MentorId)).ToDictionary(g => g.Key, g => g.First().Row);
        foreach (var x in excludedRows.Where(x => lockedRow.ContainsKey((x.MenteeId, x.MentorId))))
        {
            issues.Add(new CsvIssue(r.GetValue(b.Excluded)!.Name, x.Row, "mentee_id", x.MenteeId,
                string.Create(CultureInfo.InvariantCulture, $"with mentor '{EchoText.Echo(x.MentorId)}' is excluded here and locked in {r.GetValue(b.Locked)!.Name}, row {lockedRow[(x.MenteeId, x.MentorId)]}; a pair cannot be both.")));
        }

        StopOn(issues);

        // Locked pairs keep every hard rule: a breach stops here, before anything is matched (see LockedPairGate).
        options = options with { KeepRuleBreakingLocks = r.GetValue(b.KeepRuleBreakingLocks) };
        batch = batch with { Locked = locked, Excluded = excluded };
        if (!LockedPairGate.Check(batch, options, null, r.GetValue(b.Locked)?.Name, Err))
        {
            throw new CommandExitException(ExitCodes.InvalidInput);
        }

        batch = CarryOverStep.Apply(this, Err, r.GetValue(b.CarryOver), batch, sep);
        options = PreferencesStep.Apply(this, Err, r.GetValue(b.Preferences), batch, options, sep);
        return new Inputs(batch, options, rejected) { MentorCarry = mentorCarry, MenteeCarry = menteeCarry };
    }

    /// <summary>The policy file's bytes (at most 1 MB): a missing, unreadable or endless file (a folder, /proc/self/mem, /dev/zero) is one line and exit 2.</summary>
    private MemoryStream ReadPolicyBytes(FileInfo policyFile)
    {
        const int Max = 1 << 20;
        string? problem = null;
        if (Directory.Exists(policyFile.FullName))
        {
            problem = "is a folder, not a file.";
        }
        else if (!policyFile.Exists)
        {
            problem = "does not exist.";
        }
        else
        {
            try
            {
                using var s = new FileStream(policyFile.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12);
                var buffer = new byte[Max + 1];
                var n = 0;
                int read;
                while (n < buffer.Length && (read = s.Read(buffer, n, buffer.Length - n)) > 0)
                {
                    n += read;
                }

                if (n <= Max)
                {
                    return new MemoryStream(buffer, 0, n, writable: false);
                }

                problem = "is larger than 1 MB; a policy file is a few KB of JSON (see `matchengine policy`).";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"cannot be read: {OutputFolder.Cause(e)}.";
            }
        }

        Err.WriteLine($"error: --policy {TerminalText.Safe(policyFile.ToString(), 0)}: {problem}");
        throw new CommandExitException(ExitCodes.InvalidInput);
    }

    /// <summary>A list of pairs (mentee_id, mentor_id) to evaluate against a batch without locked pairs.</summary>
    public IEnumerable<PairRef> ReadPairs(FileInfo file, MatchBatch plain)
    {
        var issues = new List<CsvIssue>();
        var pairs = ReadFile(file, s => PairsCsv.ReadPairsToEvaluate(s, file.Name, plain, null), issues);
        StopOn(issues);
        return pairs!.Records.Select(p => new PairRef(p.MenteeId, p.MentorId));
    }

    /// <summary>Reads one file with a CSV contract reader; errors go to <paramref name="issues"/>, warnings to stderr.</summary>
    public CsvReadResult<T>? ReadFile<T>(FileInfo file, Func<Stream, CsvReadResult<T>> read, List<CsvIssue> issues)
    {
        if (!file.Exists)
        {
            issues.Add(new CsvIssue(file.ToString(), 0, null, null, Directory.Exists(file.FullName) ? "is a folder, not a file." : "does not exist."));
            return null;
        }

        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var result = read(stream);
            issues.AddRange(result.Errors);
            // The first few warnings are shown; the rest are counted, so a file with 100,000 unknown columns gives a few lines.
            const int ShownWarnings = 10;
            foreach (var w in result.Warnings.Take(ShownWarnings))
            {
                cli.Notes().WriteLine($"warning: {w}");
            }

            foreach (var n in result.Notices)
            {
                cli.Notes().WriteLine($"note: {n}");
            }

            if (result.Warnings.Count > ShownWarnings)
            {
                Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: ... and {result.Warnings.Count - ShownWarnings} more warnings in {TerminalText.Safe(file.Name, 0)} like these."));
            }

            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            issues.Add(new CsvIssue(file.ToString(), 0, null, null, $"cannot be read: {OutputFolder.Cause(e)}."));
            return null;
        }
    }

    /// <summary>When there are issues, lists them (at most <see cref="CliContext.MaxListed"/>) and ends the command with exit code 2.</summary>
    public void StopOn(List<CsvIssue> issues)
    {
        if (issues.Count == 0)
        {
            return;
        }

        IssueReport.Write(Err, issues);
        throw new CommandExitException(ExitCodes.InvalidInput);
    }

    /// <summary>The <c>--as-of</c> date, or today by the context's clock when it is not given.</summary>
    public DateOnly AsOf(string? asOfText)
    {
        if (asOfText is null)
        {
            return DateOnly.FromDateTime(cli.Time.GetLocalNow().Date);
        }

        if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asOf))
        {
            Err.WriteLine($"error: --as-of '{asOfText}' is not a date; expected YYYY-MM-DD, e.g. 2026-09-01.");
            throw new CommandExitException(ExitCodes.Usage);
        }

        return asOf;
    }

    /// <summary>The <c>--delimiter</c> separator, or null (detected) when it is not given.</summary>
    public char? Delimiter(string? delimiterText)
    {
        switch (delimiterText?.Trim().ToLowerInvariant())
        {
            case null:
                return null;
            case "," or "comma":
                return ',';
            case ";" or "semicolon":
                return ';';
            case "tab" or "\\t" or "\t":
                return '\t';
            default:
                Err.WriteLine($"error: --delimiter '{delimiterText}' is not supported; use ',', ';' or 'tab'.");
                throw new CommandExitException(ExitCodes.Usage);
        }
    }

    private (MatchBatch Batch, List<RejectedRow> Rejected, CarriedColumns MentorCarry, CarriedColumns MenteeCarry) ReadBatch(
        FileInfo mentorsFile, FileInfo menteesFile, DateOnly asOf, BatchReadOptions mentorOptions, BatchReadOptions menteeOptions, bool skipInvalid, CancellationToken ct)
    {
        var issues = new List<CsvIssue>();
        var mentors = ReadFile(mentorsFile, s => BatchFiles.ReadMentors(s, mentorsFile.Name, asOf, mentorOptions), issues);
        ct.ThrowIfCancellationRequested();
        var mentees = ReadFile(menteesFile, s => BatchFiles.ReadMentees(s, menteesFile.Name, asOf, menteeOptions), issues);
        var rejected = new List<RejectedRow>();
        if (mentors is not null && mentees is not null && skipInvalid)
        {
            // Row errors are set aside; errors of a whole file (missing columns, wrong file) still stop the run.
            rejected.AddRange(mentors.Rejected);
            rejected.AddRange(mentees.Rejected);
            var rowIssues = rejected.SelectMany(r => r.Errors).ToHashSet();
            issues.RemoveAll(rowIssues.Contains);
            if (rejected.Count > 0)
            {
                cli.Notes().WriteLine($"warning: {CliText.Plural(rejected.Count, "invalid row")} set aside in rejected.csv ({CliText.Plural(rowIssues.Count, "error")}); matching the rest.");
            }
        }

        StopOn(issues);
        return (new MatchBatch(mentors!.Records, mentees!.Records, asOf), rejected, mentors.Carried, mentees.Carried);
    }
}
