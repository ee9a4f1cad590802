using MatchEngine.Solving;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// The specialised solver (successive shortest paths with duals) against OR-Tools as the oracle, on thousands of
/// random capacitated problems of both objectives: the same counts and the same total score, a valid assignment,
/// and duals that certify it (no arc priced above them).
/// </summary>
public class ShortestPathAssignmentTests
{
    [Theory]
    [InlineData(ObjectiveOrder.MostPairsFirst, 1)]
    [InlineData(ObjectiveOrder.BestPairsFirst, 2)]
    [InlineData(ObjectiveOrder.MostPairsFirst, 3)]
    [InlineData(ObjectiveOrder.BestPairsFirst, 4)]
    public void Agrees_with_OrTools_on_random_problems(ObjectiveOrder objective, int seed)
    {
        var rng = new Random(seed);
        for (var t = 0; t < 800; t++)
        {
            var problem = Random(rng);
            var oracle = AssignmentSolver.Solve(problem, objective);
            var ours = ShortestPathAssignment.Solve(problem, objective, CancellationToken.None);
            Assert.NotNull(ours);
            var where = $"case {t} (seed {seed}): {problem.LeftCount} x {problem.RightCount}, {problem.ArcCount} arcs";
            Assert.True(oracle.PriorityMatched == ours.PriorityMatched, $"{where}: priority {ours.PriorityMatched} vs {oracle.PriorityMatched}");
            if (objective == ObjectiveOrder.MostPairsFirst)
            {
                Assert.True(oracle.Matched == ours.Matched, $"{where}: matched {ours.Matched} vs {oracle.Matched}");
            }

            Assert.True(oracle.TotalScore == ours.TotalScore, $"{where}: score {ours.TotalScore} vs {oracle.TotalScore}");
            Valid(problem, ours, where);
            Certified(problem, ours, where);
        }
    }

    [Fact]
    public void Leaves_a_mentee_without_arcs_unmatched_and_returns_null_when_weights_could_overflow()
    {
        var p = new AssignmentProblem([true, false], [1]);
        p.AddArc(1, 0, 5);
        var s = ShortestPathAssignment.Solve(p, ObjectiveOrder.MostPairsFirst, CancellationToken.None)!;
        Assert.Equal([-1, 0], s.ArcOfLeft);

        var big = new AssignmentProblem(new bool[100_000], [1]);
        big.AddArc(0, 0, AssignmentProblem.MaxAbsScore);
        Assert.Null(ShortestPathAssignment.Solve(big, ObjectiveOrder.MostPairsFirst, CancellationToken.None));
    }

    private static AssignmentProblem Random(Random rng)
    {
        int l = rng.Next(1, 25), r = rng.Next(1, 15);
        var priority = Enumerable.Range(0, l).Select(_ => rng.Next(3) == 0).ToArray();
        var capacity = Enumerable.Range(0, r).Select(_ => rng.Next(0, 4)).ToArray();
        var p = new AssignmentProblem(priority, capacity);
        var density = rng.NextDouble();
        var scores = rng.Next(2) == 0 ? 5 : 10_000;
        for (var i = 0; i < l; i++)
        {
            for (var j = 0; j < r; j++)
            {
                if (rng.NextDouble() < density)
                {
                    p.AddArc(i, j, rng.Next(0, scores + 1));
                }
            }
        }

        return p;
    }

    private static void Valid(AssignmentProblem p, AssignmentSolution s, string where)
    {
        var load = new int[p.RightCount];
        for (var i = 0; i < p.LeftCount; i++)
        {
            var a = s.ArcOfLeft[i];
            if (a >= 0)
            {
                Assert.True(p.ArcLeft(a) == i, $"{where}: arc of {i} belongs to {p.ArcLeft(a)}");
                load[p.ArcRight(a)]++;
            }
        }

        for (var j = 0; j < p.RightCount; j++)
        {
            Assert.True(load[j] <= p.RightCapacity[j], $"{where}: mentor {j} over capacity");
        }
    }

    /// <summary>No arc scores above its mentee's price less its mentor's: the duals prove the optimum.</summary>
    private static void Certified(AssignmentProblem p, AssignmentSolution s, string where)
    {
        for (var a = 0; a < p.ArcCount; a++)
        {
            var limit = s.PriceOfLeft![p.ArcLeft(a)] - s.PriceOfRight![p.ArcRight(a)];
            Assert.True(p.ArcScore(a) <= limit, $"{where}: arc {a} scores {p.ArcScore(a)} above its prices ({limit})");
        }
    }
}
