using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;

namespace MatchEngine.Candidates;

/// <summary>
/// The locked and excluded pairs of a batch applied: the locked pairs kept (each taking a place of its mentor's
/// capacity), their rule breaches, and the people and places left to match under the rules with the excluded pairs.
/// </summary>
/// <param name="Mentors">Every mentor, by id.</param>
/// <param name="Mentees">The mentees not locked, by id.</param>
/// <param name="Capacity">The places each mentor has left after the locked pairs.</param>
/// <param name="Locked">The locked pairs, scored, in the order given.</param>
/// <param name="Load">The places each mentor's locked pairs take.</param>
/// <param name="Breaches">Rule breaches of locked pairs kept with <see cref="MatchOptions.KeepRuleBreakingLocks"/>.</param>
/// <param name="Rules">The hard rules in force, with the excluded pairs as a rule when there are any.</param>
internal sealed record LockedPairs(
    Mentor[] Mentors,
    Mentee[] Mentees,
    int[] Capacity,
    List<MatchedPair> Locked,
    int[] Load,
    IReadOnlyList<LockedPairBreach> Breaches,
    IReadOnlyList<IEligibilityRule> Rules)
{
    /// <summary>Checks the locked and excluded pairs of a batch and takes the locked ones out of what is left to match.</summary>
    /// <exception cref="ArgumentException">When a locked or excluded pair names an unknown person, a mentee is locked twice, or locked pairs exceed a mentor's capacity.</exception>
    /// <exception cref="LockedPairRuleException">When a locked pair breaks a rule that may not be kept.</exception>
    public static LockedPairs Apply(MatchBatch batch, PairEvaluator pairs)
    {
        var mentors = batch.Mentors.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        var mentorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < mentors.Length; i++)
        {
            mentorIndex[mentors[i].Id] = i;
        }

        var menteeById = batch.Mentees.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var load = new int[mentors.Length];
        var locked = new List<MatchedPair>();
        var lockedMentees = new HashSet<string>(StringComparer.Ordinal);
        var breaches = new List<LockedPairBreach>();
        foreach (var l in batch.Locked)
        {
            if (!menteeById.TryGetValue(l.MenteeId, out var mentee) || !mentorIndex.TryGetValue(l.MentorId, out var m))
            {
                throw new ArgumentException($"Locked pair ({l.MenteeId}, {l.MentorId}) names a person who is not in the batch.", nameof(batch));
            }

            if (!lockedMentees.Add(l.MenteeId))
            {
                throw new ArgumentException($"Mentee '{l.MenteeId}' is locked more than once.", nameof(batch));
            }

            if (++load[m] > mentors[m].Capacity)
            {
                throw new ArgumentException($"Locked pairs give mentor '{l.MentorId}' more mentees than their capacity of {mentors[m].Capacity}.", nameof(batch));
            }

            var mode = l.Mode ?? pairs.LockedMode(mentors[m], mentee, batch.AsOf);
            breaches.AddRange(LockedPairCheck.Check(pairs.Rules, pairs.Context(mentors[m], mentee, batch.AsOf), mode, l));
            locked.Add(pairs.Pair(mentors[m], mentee, mode) with { Locked = true });
        }

        LockedPairCheck.Enforce(breaches, pairs.Options);

        foreach (var x in batch.Excluded)
        {
            if (!menteeById.ContainsKey(x.MenteeId) || !mentorIndex.ContainsKey(x.MentorId))
            {
                throw new ArgumentException($"Excluded pair ({x.MenteeId}, {x.MentorId}) names a person who is not in the batch.", nameof(batch));
            }
        }

        var mentees = batch.Mentees.Where(e => !lockedMentees.Contains(e.Id)).OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
        var capacity = mentors.Select((m, i) => m.Capacity - load[i]).ToArray();
        return new LockedPairs(mentors, mentees, capacity, locked, load, breaches, RulesWith(pairs.Rules, batch.Excluded));
    }

    /// <summary>The hard rules in force, with the excluded pairs as one more rule when there are any.</summary>
    public static IReadOnlyList<IEligibilityRule> RulesWith(RuleSet rules, IReadOnlyList<PairRef> excluded) => excluded.Count == 0
        ? rules.Rules
        : [.. rules.Rules, new ExcludedPairRule(excluded.Select(x => (x.MenteeId, x.MentorId)))];
}
