using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Rules;

namespace MatchEngine.Cli;

/// <summary>
/// Checks the locked pairs against every hard rule before a run, and says so on the terminal: a breach stops the run
/// (exit 2) unless <c>--keep-rule-breaking-locks</c> is given and no breach is of a safeguarding rule.
/// </summary>
internal static class LockedPairGate
{
    public const string KeepOption = "--keep-rule-breaking-locks";

    /// <summary>Returns false (after listing every breach) when the run must stop.</summary>
    public static bool Check(MatchBatch batch, MatchOptions options, RuleSet? rules, string? lockedFile, TextWriter err)
    {
        if (batch.Locked.Count == 0)
        {
            return true;
        }

        var breaches = LockedPairCheck.Find(batch, options, rules);
        if (breaches.Count == 0)
        {
            return true;
        }

        var inv = CultureInfo.InvariantCulture;
        var pairs = breaches.Select(b => (b.MenteeId, b.MentorId)).Distinct().Count();
        var refused = breaches.Where(b => b.IsSafeguarding || !options.KeepRuleBreakingLocks).ToList();
        if (refused.Count > 0)
        {
            err.WriteLine(string.Create(inv, $"error: {Plural(pairs, "locked pair breaks", "locked pairs break")} the programme's hard rules ({Plural(breaches.Count, "breach", "breaches")}); nothing was written."));
            foreach (var b in breaches)
            {
                err.WriteLine($"  {Line(b, lockedFile)}{(b.IsSafeguarding ? " [safeguarding: can never be kept]" : string.Empty)}");
            }

            err.WriteLine(refused.Any(b => b.IsSafeguarding)
                ? $"  Safeguarding rules ({string.Join(", ", LockedPairCheck.SafeguardingCodes)}) are never overridden: end or change these pairs, then run again."
                : $"  Fix the pairs, remove them from {lockedFile ?? "the locked pairs"}, or keep them knowingly with {KeepOption} (each kept breach is then listed in summary.json).");
            return false;
        }

        err.WriteLine(string.Create(inv, $"warning: keeping {Plural(pairs, "locked pair that breaks", "locked pairs that break")} the programme's hard rules ({KeepOption}); each breach is listed in summary.json under \"locked_rule_breaches_kept\":"));
        foreach (var b in breaches)
        {
            err.WriteLine($"  {Line(b, lockedFile)}");
        }

        return true;
    }

    private static string Line(LockedPairBreach b, string? file)
    {
        var where = b.Row > 0 && file is not null ? string.Create(CultureInfo.InvariantCulture, $"{file}, row {b.Row}: ") : string.Empty;
        return where + TerminalText.Safe(b.ToString(), 400);
    }

    private static string Plural(int n, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");
}
