using System.CommandLine;

namespace MatchEngine.Cli.Commands;

/// <summary>The options every command on a batch shares.</summary>
internal sealed class BatchOptions
{
    public Option<FileInfo> Mentors { get; } = new("--mentors") { Description = "The mentors: a .csv (see the CSV contract in the README) or an .xlsx workbook", Required = true, HelpName = "FILE" };

    public Option<FileInfo> Mentees { get; } = new("--mentees") { Description = "The young people: a .csv or an .xlsx workbook", Required = true, HelpName = "FILE" };

    public Option<string?> AsOf { get; } = new("--as-of") { Description = "Date ages are computed on, YYYY-MM-DD (default: today)", HelpName = "DATE" };

    public Option<string?> Delimiter { get; } = SharedOptions.Delimiter();

    public Option<string> DateFormat { get; } = new("--date-format") { Description = "How dates are written in the input: yyyy-MM-dd (default), dd/MM/yyyy, d/M/yyyy or MM/dd/yyyy; yyyy-MM-dd cells and cells Excel stores as dates are always read", HelpName = "FORMAT", DefaultValueFactory = _ => Csv.DateFormats.Iso };

    public Option<string?> Sheet { get; } = new("--sheet") { Description = "The sheet of the .xlsx inputs to read (default: the first)", HelpName = "NAME" };

    public Option<string?> MentorSheet { get; } = new("--mentor-sheet") { Description = "The sheet of the mentors workbook, when it differs (one workbook for both: --mentor-sheet Mentors --mentee-sheet Mentees)", HelpName = "NAME" };

    public Option<string?> MenteeSheet { get; } = new("--mentee-sheet") { Description = "The sheet of the mentees workbook, when it differs", HelpName = "NAME" };

    public Option<FileInfo?> Columns { get; } = new("--columns") { Description = "map.json renaming headers to columns, e.g. {\"Geburtsdatum\": \"birth_date\"}", HelpName = "FILE" };

    public Option<string?> Carry { get; } = new("--carry") { Description = "Extra columns to copy into the outputs, e.g. first_name,last_name,email (personal data: never used for matching, never printed)", HelpName = "COLUMNS" };

    public Option<FileInfo?> Policy { get; } = new("--policy") { Description = "policy.json: weights, travel limits, ages, safeguarding, objective, targets (see `matchengine policy`)", HelpName = "FILE" };

    public Option<FileInfo?> Locked { get; } = new("--locked") { Description = "Pairs already running (mentee_id, mentor_id[, mode]); a previous matches.csv works as it is", HelpName = "FILE" };

    public Option<FileInfo?> Excluded { get; } = new("--excluded") { Description = "Pairs never to make (mentee_id, mentor_id)", HelpName = "FILE" };

    public Option<double?> TimeLimit { get; } = new("--time-limit") { Description = "Large batches: once this many seconds have passed, or another round would pass them, the next pricing round is the last, and the match in hand is written with its certified gap instead of being proven optimal (overrides the policy's scale.time_limit_seconds; 0: no limit)", HelpName = "SECONDS" };

    public Option<double?> MemoryLimit { get; } = new("--memory-limit") { Description = "Large batches: once the process's peak memory has passed this many MiB, or another round would pass it, the next pricing round is the last, and the match in hand is written with its certified gap instead of being proven optimal (a guide, not a cap: the first solve runs whatever it is; overrides the policy's scale.memory_limit_mib; 0: no limit)", HelpName = "MIB" };

    public Option<double?> MinCrossBackground { get; } = new("--min-cross-background") { Description = "Least share of cross-background pairs, e.g. 0.75 (overrides the policy file)", HelpName = "SHARE" };

    public Option<bool> KeepRuleBreakingLocks { get; } = new(LockedPairGate.KeepOption) { Description = "Keep locked pairs that break a hard rule (each is listed in summary.json and on the terminal); never for the safeguarding rules NO_BACKGROUND_CHECK and REMOTE_UNDER_18" };

    public Option<FileInfo?> Preferences { get; } = PreferencesStep.Option();

    public Option<FileInfo[]> CarryOver { get; } = CarryOverStep.Option();

    public void AddTo(Command c)
    {
        c.Add(CarryOver);
        c.Add(Preferences);
        c.Add(Mentors);
        c.Add(Mentees);
        c.Add(AsOf);
        c.Add(Delimiter);
        c.Add(DateFormat);
        c.Add(Sheet);
        c.Add(MentorSheet);
        c.Add(MenteeSheet);
        c.Add(Columns);
        c.Add(Carry);
        c.Add(Policy);
        c.Add(Locked);
        c.Add(Excluded);
        c.Add(MinCrossBackground);
        c.Add(TimeLimit);
        c.Add(MemoryLimit);
        c.Add(KeepRuleBreakingLocks);
    }
}
