using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Reports;

namespace MatchEngine.Tests.Solving;

public class MatcherPropertyTests
{
    private static readonly Matcher Matcher = new();

    private static Arbitrary<MatchBatch> Batches => BatchGen.Batch().ToArbitrary();

    [Property(MaxTest = 150)]
    public Property Objective_equals_the_brute_force_optimum() => Prop.ForAll(Batches, batch =>
    {
        var result = Matcher.Match(batch);
        var mentors = batch.Mentors.ToList();
        var mentees = batch.Mentees.ToList();
        var arcs = new List<(int, int, long)>();
        for (var e = 0; e < mentees.Count; e++)
        {
            for (var m = 0; m < mentors.Count; m++)
            {
                var (a, _, score) = Matcher.Evaluate(mentors[m], mentees[e], batch.AsOf);
                if (a.IsEligible)
                {
                    arcs.Add((e, m, score.Points));
                }
            }
        }

        var expected = BruteForce.Optimum([.. mentees.Select(x => x.UnmetNeeds)], [.. mentors.Select(x => x.Capacity)], arcs);
        var unmet = mentees.Where(x => x.UnmetNeeds).Select(x => x.Id).ToHashSet();
        var actual = (result.Pairs.Count(p => unmet.Contains(p.MenteeId)), result.Pairs.Count, result.Pairs.Sum(p => (long)p.Score.Points));
        return (actual == expected).Label($"expected {expected}, got {actual}");
    });

    [Property(MaxTest = 150)]
    public Property No_mentor_is_over_capacity_and_no_pair_breaks_a_hard_rule() => Prop.ForAll(Batches, batch =>
    {
        var result = Matcher.Match(batch);
        var mentors = batch.Mentors.ToDictionary(m => m.Id);
        var mentees = batch.Mentees.ToDictionary(m => m.Id);
        var load = result.Pairs.GroupBy(p => p.MentorId).All(g => g.Count() <= mentors[g.Key].Capacity);
        var legal = result.Pairs.All(p => (ReferenceRules.Allowed(mentors[p.MentorId], mentees[p.MenteeId], batch.AsOf) & p.Mode) == p.Mode);
        return load.Label("capacity").And(legal.Label("hard rules"));
    });

    [Property(MaxTest = 150)]
    public Property Engine_eligibility_agrees_with_the_reference_rules() => Prop.ForAll(Batches, batch =>
        batch.Mentors.All(m => batch.Mentees.All(e => Matcher.Evaluate(m, e, batch.AsOf).Assessment.Allowed == ReferenceRules.Allowed(m, e, batch.AsOf))));

    [Property(MaxTest = 150)]
    public Property Every_mentee_appears_exactly_once_in_matches_or_unmatched() => Prop.ForAll(Batches, batch =>
    {
        var result = Matcher.Match(batch);
        var seen = result.Pairs.Select(p => p.MenteeId)
            .Concat(result.Unmatched.Where(u => u.Role == PersonRole.Mentee).Select(u => u.Id)).ToList();
        var mentorsReported = result.Unmatched.Where(u => u.Role == PersonRole.Mentor).Select(u => u.Id).ToHashSet();
        var spareOk = batch.Mentors.All(m => mentorsReported.Contains(m.Id) == (result.Pairs.Count(p => p.MentorId == m.Id) < m.Capacity));
        return (seen.Count == batch.Mentees.Count && seen.ToHashSet().SetEquals(batch.Mentees.Select(m => m.Id))).Label("mentees once")
            .And(spareOk.Label("every mentor with unused places is reported"));
    });

    [Property(MaxTest = 60)]
    public Property Same_input_in_any_order_gives_byte_identical_output() => Prop.ForAll(Batches, batch =>
    {
        var shuffled = new MatchBatch(batch.Mentors.Reverse(), batch.Mentees.Reverse(), batch.AsOf);
        return Render(batch).SequenceEqual(Render(batch)) && Render(batch).SequenceEqual(Render(shuffled));
    });

    private static byte[] Render(MatchBatch batch)
    {
        var r = new Matcher().Match(batch);
        using var ms = new MemoryStream();
        ResultCsv.WriteMatches(ms, r.Pairs);
        ResultCsv.WriteUnmatched(ms, r.Unmatched);
        SummaryJson.Write(ms, r);
        return ms.ToArray();
    }

    [Fact]
    public void Unmet_needs_come_before_more_pairs_and_more_pairs_before_score()
    {
        // One mentor, two mentees: the one with unmet needs gets the place even though the other scores higher.
        var mentor = People.Mentor(ethnicity: "white", ses: "professional");
        var plain = People.Mentee("ME1", ethnicity: "asian", ses: "working-class");
        var needs = People.Mentee("ME2", unmet: true);
        var r = Matcher.Match(new MatchBatch([mentor], [plain, needs], People.AsOf));
        Assert.Equal("ME2", Assert.Single(r.Pairs).MenteeId);
        var u = Assert.Single(r.Unmatched);
        Assert.Equal(ReasonCodes.CapacityTaken, u.ReasonCode);
    }

    [Fact]
    public void Unmatched_under_18_gets_a_sentence_naming_the_binding_rule()
    {
        var mentors = Enumerable.Range(1, 4).Select(i => People.Mentor($"MR{i}", dbs: false)).ToList();
        var r = Matcher.Match(new MatchBatch(mentors, [People.Mentee(age: 15, modes: MeetingModes.FaceToFace)], People.AsOf));
        var u = r.Unmatched.Single(x => x.Role == PersonRole.Mentee);
        Assert.Equal("NO_BACKGROUND_CHECK", u.ReasonCode);
        Assert.Contains("under 18: no background-checked mentor offers face-to-face within 25 km", u.Reason, StringComparison.Ordinal);
        Assert.All(r.Unmatched.Where(x => x.Role == PersonRole.Mentor), m => Assert.Equal("NO_BACKGROUND_CHECK", m.ReasonCode));
    }
}
