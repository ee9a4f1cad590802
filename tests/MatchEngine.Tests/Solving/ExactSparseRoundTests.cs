using System.Globalization;
using System.Text.RegularExpressions;
using MatchEngine.Candidates;
using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;
using Engine = MatchEngine.Solving;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// What the large-batch engine's rounds promise beyond the optimum itself: the problem it certifies holds every pair
/// of its restricted set (none was added without being solved over, such as the counts proof's alternating forest),
/// and the bound each pricing round reports is one on the score, never a count's bonus.
/// </summary>
public partial class ExactSparseRoundTests
{
    /// <summary>The large-batch engine forced on small batches, with one first candidate each (so that rounds do work).</summary>
    private static readonly MatchOptions Options = MatchOptions.Default with { DensePairLimit = 0, CandidatesPerMentee = 1 };

    /// <summary>Scarce and abundant batches of 300 young people, scattered and co-located, <paramref name="seeds"/> of each size.</summary>
    private static IEnumerable<(MatchBatch Batch, int Mentees)> Batches(int seeds) =>
        from size in new[] { (Mentors: 60, Mentees: 300), (Mentors: 120, Mentees: 300), (Mentors: 300, Mentees: 300) }
        from seed in Enumerable.Range(1, seeds)
        select (BatchGenerator.Generate(new GeneratorOptions { Mentors = size.Mentors, Mentees = size.Mentees, Seed = seed, ScatterKm = seed % 3 == 0 ? 0 : 20 }), size.Mentees);

    private static ExactSparse Exact(MatchBatch batch) =>
        PreparedBatch.Of(batch, PairEvaluator.For(Options, RuleSet.Default), CancellationToken.None).Exact!;

    [GeneratedRegex(@"score within ([0-9.]+) points")]
    private static partial Regex BoundText();

    [Fact]
    public void Certified_problem_holds_every_restricted_pair_and_every_reported_bound_is_a_score_bound()
    {
        var forests = 0;
        foreach (var (batch, mentees) in Batches(12))
        {
            var exact = Exact(batch);
            var reports = new Reports();
            var (_, problem, _, stats) = exact.Solve(Options.Objective, 200, reports, CancellationToken.None);

            Assert.True(stats.Certified);
            Assert.Equal(exact.Problem().Problem.ArcCount, problem.ArcCount);
            forests += reports.Messages.Count(m => m.Contains("alternating forest", StringComparison.Ordinal));

            // A pair scores at most 100 points (no stated preferences here): a true bound on the score missing is
            // at most that per young person.
            foreach (var m in reports.Messages)
            {
                if (BoundText().Match(m) is { Success: true } hit)
                {
                    Assert.True(double.Parse(hit.Groups[1].Value, CultureInfo.InvariantCulture) <= 100.0 * mentees, m);
                }
            }
        }

        // The forest's pairs were added (and solved over) in some of these batches, so the check above bit.
        Assert.True(forests > 0);
    }

    /// <summary>
    /// A mentee whose last search found all its violating pairs is priced from the pairs not taken then and the mentors
    /// whose price fell: a full search of each such mentee must find the same (the engine throws if not).
    /// </summary>
    [Fact]
    public void Pricing_from_last_rounds_pairs_finds_what_a_full_search_finds()
    {
        var checkedCount = 0;
        foreach (var (batch, _) in Batches(12))
        {
            var exact = Exact(batch);
            exact.CheckKnown = true;
            var (_, _, _, stats) = exact.Solve(Options.Objective, 200, null, CancellationToken.None);
            Assert.True(stats.Certified);
            checkedCount += exact.KnownChecked;
        }

        // Mentees with pairs left from the round before were priced so, and checked.
        Assert.True(checkedCount > 0);
    }

    /// <summary>
    /// The time limit stops the rounds when the time has passed, and also when another round, judged by the last one,
    /// would pass it; with time to spare, the rounds go on to a certificate.
    /// </summary>
    [Fact]
    public void A_round_that_would_pass_the_time_limit_is_not_started()
    {
        var stoppedEarly = 0;
        foreach (var (batch, _) in Batches(4))
        {
            var reports = new Reports();
            var free = Exact(batch).Solve(Options.Objective, 200, reports, CancellationToken.None);
            if (free.Stats.PriceRounds < 2)
            {
                continue;
            }

            // Every call to the clock passes 10 s (one as the rounds begin, one as each solve begins and one after it,
            // one before a pricing round). The limit is 5 s away at the first pricing round, each solve having read
            // 10 s: not passed, but another round would pass it.
            var solves = reports.Messages.TakeWhile(m => !m.StartsWith("pricing round", StringComparison.Ordinal)).Count(m => m.StartsWith("solving round", StringComparison.Ordinal));
            var left = (10.0 * ((2 * solves) + 2)) + 5;
            var (_, _, _, stats) = Exact(batch).Solve(Options.Objective, 200, null, CancellationToken.None, new RoundLimits(() => left -= 10, null));
            Assert.Equal(StoppedBy.Time, stats.StoppedBy);
            Assert.Equal(1, stats.PriceRounds);
            stoppedEarly++;

            // Plenty of time: certified as without a limit.
            var plenty = 1e9;
            var (_, _, _, certified) = Exact(batch).Solve(Options.Objective, 200, null, CancellationToken.None, new RoundLimits(() => plenty -= 10, null));
            Assert.True(certified.Certified);
            Assert.Equal(free.Stats.PriceRounds, certified.PriceRounds);
        }

        Assert.True(stoppedEarly > 0);
    }

    /// <summary>
    /// The memory limit stops the rounds when another round, judged by how much the peak grew since the rounds began,
    /// would pass it; with memory to spare, the rounds go on to a certificate.
    /// </summary>
    [Fact]
    public void A_round_that_would_pass_the_memory_limit_is_not_started()
    {
        var stoppedEarly = 0;
        foreach (var (batch, _) in Batches(4))
        {
            var free = Exact(batch).Solve(Options.Objective, 200, null, CancellationToken.None);
            if (free.Stats.PriceRounds < 2)
            {
                continue;
            }

            // Every reading of the gauge finds the peak 100 MiB higher (one as the rounds begin, one before each pricing
            // round): 150 MiB are left at the first pricing round, after a round that took 100.
            var left = 350.0;
            var (_, _, _, stats) = Exact(batch).Solve(Options.Objective, 200, null, CancellationToken.None, new RoundLimits(null, () => left -= 100));
            Assert.Equal(StoppedBy.Memory, stats.StoppedBy);
            Assert.Equal(1, stats.PriceRounds);
            Assert.False(stats.Certified);
            stoppedEarly++;

            // 250 MiB left at the first pricing round, enough for another round: the second (150 MiB left) is the last.
            left = 450.0;
            (_, _, _, stats) = Exact(batch).Solve(Options.Objective, 200, null, CancellationToken.None, new RoundLimits(null, () => left -= 100));
            Assert.True(stats.Certified || (stats.StoppedBy == StoppedBy.Memory && stats.PriceRounds == 2), $"{stats.StoppedBy} after {stats.PriceRounds}");

            var plenty = 1e9;
            var (_, _, _, certified) = Exact(batch).Solve(Options.Objective, 200, null, CancellationToken.None, new RoundLimits(null, () => plenty -= 100));
            Assert.True(certified.Certified);
            Assert.Equal(free.Stats.PriceRounds, certified.PriceRounds);
        }

        Assert.True(stoppedEarly > 0);
    }

    /// <summary>
    /// Stopped after its first pricing round, a batch is solved once more over the pairs that round found when the limits
    /// leave room: the counts stay, the score is at least the one priced and at most the optimum, and the bound proven
    /// by that pricing round still holds it.
    /// </summary>
    [Fact]
    public void A_stopped_batch_is_solved_once_more_over_the_pairs_found()
    {
        var better = 0;
        foreach (var (batch, _) in Batches(4))
        {
            var free = Exact(batch).Solve(Options.Objective, 200, null, CancellationToken.None);
            var priced = Exact(batch).Solve(Options.Objective, 1, null, CancellationToken.None);
            var solved = Exact(batch).Solve(Options.Objective, 1, null, CancellationToken.None, new RoundLimits(null, null));
            if (priced.Stats.Certified)
            {
                Assert.True(solved.Stats.Certified);
                continue;
            }

            Assert.Equal(priced.Solution.Matched, solved.Solution.Matched);
            Assert.Equal(priced.Solution.PriorityMatched, solved.Solution.PriorityMatched);
            Assert.InRange(solved.Solution.TotalScore, priced.Solution.TotalScore, free.Solution.TotalScore);
            Assert.Equal(priced.Solution.TotalScore + priced.Stats.ViolationBound, solved.Solution.TotalScore + solved.Stats.ViolationBound);
            better += solved.Solution.TotalScore > priced.Solution.TotalScore ? 1 : 0;
        }

        Assert.True(better > 0);
    }

    /// <summary>
    /// Hard rounds (after two warm rounds in a row gave up) tried warm whatever their size: the same counts and
    /// score as rounds solved from nothing, certified.
    /// </summary>
    [Fact]
    public void Warm_hard_rounds_reach_the_same_optimum()
    {
        var tried = 0;
        foreach (var (batch, _) in Batches(8))
        {
            var plain = Exact(batch);
            // A budget of 1 scanned pair per pair and mentee: warm rounds give up often, so hard rounds come.
            (plain.HardWarmFrom, plain.WarmBudgetForTests) = (int.MaxValue, 1);
            var warm = Exact(batch);
            (warm.HardWarmFrom, warm.HardWarmWhenScarce, warm.WarmBudgetForTests) = (0, true, 1);
            var (a, _, _, sa) = plain.Solve(Options.Objective, 200, null, CancellationToken.None);
            var (b, _, _, sb) = warm.Solve(Options.Objective, 200, null, CancellationToken.None);

            Assert.True(sa.Certified);
            Assert.True(sb.Certified);
            Assert.Equal(a.PriorityMatched, b.PriorityMatched);
            Assert.Equal(a.Matched, b.Matched);
            Assert.Equal(a.TotalScore, b.TotalScore);
            Assert.Equal(0, sa.HardWarmRounds);
            tried += sb.HardWarmRounds;
        }

        // Some batches had hard rounds, so the comparison above bit.
        Assert.True(tried > 0);
    }

    /// <summary>
    /// A warm round's auction run beside it on another core changes nothing: the same pairs, matching, score and
    /// rounds as when the auction runs only after a warm start gave up, whether the warm starts give up (a budget of 1)
    /// or not (the usual budget, where the auction beside is stopped).
    /// </summary>
    [Fact]
    public void An_auction_beside_the_warm_start_changes_nothing()
    {
        var gaveUp = 0;
        foreach (var (batch, _) in Batches(6))
        {
            foreach (long? budget in new long?[] { 1, null })
            {
                var alone = Exact(batch);
                (alone.AuctionBeside, alone.WarmBudgetForTests) = (false, budget);
                var beside = Exact(batch);
                (beside.AuctionBeside, beside.WarmBudgetForTests) = (true, budget);
                var (a, pa, _, sa) = alone.Solve(Options.Objective, 200, null, CancellationToken.None);
                var (b, pb, _, sb) = beside.Solve(Options.Objective, 200, null, CancellationToken.None);

                Assert.True(sb.Certified);
                Assert.Equal(pa.ArcCount, pb.ArcCount);
                Assert.Equal(a.ArcOfLeft, b.ArcOfLeft);
                Assert.Equal(a.TotalScore, b.TotalScore);
                Assert.Equal(sa.PriceRounds, sb.PriceRounds);
                Assert.Equal(sa.WarmGaveUp, sb.WarmGaveUp);
                gaveUp += sb.WarmGaveUp;
            }
        }

        // Warm starts gave up in some batches, so the auction beside was the one kept there.
        Assert.True(gaveUp > 0);
    }

    /// <summary>
    /// Cancelled as a warm round begins, with its auction beside it (a budget of 1: round 2's warm start gives up, so
    /// round 3 runs the auction beside): the run ends with an OperationCanceledException (not an AggregateException
    /// from the other task), whichever of the two saw it first.
    /// </summary>
    [Fact]
    public void A_run_cancelled_with_an_auction_beside_ends_cancelled()
    {
        var (batch, _) = Batches(1).Last();
        var exact = Exact(batch);
        (exact.AuctionBeside, exact.WarmBudgetForTests) = (true, 1);
        using var cts = new CancellationTokenSource();
        var progress = new CancelAt("solving round 3", cts);

        Assert.Throws<OperationCanceledException>(() => exact.Solve(Options.Objective, 200, progress, cts.Token));
        Assert.True(progress.Hit);
    }

    /// <summary>
    /// The counts proof stops with an internal error, instead of sending the rounds round forever, when the paths it
    /// finds run over pairs the restricted problem held already (its solver's optimum then did not match the most).
    /// </summary>
    [Fact]
    public void Counts_proof_refuses_a_restricted_optimum_that_did_not_match_the_most()
    {
        var (batch, mentees) = Batches(1).Last();
        var exact = Exact(batch);
        var (solution, problem, _, stats) = exact.Solve(Options.Objective, 200, null, CancellationToken.None);
        Assert.True(stats.Certified);
        Assert.True(solution.PriorityMatched > 0);

        // Nobody matched: the proof finds paths, and their pairs join the restricted set. Asked again about the same
        // matching, it finds the same paths, now over pairs all held already: a solver that returned that matching as
        // the restricted optimum would loop forever.
        var none = new Engine.AssignmentSolution(Enumerable.Repeat(-1, mentees).ToArray(), 0, 0, 0);
        long forest = 0;
        Assert.True(exact.ProveCounts(problem, none, priorityOnly: true, ref forest, CancellationToken.None) > 0);
        var error = Assert.Throws<InvalidOperationException>(() => exact.ProveCounts(problem, none, priorityOnly: true, ref forest, CancellationToken.None));
        Assert.Contains("Internal error", error.Message, StringComparison.Ordinal);

        // The optimum itself passes: no path, nothing thrown.
        Assert.Equal(0, exact.ProveCounts(problem, solution, priorityOnly: true, ref forest, CancellationToken.None));
    }

    /// <summary>Cancels <paramref name="cts"/> when a progress message starts with <paramref name="prefix"/>.</summary>
    private sealed class CancelAt(string prefix, CancellationTokenSource cts) : IProgress<MatchProgress>
    {
        public bool Hit { get; private set; }

        public void Report(MatchProgress value)
        {
            if (value.Stage.StartsWith(prefix, StringComparison.Ordinal))
            {
                Hit = true;
                cts.Cancel();
            }
        }
    }

    private sealed class Reports : IProgress<MatchProgress>
    {
        public List<string> Messages { get; } = [];

        public void Report(MatchProgress value) => Messages.Add(value.Stage);
    }
}
