using Google.OrTools.Graph;
using MatchEngine.Solving;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// The specialised dense solver (Jonker-Volgenant) against OR-Tools' LinearSumAssignment as the oracle, on thousands
/// of random square matrices: small and large cost ranges (many ties, and none), a valid permutation, the same
/// optimum; and the whole dense path through <see cref="AssignmentSolver"/>.
/// </summary>
public class DenseAssignmentTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 10_000)]
    [InlineData(3, 1_000_000_000)]
    public void Agrees_with_OrTools_on_random_matrices(int seed, int range)
    {
        var rng = new Random(seed);
        for (var t = 0; t < 1000; t++)
        {
            var n = rng.Next(1, 40);
            var cost = new long[n * n];
            for (var x = 0; x < cost.Length; x++)
            {
                cost[x] = rng.Next(0, range + 1);
            }

            var rows = DenseAssignment.Solve(cost, n, CancellationToken.None);
            Assert.Equal(Enumerable.Range(0, n), rows.Order());
            long ours = 0;
            for (var i = 0; i < n; i++)
            {
                ours += cost[(i * n) + rows[i]];
            }

            if (range <= 10_000)
            {
                // The int form, which the solver uses when costs are small.
                var small = DenseAssignment.Solve(cost.Select(c => (int)c).ToArray(), n, CancellationToken.None);
                Assert.Equal(ours, Enumerable.Range(0, n).Sum(i => cost[(i * n) + small[i]]));
            }

            using var lsa = new LinearSumAssignment();
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    lsa.AddArcWithCost(i, j, cost[(i * n) + j]);
                }
            }

            Assert.Equal(LinearSumAssignment.Status.OPTIMAL, lsa.Solve());
            Assert.True(lsa.OptimalCost() == ours, $"case {t} (seed {seed}, n {n}): {ours} vs OR-Tools {lsa.OptimalCost()}");
        }
    }

    [Fact]
    public void The_dense_square_path_of_the_solver_gives_the_min_cost_flow_optimum()
    {
        var rng = new Random(7);
        for (var t = 0; t < 300; t++)
        {
            var n = rng.Next(1, 25);
            var complete = new AssignmentProblem(new bool[n], Enumerable.Repeat(1, n).ToArray());
            var flow = new AssignmentProblem(new bool[n], Enumerable.Repeat(1, n).ToArray());
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    var s = rng.Next(0, 101);
                    complete.AddArc(i, j, s);
                    flow.AddArc(i, j, s);
                }
            }

            // With prices asked for, the solver takes the min-cost flow path, not the dense one.
            var dense = AssignmentSolver.Solve(complete);
            var oracle = AssignmentSolver.Solve(flow, ObjectiveOrder.MostPairsFirst, withPrices: true, CancellationToken.None);
            Assert.Equal(oracle.TotalScore, dense.TotalScore);
            Assert.Equal(n, dense.Matched);
        }
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(-1_000_000_000_001)]
    [InlineData(1_000_000_000_001)]
    [InlineData(long.MaxValue)]
    public void A_score_beyond_ten_to_the_twelfth_is_refused_as_out_of_range(long score)
    {
        var problem = new AssignmentProblem([false], [1], expectedArcs: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => problem.AddArc(0, 0, score));
        problem.AddArc(0, 0, -AssignmentProblem.MaxAbsScore);
        Assert.Equal(1, problem.ArcCount);
    }

    /// <summary>
    /// A complete square of one pair scoring below 0: best pairs first leaves it unmatched (the dense shortcut, which
    /// matches a complete square in full, is for most pairs first or scores of 0 and above only).
    /// </summary>
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
