using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Generation;
using MatchEngine.Model;

namespace MatchEngine.Tests.Solving;

/// <summary>The candidate search for large batches, forced on small ones and checked against the dense (exact) engine.</summary>
public class SparsePropertyTests
{
    private static Gen<(MatchBatch Batch, int Keep, int Rounds)> Cases =>
        from seed in Gen.Choose(1, 100_000)
        from mentors in Gen.Choose(5, 120)
        from mentees in Gen.Choose(5, 120)
        from keep in Gen.Elements(1, 2, 4, 8)
        from rounds in Gen.Choose(0, 3)
        select (BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, ScatterKm = 15 }), keep, rounds);

    [Property(MaxTest = 60)]
    public Property Pruned_search_is_valid_and_its_bound_holds_against_the_exact_optimum() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var sparseOptions = MatchOptions.Default with { DensePairLimit = 0, CandidatesPerMentee = c.Keep, CandidateSearchBudget = Math.Max(c.Keep, 8), WideningRounds = c.Rounds };
        var sparse = new Matcher(sparseOptions).Match(c.Batch);
        var exact = new Matcher().Match(c.Batch);
        var mentors = c.Batch.Mentors.ToDictionary(m => m.Id);
        var mentees = c.Batch.Mentees.ToDictionary(m => m.Id);
        var legal = sparse.Pairs.All(p => (ReferenceRules.Allowed(mentors[p.MentorId], mentees[p.MenteeId], c.Batch.AsOf) & p.Mode) == p.Mode);
        var capacity = sparse.Pairs.GroupBy(p => p.MentorId).All(g => g.Count() <= mentors[g.Key].Capacity);
        var once = sparse.Pairs.Count + sparse.Unmatched.Count(u => u.Role == PersonRole.Mentee) == c.Batch.Mentees.Count;
        var s = sparse.Summary;
        var e = exact.Summary;
        var prop = legal.Label("hard rules").And(capacity.Label("capacity")).And(once.Label("every mentee once"))
            .And((s.Matched <= e.Matched && s.TotalScore <= e.TotalScore + 1e-9 || s.Matched < e.Matched).Label("never better than exact"));
        if (s.OptimalityGap is { } gap)
        {
            // Counts proven: they equal the exact ones, and the bound is a true upper bound of the exact optimum.
            prop = prop.And((s.Matched == e.Matched && s.UnmetNeedsMatched == e.UnmetNeedsMatched).Label($"counts proven: {s.Matched}/{e.Matched}, {s.UnmetNeedsMatched}/{e.UnmetNeedsMatched}"))
                .And((s.ScoreUpperBound >= e.TotalScore - 1e-6).Label($"bound {s.ScoreUpperBound} >= exact {e.TotalScore}"))
                .And((gap > 0 || Math.Abs(s.TotalScore - e.TotalScore) < 1e-6).Label($"gap 0 means optimal: {s.TotalScore} vs {e.TotalScore}"));
        }

        return prop;
    });
}
