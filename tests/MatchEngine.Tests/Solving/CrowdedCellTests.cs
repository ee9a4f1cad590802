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
}
