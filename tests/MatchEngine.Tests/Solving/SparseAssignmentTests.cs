using MatchEngine.Solving;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// The specialised solver of the large-batch engine (<see cref="SparseAssignment"/>) against OR-Tools' min-cost flow on
/// thousands of random problems, solved from nothing and warm-started after pairs were added and dropped (by the
/// searches, and by the auction from the last prices): the counts and the score must equal OR-Tools', the matching must
/// be valid, and the prices must certify it.
/// </summary>
public class SparseAssignmentTests
{
    [Theory]
    [InlineData(1, ObjectiveOrder.MostPairsFirst, 0, 5, 3)]
    [InlineData(2, ObjectiveOrder.BestPairsFirst, 0, 5, 3)]
    [InlineData(3, ObjectiveOrder.MostPairsFirst, 0, 100, 3)]
    [InlineData(4, ObjectiveOrder.BestPairsFirst, 0, 10_000, 3)]
    [InlineData(5, ObjectiveOrder.MostPairsFirst, -50, 50, 3)]
    [InlineData(6, ObjectiveOrder.BestPairsFirst, -3_000, 7_000, 3)]
    [InlineData(7, ObjectiveOrder.MostPairsFirst, 0, 20, 6)]
    [InlineData(8, ObjectiveOrder.BestPairsFirst, 0, 20, 6)]
    public void Equals_OR_Tools_from_nothing_and_warm_started(int seed, ObjectiveOrder objective, int low, int high, int maxCapacity)
    {
        var rng = new Random(seed);
        int resumedCount = 0, fromPrices = 0, unsettled = 0;
        for (var t = 0; t < 700; t++)
        {
            var big = t % 10 == 0;
            int l = big ? rng.Next(20, 120) : rng.Next(1, 14), r = big ? rng.Next(10, 80) : rng.Next(1, 9);
            var density = big ? rng.Next(2, 12) : rng.Next(1, 4);
            var priority = Enumerable.Range(0, l).Select(_ => rng.Next(4) == 0).ToArray();
            var capacity = Enumerable.Range(0, r).Select(_ => rng.Next(0, maxCapacity + 1)).ToArray();
            var all = new List<(int I, int J, long S)>();
            for (var i = 0; i < l; i++)
            {
                for (var j = 0; j < r; j++)
                {
                    if (big ? rng.Next(r) < density : rng.Next(4) < density)
                    {
                        all.Add((i, j, rng.Next(low, high + 1)));
                    }
                }
            }

            // A first set (some of the pairs), solved from nothing; then pairs are added and unmatched ones dropped.
            var first = all.Where(_ => rng.Next(3) > 0).ToList();
            var firstProblem = Problem(priority, capacity, first);
            var before = SparseAssignment.Solve(firstProblem, objective, null, CancellationToken.None);
            Assert.NotNull(before);
            Verify(firstProblem, objective, before!, $"case {t} (first)");

            var matched = new HashSet<(int, int)>(Enumerable.Range(0, l).Where(i => before!.ArcOfLeft[i] >= 0)
                .Select(i => (i, firstProblem.ArcRight(before!.ArcOfLeft[i]))));
            var second = first.Where(x => matched.Contains((x.I, x.J)) || rng.Next(5) > 0)
                .Concat(all.Where(x => !first.Contains(x) && rng.Next(3) > 0)).ToList();
            var problem = Problem(priority, capacity, second);
            var warm = SparseAssignment.Solve(problem, objective, before!.SparseWarm, long.MaxValue, CancellationToken.None, out var resumed);
            Assert.NotNull(warm);
            resumedCount += resumed ? 1 : 0;
            Verify(problem, objective, warm!, $"case {t} (warm)");

            // The auction started from the first optimum's prices and matching: alone, and as a round's solve.
            var fromLast = SparseAssignment.SolveByAuctionFrom(problem, objective, before.SparseWarm!, CancellationToken.None);
            if (fromLast is not null)
            {
                fromPrices++;
                Verify(problem, objective, fromLast, $"case {t} (auction from the last prices)");
            }

            var bid = SparseAssignment.Solve(problem, objective, null, long.MaxValue, CancellationToken.None, out _, bidFrom: before.SparseWarm);
            Assert.NotNull(bid);
            Verify(problem, objective, bid!, $"case {t} (a round's auction from the last prices)");
            if (fromLast is not null)
            {
                // The round's solve is that same auction (not one from nothing): the same matching.
                Assert.Equal(fromLast.ArcOfLeft, bid!.ArcOfLeft);
            }
            unsettled += SparseAssignment.MostUnsettled(problem, objective, before.SparseWarm!) ? 1 : 0;

            // OR-Tools' optimum adopted: the lowest prices it allows certify it, and they are no higher than the solver's.
            var adopted = SparseAssignment.Adopt(problem, objective, AssignmentSolver.Solve(problem, objective), CancellationToken.None);
            Assert.NotNull(adopted);
            Verify(problem, objective, adopted!, $"case {t} (adopted)");
            Assert.All(Enumerable.Range(0, r), j => Assert.True(adopted!.PriceOfRight![j] >= warm!.PriceOfRight![j], $"case {t}: adopted price of {j} above the solver's"));
        }

        Assert.True(resumedCount > 600, $"warm-started {resumedCount} times");
        Assert.True(fromPrices > 600, $"the auction from the last prices was exact alone {fromPrices} times");
        Assert.True(unsettled is > 0 and < 700, $"most left nodes unsettled {unsettled} times");
    }

    /// <summary>
    /// The cold start's auction alone (ε-scaling bids, places left empty bidding back) against OR-Tools on random
    /// problems with ties, capacities, priorities and scores below 0: on every one it returns a matching without the
    /// searches' repair (ε = 1 on weights scaled by the left nodes + 1 leaves no room for a worse one), optimal with
    /// certifying prices. Its other ways out are held to OR-Tools too: the bids' rounded prices repaired by the
    /// searches, and each left node's best pair (used when the auction gives up).
    /// </summary>
    [Theory]
    [InlineData(11, ObjectiveOrder.MostPairsFirst, 0, 3, 3)]
    [InlineData(12, ObjectiveOrder.BestPairsFirst, 0, 3, 3)]
    [InlineData(13, ObjectiveOrder.MostPairsFirst, 0, 10_000, 2)]
    [InlineData(14, ObjectiveOrder.BestPairsFirst, -500, 1_000, 4)]
    [InlineData(15, ObjectiveOrder.MostPairsFirst, -50, 50, 6)]
    public void Auction_alone_equals_OR_Tools(int seed, ObjectiveOrder objective, int low, int high, int maxCapacity)
    {
        var rng = new Random(seed);
        var exact = 0;
        int passed = 0, failed = 0;
        const int Cases = 500;
        for (var t = 0; t < Cases; t++)
        {
            var big = t % 10 == 0;
            int l = big ? rng.Next(20, 150) : rng.Next(1, 16), r = big ? rng.Next(5, 80) : rng.Next(1, 10);
            var priority = Enumerable.Range(0, l).Select(_ => rng.Next(4) == 0).ToArray();
            var capacity = Enumerable.Range(0, r).Select(_ => rng.Next(0, maxCapacity + 1)).ToArray();
            var arcs = new List<(int I, int J, long S)>();
            for (var i = 0; i < l; i++)
            {
                for (var j = 0; j < r; j++)
                {
                    if (rng.Next(3) == 0)
                    {
                        arcs.Add((i, j, rng.Next(low, high + 1)));
                    }
                }
            }

            var problem = Problem(priority, capacity, arcs);
            // Every other case checks the bids 64,000 times earlier (from ε = 1,000 score steps), where they are often not optimal yet.
            if (SparseAssignment.SolveByAuction(problem, objective, t % 2 == 0 ? 1 : 64_000, CancellationToken.None, out var check) is { } s)
            {
                exact++;
                (passed, failed) = (passed + (check.Passed ? 1 : 0), failed + check.Failed);

                Verify(problem, objective, s, $"case {t} (auction)");
            }

            var repaired = SparseAssignment.SolveColdForTests(problem, objective, repair: true, CancellationToken.None);
            Assert.NotNull(repaired);
            Verify(problem, objective, repaired!, $"case {t} (auction repaired)");
            var best = SparseAssignment.SolveColdForTests(problem, objective, repair: false, CancellationToken.None);
            Assert.NotNull(best);
            Verify(problem, objective, best!, $"case {t} (best pairs)");
        }

        Assert.Equal(Cases, exact);
        Assert.True(passed > 0 && failed > 0, $"early checks passed {passed}, failed {failed}");
    }

    [Fact]
    public void Gives_up_when_its_searches_outgrow_the_budget()
    {
        // Warm-started with a new pair: two left nodes now want the one place most, and the second must search (and
        // scan pairs) to settle it.
        var first = new AssignmentProblem([false, false], [1, 1]);
        first.AddArc(0, 0, 10);
        first.AddArc(1, 1, 5);
        var before = SparseAssignment.Solve(first, ObjectiveOrder.MostPairsFirst, null, CancellationToken.None)!;
        var problem = new AssignmentProblem([false, false], [1, 1]);
        problem.AddArc(0, 0, 10);
        problem.AddArc(1, 0, 20);
        problem.AddArc(1, 1, 5);
        Assert.Null(SparseAssignment.Solve(problem, ObjectiveOrder.MostPairsFirst, before.SparseWarm, 0, CancellationToken.None, out _));
        Assert.Equal(15, SparseAssignment.Solve(problem, ObjectiveOrder.MostPairsFirst, before.SparseWarm, 100, CancellationToken.None, out _)!.TotalScore);
    }

    [Fact]
    public void Declines_scores_too_large_for_its_weights()
    {
        // 100,000 left nodes x scores up to 10^12: the bonuses would pass 2^60.
        var problem = new AssignmentProblem(new bool[100_000], [1, 1]);
        problem.AddArc(0, 0, AssignmentProblem.MaxAbsScore);
        problem.AddArc(1, 1, -AssignmentProblem.MaxAbsScore);
        Assert.Null(SparseAssignment.Solve(problem, ObjectiveOrder.MostPairsFirst, null, CancellationToken.None));
        var small = new AssignmentProblem(new bool[1_000], [1, 1]);
        small.AddArc(0, 0, AssignmentProblem.MaxAbsScore);
        small.AddArc(1, 1, -AssignmentProblem.MaxAbsScore);
        Assert.Equal(0, SparseAssignment.Solve(small, ObjectiveOrder.MostPairsFirst, null, CancellationToken.None)!.TotalScore);
    }

    /// <summary>Counts and score equal OR-Tools'; the matching is valid; no pair of the problem beats its prices.</summary>
    private static void Verify(AssignmentProblem problem, ObjectiveOrder objective, AssignmentSolution s, string label)
    {
        var oracle = AssignmentSolver.Solve(problem, objective);
        Assert.True(oracle.PriorityMatched == s.PriorityMatched, $"{label}: priority {s.PriorityMatched} vs OR-Tools {oracle.PriorityMatched}");
        if (objective == ObjectiveOrder.MostPairsFirst)
        {
            Assert.True(oracle.Matched == s.Matched, $"{label}: matched {s.Matched} vs OR-Tools {oracle.Matched}"); // best pairs first: pairs of 0 points may or may not be taken
        }

        Assert.True(oracle.TotalScore == s.TotalScore, $"{label}: score {s.TotalScore} vs OR-Tools {oracle.TotalScore}");
        var load = new int[problem.RightCount];
        var total = 0L;
        for (var i = 0; i < problem.LeftCount; i++)
        {
            if (s.ArcOfLeft[i] is var a and >= 0)
            {
                Assert.Equal(i, problem.ArcLeft(a));
                load[problem.ArcRight(a)]++;
                total += problem.ArcScore(a);
            }
        }

        Assert.Equal(s.TotalScore, total);
        Assert.All(Enumerable.Range(0, problem.RightCount), j => Assert.True(load[j] <= problem.RightCapacity[j]));
        for (var a = 0; a < problem.ArcCount; a++)
        {
            if (s.ArcOfLeft[problem.ArcLeft(a)] != a)
            {
                Assert.True(problem.ArcScore(a) <= s.PriceOfLeft![problem.ArcLeft(a)] - s.PriceOfRight![problem.ArcRight(a)], $"{label}: pair {a} beats its prices");
            }
        }
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
