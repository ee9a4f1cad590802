using MatchEngine.Solving;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// The warm-started re-solve between pricing rounds against OR-Tools' min-cost flow from nothing, on thousands of
/// random problems: a set holding a matching that reaches the full problem's counts is solved, pairs are added, and
/// the repair's optimum (counts and score) and prices must equal what a solve from nothing gives and certify it.
/// </summary>
public class WarmRepairTests
{
    [Theory]
    [InlineData(1, ObjectiveOrder.MostPairsFirst, 5)]
    [InlineData(2, ObjectiveOrder.BestPairsFirst, 5)]
    [InlineData(3, ObjectiveOrder.MostPairsFirst, 100)]
    [InlineData(4, ObjectiveOrder.BestPairsFirst, 10_000)]
    public void Agrees_with_a_solve_from_nothing_on_random_problems(int seed, ObjectiveOrder objective, int range)
    {
        var rng = new Random(seed);
        var repaired = 0;
        for (var t = 0; t < 800; t++)
        {
            int l = rng.Next(1, 14), r = rng.Next(1, 9);
            var priority = Enumerable.Range(0, l).Select(_ => rng.Next(4) == 0).ToArray();
            var capacity = Enumerable.Range(0, r).Select(_ => rng.Next(0, 3)).ToArray();
            var all = new List<(int I, int J, long S)>();
            for (var i = 0; i < l; i++)
            {
                for (var j = 0; j < r; j++)
                {
                    if (rng.Next(3) > 0)
                    {
                        all.Add((i, j, rng.Next(0, range + 1)));
                    }
                }
            }

            if (all.Count == 0)
            {
                continue;
            }

            // The full problem's counts, and a first set holding a matching that reaches them (as the large-batch
            // engine's set does once its counts are proven) and the best-scoring pair, so that the cost offset holds.
            var full = Problem(priority, capacity, all);
            var counts = AssignmentSolver.Counts(full, CancellationToken.None);
            var fullBest = AssignmentSolver.Solve(full, objective);
            var keep = new HashSet<int>(Enumerable.Range(0, all.Count).Where(a => fullBest.ArcOfLeft.Contains(a)));
            keep.Add(all.IndexOf(all.MaxBy(x => x.S)));
            foreach (var a in Enumerable.Range(0, all.Count).Where(_ => rng.Next(3) == 0))
            {
                keep.Add(a);
            }

            // The first solve is cold (OR-Tools); then pairs are added; the second set is solved warm and cold.
            var first = all.Where((_, a) => keep.Contains(a)).ToList();
            var before = AssignmentSolver.Solve(Problem(priority, capacity, first), objective, withPrices: true, counts, CancellationToken.None);
            Assert.NotNull(before.Warm);
            var second = first.Concat(all.Where((_, a) => !keep.Contains(a) && rng.Next(2) == 0)).ToList();
            var problem = Problem(priority, capacity, second);
            var cold = AssignmentSolver.Solve(problem, objective, withPrices: true, CancellationToken.None);
            var warm = WarmRepair.Solve(problem, objective, counts, before.Warm!, int.MaxValue, CancellationToken.None);
            Assert.NotNull(warm);
            repaired++;
            Assert.Equal(cold.PriorityMatched, warm!.PriorityMatched);
            if (objective == ObjectiveOrder.MostPairsFirst)
            {
                Assert.Equal(cold.Matched, warm.Matched); // best pairs first: pairs of 0 points may or may not be taken
            }

            Assert.True(cold.TotalScore == warm.TotalScore, $"case {t}: score {warm.TotalScore} vs OR-Tools {cold.TotalScore}");

            // A valid matching, and prices that certify it: no pair of the set left unmatched beats them.
            var load = new int[r];
            for (var i = 0; i < l; i++)
            {
                var a = warm.ArcOfLeft[i];
                if (a >= 0)
                {
                    Assert.Equal(i, problem.ArcLeft(a));
                    load[problem.ArcRight(a)]++;
                }
            }

            Assert.All(Enumerable.Range(0, r), j => Assert.True(load[j] <= capacity[j]));
            for (var a = 0; a < problem.ArcCount; a++)
            {
                if (warm.ArcOfLeft[problem.ArcLeft(a)] == a)
                {
                    continue;
                }

                Assert.True(problem.ArcScore(a) <= warm.PriceOfLeft![problem.ArcLeft(a)] - warm.PriceOfRight![problem.ArcRight(a)], $"case {t}: pair {a} beats its prices");
            }
        }

        Assert.True(repaired > 600);
    }

    [Fact]
    public void Declines_when_more_pairs_need_repair_than_allowed()
    {
        var priority = new[] { false, false };
        var capacity = new[] { 1, 1 };
        List<(int, int, long)> first = [(0, 0, 10), (1, 1, 1), (0, 1, 20)];
        var before = AssignmentSolver.Solve(Problem(priority, capacity, first), ObjectiveOrder.MostPairsFirst, withPrices: true, (0, 2), CancellationToken.None);
        var problem = Problem(priority, capacity, [.. first, (1, 0, 20)]);
        Assert.Null(WarmRepair.Solve(problem, ObjectiveOrder.MostPairsFirst, (0, 2), before.Warm!, 0, CancellationToken.None));
        Assert.Equal(40, WarmRepair.Solve(problem, ObjectiveOrder.MostPairsFirst, (0, 2), before.Warm!, 1, CancellationToken.None)!.TotalScore);
        var grown = Problem(priority, capacity, [.. first, (1, 0, 30)]);
        Assert.Null(WarmRepair.Solve(grown, ObjectiveOrder.MostPairsFirst, (0, 2), before.Warm!, 10, CancellationToken.None)); // another cost offset
    }

    private static AssignmentProblem Problem(bool[] priority, int[] capacity, List<(int I, int J, long S)> arcs)
    {
        var p = new AssignmentProblem(priority, capacity);
        foreach (var (i, j, s) in arcs)
        {
            p.AddArc(i, j, s);
        }

        return p;
    }
}
