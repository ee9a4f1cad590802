using System.CommandLine;

namespace MatchEngine.Cli.Commands;

/// <summary>The options every command on a batch shares.</summary>
internal sealed class BatchOptions
{
    public Option<FileInfo> Mentors { get; } = new("--mentors") { Description = "mentors.csv (see the CSV contract in the README)", Required = true };

    public Option<FileInfo> Mentees { get; } = new("--mentees") { Description = "mentees.csv", Required = true };

    public Option<string?> AsOf { get; } = new("--as-of") { Description = "Date ages are computed on, YYYY-MM-DD (default: today)" };

    public Option<string?> Delimiter { get; } = SharedOptions.Delimiter();

    public Option<FileInfo?> Policy { get; } = new("--policy") { Description = "policy.json: weights, travel limits, ages, safeguarding, objective, targets (see `matchengine policy`)" };

    public Option<FileInfo?> Locked { get; } = new("--locked") { Description = "Pairs already running (mentee_id, mentor_id[, mode]); a previous matches.csv works as it is" };

    public Option<FileInfo?> Excluded { get; } = new("--excluded") { Description = "Pairs never to make (mentee_id, mentor_id)" };

    public Option<double?> MinCrossBackground { get; } = new("--min-cross-background") { Description = "Least share of cross-background pairs, e.g. 0.75 (overrides the policy file)" };

    public Option<bool> KeepRuleBreakingLocks { get; } = new(LockedPairGate.KeepOption) { Description = "Keep locked pairs that break a hard rule (each is listed in summary.json and on the terminal); never for the safeguarding rules NO_BACKGROUND_CHECK and REMOTE_UNDER_18" };

    public void AddTo(Command c)
    {
        c.Add(Mentors);
        c.Add(Mentees);
        c.Add(AsOf);
        c.Add(Delimiter);
        c.Add(Policy);
        c.Add(Locked);
        c.Add(Excluded);
        c.Add(MinCrossBackground);
        c.Add(KeepRuleBreakingLocks);
    }
}
