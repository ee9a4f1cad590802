using System.Globalization;
using MatchEngine.Model;

namespace MatchEngine.Rules;

/// <summary>A locked pair that breaks a hard rule in the mode it meets in.</summary>
/// <param name="MenteeId">The mentee of the locked pair.</param>
/// <param name="MentorId">The mentor of the locked pair.</param>
/// <param name="Mode">The mode the pair meets in (as locked, or the one the engine gave it).</param>
/// <param name="Row">The row of the locked pair in the file it was read from (header = 1); 0 when not read from a file.</param>
/// <param name="RuleCode">The code of the rule broken, e.g. <c>MENTOR_NOT_TRAINED</c>.</param>
/// <param name="Reason">What is wrong with the pair, in words a coordinator understands.</param>
public sealed record LockedPairBreach(string MenteeId, string MentorId, MeetingModes Mode, int Row, string RuleCode, string Reason)
{
    /// <summary>Whether the rule broken is a safeguarding rule, which no option can override.</summary>
    public bool IsSafeguarding => LockedPairCheck.IsSafeguarding(RuleCode);

    /// <summary>The breach as one line: <c>(KID, BAD) virtual breaks MENTOR_NOT_TRAINED: the mentor has not completed training</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() =>
        $"locked pair ({MenteeId}, {MentorId}) meeting {MeetingModeNames.Join(Mode)} breaks {RuleCode}: {Reason}";
}

/// <summary>A match was asked to keep locked pairs that break the hard rules.</summary>
public sealed class LockedPairRuleException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public LockedPairRuleException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public LockedPairRuleException(string message)
        : base(message)
    {
        Breaches = [];
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public LockedPairRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Breaches = [];
    }

    /// <summary>Creates the exception for the breaches that may not be kept.</summary>
    /// <param name="breaches">The breaches.</param>
    public LockedPairRuleException(IReadOnlyList<LockedPairBreach> breaches)
        : base(Describe(breaches), "batch")
    {
        Breaches = breaches;
    }

    /// <summary>The breaches that stopped the match.</summary>
    public IReadOnlyList<LockedPairBreach> Breaches { get; }

    private static string Describe(IReadOnlyList<LockedPairBreach> breaches)
    {
        ArgumentNullException.ThrowIfNull(breaches);
        var lines = breaches.Take(20).Select(b => b.Row > 0 ? string.Create(CultureInfo.InvariantCulture, $"row {b.Row}: {b}") : b.ToString());
        var more = breaches.Count > 20 ? string.Create(CultureInfo.InvariantCulture, $" ... and {breaches.Count - 20} more.") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{breaches.Count} locked pair rule breach(es) cannot be kept: ") + string.Join("; ", lines) + "." + more;
    }
}

/// <summary>
/// Checks locked pairs against every hard rule of the rule set in force, in the mode each pair meets in. A locked
/// pair is a relationship already running, so the engine does not choose it; but it is never kept silently when it
/// breaks a rule. Safeguarding rules (<see cref="RuleCodes.NoBackgroundCheck"/>, <see cref="RuleCodes.RemoteUnder18"/>)
/// can never be overridden; other breaches are kept only with <see cref="MatchOptions.KeepRuleBreakingLocks"/>.
/// </summary>
public static class LockedPairCheck
{
    /// <summary>The rule codes that protect young people and can never be overridden.</summary>
    public static IReadOnlyList<string> SafeguardingCodes { get; } = [RuleCodes.NoBackgroundCheck, RuleCodes.RemoteUnder18];

    /// <summary>Whether a rule code is a safeguarding rule.</summary>
    /// <param name="ruleCode">The code.</param>
    /// <returns>True for <see cref="RuleCodes.NoBackgroundCheck"/> and <see cref="RuleCodes.RemoteUnder18"/>.</returns>
    public static bool IsSafeguarding(string ruleCode) => SafeguardingCodes.Contains(ruleCode, StringComparer.Ordinal);

    /// <summary>Every hard rule each locked pair of the batch breaks, in the mode it meets in (a pair locked without a mode meets in the best mode the rules allow; when none, it breaks).</summary>
    /// <param name="batch">The batch with its locked pairs.</param>
    /// <param name="options">The options in force; <see cref="MatchOptions.Default"/> when null.</param>
    /// <param name="rules">The rules in force; <see cref="RuleSet.Default"/> when null.</param>
    /// <returns>The breaches, in the order of the locked pairs, then of the rules.</returns>
    /// <exception cref="ArgumentException">When a locked pair names a person who is not in the batch.</exception>
    public static IReadOnlyList<LockedPairBreach> Find(MatchBatch batch, MatchOptions? options = null, RuleSet? rules = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var pairs = Scoring.PairEvaluator.For(options, rules);
        var mentors = batch.Mentors.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var mentees = batch.Mentees.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var breaches = new List<LockedPairBreach>();
        foreach (var l in batch.Locked)
        {
            ArgumentNullException.ThrowIfNull(l, nameof(batch));
            if (!mentees.TryGetValue(l.MenteeId ?? string.Empty, out var mentee) || !mentors.TryGetValue(l.MentorId ?? string.Empty, out var mentor))
            {
                throw new ArgumentException($"Locked pair ({l.MenteeId}, {l.MentorId}) names a person who is not in the batch.", nameof(batch));
            }

            var mode = l.Mode ?? pairs.LockedMode(mentor, mentee, batch.AsOf);
            breaches.AddRange(Check(pairs.Rules, pairs.Context(mentor, mentee, batch.AsOf), mode, l));
        }

        return breaches;
    }

    /// <summary>The hard rules one locked pair breaks in the given mode.</summary>
    internal static IEnumerable<LockedPairBreach> Check(RuleSet rules, PairContext ctx, MeetingModes mode, LockedPair locked)
    {
        if (!MeetingModeNames.Single.Contains(mode))
        {
            throw new ArgumentException($"Locked pair ({locked.MenteeId}, {locked.MentorId}) has the mode {mode}; a running pair meets in exactly one mode.", nameof(locked));
        }

        foreach (var rule in rules.Rules)
        {
            if ((rule.Apply(ctx, mode) & mode) != 0)
            {
                continue;
            }

            // The remote rule also removes the remote modes a mentee would need; for a pair meeting in person that is not this rule's breach (the mode rule reports it).
            if (rule is RemoteAgeRule && (mode & (MeetingModes.Virtual | MeetingModes.Hybrid)) == 0)
            {
                continue;
            }

            yield return new LockedPairBreach(locked.MenteeId, locked.MentorId, mode, locked.Row, rule.Code, Reason(rule, ctx, mode));
        }
    }

    /// <summary>Stops when a breach may not be kept: any safeguarding breach, and any other unless the options say to keep them.</summary>
    internal static void Enforce(IReadOnlyList<LockedPairBreach> breaches, MatchOptions options)
    {
        var refused = breaches.Where(b => b.IsSafeguarding || !options.KeepRuleBreakingLocks).ToList();
        if (refused.Count > 0)
        {
            throw new LockedPairRuleException(refused);
        }
    }

    private static string Reason(IEligibilityRule rule, in PairContext p, MeetingModes mode)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = p.Options;
        var name = MeetingModeNames.Name(mode);
        return rule.Code switch
        {
            RuleCodes.MentorTooYoung => string.Create(inv, $"the mentor is aged {p.MentorAge}; mentors must be over {o.MentorMinAgeExclusive}"),
            RuleCodes.MentorNotTrained => "the mentor has not completed training",
            RuleCodes.MenteeAgeOutOfRange => string.Create(inv, $"the young person is aged {p.MenteeAge}; the programme takes young people aged {o.MenteeMinAge} to {o.MenteeMaxAge}"),
            RuleCodes.RemoteUnder18 => string.Create(inv, $"the young person is aged {p.MenteeAge} and the pair meets {name}; virtual and hybrid mentoring are only for {o.RemoteMinAge} and over (safeguarding)"),
            RuleCodes.NoCommonMode => ModeReason(p, mode, name),
            RuleCodes.NoBackgroundCheck => string.Create(inv, $"the young person is aged {p.MenteeAge} and the mentor has no current background check; under {o.BackgroundCheckUnderAge} a background-checked mentor is required (safeguarding)"),
            RuleCodes.TooFar => p.DistanceKm is { } d
                ? string.Create(inv, $"they are {d:0.#} km apart; {name} only within {(mode == MeetingModes.Hybrid ? o.HybridMaxKm : o.FaceToFaceMaxKm):0.#} km")
                : $"a location is missing and they are in different regions ('{p.Mentee.Region}', '{p.Mentor.Region}'); {name} needs the same region",
            _ => rule.Describe(p),
        };
    }

    private static string ModeReason(in PairContext p, MeetingModes mode, string name)
    {
        var who = new List<string>(2);
        if ((p.Mentee.Modes & mode) == 0)
        {
            who.Add($"the young person (accepts {MeetingModeNames.Join(p.Mentee.Modes)})");
        }

        if ((p.Mentor.Modes & mode) == 0)
        {
            who.Add($"the mentor (accepts {MeetingModeNames.Join(p.Mentor.Modes)})");
        }

        return who.Count == 0 ? $"{name} is not a mode both accept" : $"the pair meets {name}, which {string.Join(" and ", who)} {(who.Count == 1 ? "does" : "do")} not accept";
    }
}
