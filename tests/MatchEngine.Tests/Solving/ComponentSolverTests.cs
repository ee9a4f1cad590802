using MatchEngine.Solving;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// <see cref="ComponentSolver"/> against one OR-Tools solve of the whole problem, on random problems made of several
/// independent parts (and a few with one part only): the counts and the score must be equal, and the matching valid.
/// </summary>
public class ComponentSolverTests
{
    [Theory]
    [InlineData(1, ObjectiveOrder.MostPairsFirst)]
    [InlineData(2, ObjectiveOrder.BestPairsFirst)]
    [InlineData(3, ObjectiveOrder.MostPairsFirst)]
    public void Equals_one_solve_of_the_whole(int seed, ObjectiveOrder objective)
    {
        var rng = new Random(seed);
        var split = 0;
        for (var t = 0; t < 400; t++)
        {
            // Parts side by side: each its own mentees and mentors, its pairs only among them.
            var parts = rng.Next(1, 9);
            var priority = new List<bool>();
            var capacity = new List<int>();
            var arcs = new List<(int I, int J, long S)>();
            for (var p = 0; p < parts; p++)
            {
                int l0 = priority.Count, r0 = capacity.Count, l = rng.Next(1, 15), r = rng.Next(1, 8);
                priority.AddRange(Enumerable.Range(0, l).Select(_ => rng.Next(3) == 0));
                capacity.AddRange(Enumerable.Range(0, r).Select(_ => rng.Next(0, 4)));
                for (var i = 0; i < l; i++)
                {
                    for (var j = 0; j < r; j++)
                    {
                        if (rng.Next(3) == 0)
                        {
                            arcs.Add((l0 + i, r0 + j, rng.Next(-20, 200)));
                        }
                    }
                }
            }

            // Arcs in a shuffled order, so that parts interleave.
            arcs = [.. arcs.OrderBy(_ => rng.Next())];
            var problem = new AssignmentProblem(priority, capacity);
            foreach (var (i, j, s) in arcs)
            {
                problem.AddArc(i, j, s);
            }

            var whole = AssignmentSolver.Solve(problem, objective);
            var parted = ComponentSolver.Solve(problem, objective, knownCounts: null, leastArcs: 0, CancellationToken.None);
            Assert.Equal(whole.PriorityMatched, parted.PriorityMatched);
            Assert.Equal(whole.TotalScore, parted.TotalScore);
            if (objective == ObjectiveOrder.MostPairsFirst)
            {
                // (Best pairs first leaves a pair scoring 0 optional: the count may differ among optima.)
                Assert.Equal(whole.Matched, parted.Matched);
            }

            // Valid: each arc its own left node's, no right node over its capacity, the totals as stated.
            var load = new int[capacity.Count];
            long total = 0;
            var matched = 0;
            for (var i = 0; i < priority.Count; i++)
            {
                var a = parted.ArcOfLeft[i];
                if (a < 0)
                {
                    continue;
                }

                Assert.Equal(i, problem.ArcLeft(a));
                load[problem.ArcRight(a)]++;
                total += problem.ArcScore(a);
                matched++;
            }

            Assert.All(Enumerable.Range(0, capacity.Count), j => Assert.True(load[j] <= capacity[j]));
            Assert.Equal(parted.TotalScore, total);
            Assert.Equal(parted.Matched, matched);
            split += parts > 2 ? 1 : 0;
        }

        Assert.True(split > 100);
    }

    /// <summary>A complete square of one pair scoring below 0: best pairs first leaves it unmatched (the dense shortcut matched it).</summary>
    [Fact]
    public void Best_pairs_first_leaves_a_complete_square_pair_below_zero_unmatched()
    {
        var problem = new AssignmentProblem([false], [1]);
        problem.AddArc(0, 0, -5);
        var solution = AssignmentSolver.Solve(problem, ObjectiveOrder.BestPairsFirst);
        Assert.Equal(0, solution.Matched);
        Assert.Equal(0, solution.TotalScore);
    }
}
