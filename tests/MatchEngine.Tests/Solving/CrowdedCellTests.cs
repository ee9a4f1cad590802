using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Candidates;
using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;
using MatchEngine.Solving;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// The large-batch engine with its grid cells halved (as it does for crowded cells, forced here on small batches):
/// the same optimum as every pair solved at once, certified. Cell size may change only the speed.
/// </summary>
public class CrowdedCellTests
{
    private static Gen<(MatchBatch Batch, ObjectiveOrder Objective)> Cases =>
        from seed in Gen.Choose(1, 1_000_000)
        from mentors in Gen.Choose(1, 70)
        from mentees in Gen.Choose(1, 70)
        from scatter in Gen.Elements(0.0, 0.3, 2.0, 15.0, 40.0)
        from objective in Gen.Elements(ObjectiveOrder.MostPairsFirst, ObjectiveOrder.BestPairsFirst)
        select (BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, ScatterKm = scatter }), objective);

    [Property(MaxTest = 150)]
    public Property Halved_cells_give_the_optimum_over_every_pair() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var options = MatchOptions.Default with { Objective = c.Objective };
        var (mentors, mentees, _, _, kernel) = KernelOf.Batch(c.Batch, options);
        var capacity = mentors.Select(m => m.Capacity).ToArray();
        var exact = new ExactSparse(kernel, capacity, [.. mentees.Select(e => e.UnmetNeeds)], options, crowdedCell: -1);
        exact.Candidates(options.CandidatesPerMentee, null, CancellationToken.None);
        var (sparse, _, _, stats) = exact.Solve(c.Objective, 200, null, CancellationToken.None);

        var every = CandidateGraph.Build(mentors, mentees, capacity, c.Batch.AsOf, RuleSet.Default.Rules, new PairScorer(options), options, CancellationToken.None);
        var dense = AssignmentSolver.Solve(every.Problem, c.Objective);
        var halved = exact.CellKm < Math.Max(0.5, RuleIndex.Reach(options) / 6);

        // Best-pairs-first weighs young people with unmet needs, then the score: a pair scoring 0 may or may not be
        // made, so the number matched is compared only under most-pairs-first.
        var sameMatched = c.Objective == ObjectiveOrder.BestPairsFirst || sparse.Matched == dense.Matched;
        return (stats.Certified && halved && sameMatched && sparse.PriorityMatched == dense.PriorityMatched && sparse.TotalScore == dense.TotalScore)
            .Label($"certified {stats.Certified}, cell {exact.CellKm} km; matched {sparse.Matched}/{dense.Matched}, priority {sparse.PriorityMatched}/{dense.PriorityMatched}, score {sparse.TotalScore}/{dense.TotalScore}");
    });

    private static Gen<(MatchBatch Batch, double FaceToFace, double Hybrid, bool Halved)> Reaches =>
        from seed in Gen.Choose(1, 1_000_000)
        from mentors in Gen.Choose(1, 90)
        from mentees in Gen.Choose(1, 90)
        from scatter in Gen.Elements(0.0, 0.3, 2.0, 15.0, 40.0, 150.0)
        from faceToFace in Gen.Elements(0.0, 1.0, 5.0, 15.0, 40.0, 400.0)
        from hybrid in Gen.Elements(0.0, 2.0, 10.0, 30.0, 80.0)
        from halved in Gen.Elements(false, true)
        select (BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, ScatterKm = scatter }), faceToFace, hybrid, halved);

    /// <summary>
    /// The searches after the first read the groups of the cells near a young person's own cell instead of a list kept
    /// per young person: they must reach exactly the groups the list would hold, with the same bounds, whatever the
    /// travel limits and cell sizes.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Later_searches_read_exactly_the_groups_the_first_lists() => Prop.ForAll(Reaches.ToArbitrary(), c =>
    {
        var options = MatchOptions.Default with { FaceToFaceMaxKm = c.FaceToFace, HybridMaxKm = c.Hybrid };
        var (mentors, mentees, _, _, kernel) = KernelOf.Batch(c.Batch, options);
        var capacity = mentors.Select(m => m.Capacity).ToArray();
        var exact = new ExactSparse(kernel, capacity, [.. mentees.Select(e => e.UnmetNeeds)], options, crowdedCell: c.Halved ? -1 : ExactSparse.CrowdedCell);
        var differ = Enumerable.Range(0, mentees.Length).Where(e =>
        {
            var (near, listed) = exact.GroupsOf(e);
            return !near.Order().SequenceEqual(listed.Order());
        }).ToList();
        var reached = Enumerable.Range(0, mentees.Length).Sum(e => exact.GroupsOf(e).Listed.Count);
        return (differ.Count == 0).Label($"young people whose groups differ: {string.Join(", ", differ)} (groups reached in all: {reached}, cell {exact.CellKm} km)");
    });
}
