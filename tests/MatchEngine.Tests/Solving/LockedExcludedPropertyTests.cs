using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Model;

namespace MatchEngine.Tests.Solving;

public class LockedExcludedPropertyTests
{
    private static Gen<(MatchBatch Batch, int LockSeed, int ExcludeSeed)> Cases =>
        from b in BatchGen.Batch(6, 7)
        from l in Gen.Choose(0, 1000)
        from x in Gen.Choose(0, 1000)
        select (b, l, x);

    /// <summary>Locks some of the pairs of a first run (as a rolling intake does) and excludes some other pairs.</summary>
    private static MatchBatch WithLockedAndExcluded(MatchBatch batch, int lockSeed, int excludeSeed)
    {
        var first = new Matcher().Match(batch);
        var rng = new Random(lockSeed);
        var locked = first.Pairs.Where(_ => rng.Next(2) == 0).Select(p => new LockedPair(p.MenteeId, p.MentorId, p.Mode)).ToList();
        var rx = new Random(excludeSeed);
        var excluded = batch.Mentees.SelectMany(e => batch.Mentors.Select(m => new PairRef(e.Id, m.Id)))
            .Where(p => locked.All(l => l.MenteeId != p.MenteeId || l.MentorId != p.MentorId) && rx.Next(4) == 0).ToList();
        return batch with { Locked = locked, Excluded = excluded };
    }

    [Property(MaxTest = 150)]
    public Property Locked_pairs_never_change_and_excluded_pairs_never_appear() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var batch = WithLockedAndExcluded(c.Batch, c.LockSeed, c.ExcludeSeed);
        var r = new Matcher().Match(batch);
        var pairs = r.Pairs.ToDictionary(p => p.MenteeId);
        var lockedKept = batch.Locked.All(l => pairs.TryGetValue(l.MenteeId, out var p) && p.MentorId == l.MentorId && p.Mode == l.Mode && p.Locked);
        var excludedAbsent = batch.Excluded.All(x => !(pairs.TryGetValue(x.MenteeId, out var p) && p.MentorId == x.MentorId));
        var caps = batch.Mentors.ToDictionary(m => m.Id, m => m.Capacity);
        var capacityOk = r.Pairs.GroupBy(p => p.MentorId).All(g => g.Count() <= caps[g.Key]);
        return lockedKept.Label("locked kept").And(excludedAbsent.Label("excluded absent")).And(capacityOk.Label("capacity"));
    });

    [Property(MaxTest = 150)]
    public Property Rolling_intake_fills_the_remaining_capacity_optimally() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var batch = WithLockedAndExcluded(c.Batch, c.LockSeed, 0) with { Excluded = [] };
        var r = new Matcher().Match(batch);

        // The same as matching only the people left, with each mentor's capacity reduced by their locked pairs.
        var lockedMentees = batch.Locked.Select(l => l.MenteeId).ToHashSet();
        var load = batch.Locked.GroupBy(l => l.MentorId).ToDictionary(g => g.Key, g => g.Count());
        var rest = new MatchBatch(
            batch.Mentors.Where(m => m.Capacity > load.GetValueOrDefault(m.Id)).Select(m => m with { Capacity = m.Capacity - load.GetValueOrDefault(m.Id) }),
            batch.Mentees.Where(e => !lockedMentees.Contains(e.Id)),
            batch.AsOf);
        var expected = new Matcher().Match(rest);
        var fresh = r.Pairs.Where(p => !p.Locked).ToList();
        return (fresh.Count == expected.Pairs.Count).Label($"count {fresh.Count} vs {expected.Pairs.Count}")
            .And((fresh.Sum(p => (long)p.Score.Points) == expected.Pairs.Sum(p => (long)p.Score.Points)).Label("total score"));
    });

    [Property(MaxTest = 100)]
    public Property Explain_agrees_with_the_scores_the_solver_used() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var batch = WithLockedAndExcluded(c.Batch, c.LockSeed, c.ExcludeSeed) with { Locked = [] };
        var matcher = new Matcher();
        var r = matcher.Match(batch);
        var excluded = batch.Excluded.ToHashSet();
        foreach (var e in batch.Mentees)
        {
            var x = matcher.Explain(batch, r, e.Id);
            var chosen = r.Pairs.FirstOrDefault(p => p.MenteeId == e.Id);
            if (!Equals(x.Chosen, chosen))
            {
                return false.Label($"chosen differs for {e.Id}");
            }

            foreach (var a in x.Alternatives)
            {
                var mentor = batch.Mentors.First(m => m.Id == a.MentorId);
                var (assessment, mode, score) = matcher.Evaluate(mentor, e, batch.AsOf);
                if (!assessment.IsEligible || excluded.Contains(new PairRef(e.Id, mentor.Id)) || mode != a.Mode || score.Points != a.Score!.Value.Points)
                {
                    return false.Label($"alternative {a.MentorId} of {e.Id} differs from Evaluate");
                }

                // An alternative better than the chosen pair must have been full.
                if (chosen is not null && a.Score.Value.Points > chosen.Score.Points && a.MentorsMentees.Count < a.Capacity && !e.UnmetNeeds)
                {
                    return false.Label($"{a.MentorId} scores more for {e.Id}, had room, and was not chosen");
                }
            }

            if (x.Alternatives.Count + x.Rejected.Count + (chosen is null ? 0 : 1) != batch.Mentors.Count)
            {
                return false.Label($"every mentor accounted for, for {e.Id}");
            }

            if (x.Rejected.Any(v => v.RuleCode == "EXCLUDED_PAIR" && !excluded.Contains(new PairRef(e.Id, v.MentorId))))
            {
                return false.Label("exclusion reported for a pair not excluded");
            }
        }

        return true.ToProperty();
    });
}
