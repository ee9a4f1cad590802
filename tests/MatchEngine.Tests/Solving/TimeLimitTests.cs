using System.Text.Json;
using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Tests.Cli;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// A large batch stopped by its time limit: the counts are still the maximum, the status says it was stopped, and the
/// gap it reports is to a true bound (the certified optimum of the same batch lies between the score and the bound).
/// </summary>
public class TimeLimitTests
{
    [Fact]
    public void A_batch_stopped_at_the_time_limit_keeps_the_counts_and_its_bound_holds_the_optimum()
    {
        var stopped = 0;
        foreach (var (mentors, mentees) in new[] { (60, 300), (120, 300), (300, 300) })
        {
            for (var seed = 1; seed <= 6; seed++)
            {
                var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, ScatterKm = seed % 3 == 0 ? 0 : 20 });
                var options = MatchOptions.Default with { DensePairLimit = 0, CandidatesPerMentee = 1 };
                var optimum = new Matcher(options).Match(batch).Summary;
                var limited = new Matcher(options with { TimeLimitSeconds = 1, Clock = new Hours() }).Match(batch).Summary;

                stopped += StoppedHoldsTheOptimum(optimum, limited, "time") ? 1 : 0;
            }
        }

        // These batches need more than one pricing round, so the limit bit in some of them.
        Assert.True(stopped > 0);
    }

    [Fact]
    public void Without_a_limit_a_slow_clock_changes_nothing()
    {
        var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 120, Mentees = 300, Seed = 4, ScatterKm = 20 });
        var options = MatchOptions.Default with { DensePairLimit = 0, CandidatesPerMentee = 1 };
        var a = new Matcher(options).Match(batch).Summary;
        var b = new Matcher(options with { Clock = new Hours() }).Match(batch).Summary;
        Assert.Equal(SolverOutcome.Certified, b.Outcome);
        Assert.Equal(a.TotalScore, b.TotalScore, 6);
    }

    /// <summary>
    /// A time limit of a microsecond, or a memory limit of 1 MiB, has passed by the first pricing round (the CLI's clock
    /// and gauge are the real ones): the match in hand is written with its gap. A negative limit writes nothing.
    /// </summary>
    [Theory]
    [InlineData("--time-limit", "0.000001", "time", "-5", "is not a number of seconds")]
    [InlineData("--memory-limit", "1", "memory", "-1", "is not a number of MiB")]
    public void Cli_limit_writes_the_match_in_hand_with_its_gap_and_rejects_a_negative_limit(string option, string limit, string which, string negative, string why)
    {
        var dir = CliRunner.TempDir();
        var policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, "{\"scale\": {\"dense_pair_limit\": 0, \"candidates_per_mentee\": 1}}");
        string[] Args(string outDir, string value) =>
            ["match", "--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--out", outDir, "--as-of", "2026-09-01", "--policy", policy, option, value];

        var (code, stdout, _) = CliRunner.Run(Args(Path.Combine(dir, "limited"), limit));
        Assert.Equal(0, code);
        Assert.Contains($"stopped at the {which} limit", stdout, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "limited", "summary.json"))))
        {
            Assert.Equal("gap", doc.RootElement.GetProperty("solver_outcome").GetString());
            Assert.True(doc.RootElement.GetProperty("score_upper_bound").GetDouble() > 0);
        }

        var (bad, _, err) = CliRunner.Run(Args(Path.Combine(dir, "bad"), negative));
        Assert.Equal(1, bad);
        Assert.Contains($"{option} {negative} {why}", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "bad")));
    }

    [Fact]
    public void A_batch_stopped_at_the_memory_limit_keeps_the_counts_and_its_bound_holds_the_optimum()
    {
        var stopped = 0;
        for (var seed = 1; seed <= 6; seed++)
        {
            var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 120, Mentees = 300, Seed = seed, ScatterKm = seed % 3 == 0 ? 0 : 20 });
            var options = MatchOptions.Default with { DensePairLimit = 0, CandidatesPerMentee = 1 };
            var optimum = new Matcher(options).Match(batch).Summary;
            // The gauge reads 1 GiB as the rounds begin and 2 GiB at the first pricing round: 1.5 GiB left, less than
            // two more rounds growing as much.
            var limited = new Matcher(options with { MemoryLimitMiB = 3584, Memory = new Growing() }).Match(batch).Summary;
            var spare = new Matcher(options with { MemoryLimitMiB = 1e12, Memory = new Growing() }).Match(batch).Summary;

            Assert.Equal(optimum.TotalScore, spare.TotalScore, 6);
            Assert.Equal(SolverOutcome.Certified, spare.Outcome);
            stopped += StoppedHoldsTheOptimum(optimum, limited, "memory") ? 1 : 0;
        }

        Assert.True(stopped > 0);
    }

    [Fact]
    public void A_batch_stopped_with_room_for_a_solve_is_solved_once_more_and_its_pairs_add_up()
    {
        var better = 0;
        for (var seed = 1; seed <= 6; seed++)
        {
            var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 120, Mentees = 300, Seed = seed, ScatterKm = seed % 3 == 0 ? 0 : 20 });
            var options = MatchOptions.Default with { DensePairLimit = 0, CandidatesPerMentee = 1, MemoryLimitMiB = 3584 };
            var optimum = new Matcher(options with { MemoryLimitMiB = 0 }).Match(batch).Summary;

            // Both stop after the first pricing round (2 GiB read there, 1 GiB more than as the rounds began); then
            // Growing reads 3 GiB, leaving less than a round's growth, and Steps still 2 GiB, leaving room for a solve.
            var priced = new Matcher(options with { Memory = new Growing() }).Match(batch).Summary;
            var result = new Matcher(options with { Memory = new Steps() }).Match(batch);
            var solved = result.Summary;
            Assert.Equal(priced.Outcome, solved.Outcome);
            if (solved.Outcome == SolverOutcome.Certified)
            {
                Assert.Equal(optimum.TotalScore, solved.TotalScore, 6);
                continue;
            }

            Assert.Contains("stopped at the memory limit after 1 pricing rounds", solved.SolverStatus, StringComparison.Ordinal);
            Assert.Equal(optimum.Matched, solved.Matched);
            Assert.Equal(optimum.UnmetNeedsMatched, solved.UnmetNeedsMatched);
            Assert.InRange(solved.TotalScore, priced.TotalScore - 1e-6, optimum.TotalScore + 1e-6);
            Assert.Equal(priced.ScoreUpperBound!.Value, solved.ScoreUpperBound!.Value, 6);
            Assert.Equal(solved.TotalScore, result.Pairs.Sum(p => p.Score.Total), 6);
            better += solved.TotalScore > priced.TotalScore + 1e-6 ? 1 : 0;
        }

        Assert.True(better > 0);
    }

    /// <summary>
    /// Whether <paramref name="limited"/> was stopped by the <paramref name="which"/> limit after one pricing round (else
    /// it is certified with the optimum's score); either way it has the optimum's counts, and when stopped its score is
    /// at most the optimum's and its bound at least.
    /// </summary>
    private static bool StoppedHoldsTheOptimum(MatchSummary optimum, MatchSummary limited, string which)
    {
        Assert.Equal(SolverOutcome.Certified, optimum.Outcome);
        Assert.Equal(optimum.Matched, limited.Matched);
        Assert.Equal(optimum.UnmetNeedsMatched, limited.UnmetNeedsMatched);
        if (limited.Outcome == SolverOutcome.Certified)
        {
            // One pricing round found nothing to add: certified before the limit was ever checked.
            Assert.Equal(optimum.TotalScore, limited.TotalScore, 6);
            return false;
        }

        Assert.Equal(SolverOutcome.Gap, limited.Outcome);
        Assert.Contains($"stopped at the {which} limit after 1 pricing rounds", limited.SolverStatus, StringComparison.Ordinal);
        Assert.True(limited.TotalScore <= optimum.TotalScore + 1e-6, $"{limited.TotalScore} > {optimum.TotalScore}");
        Assert.True(optimum.TotalScore <= limited.ScoreUpperBound!.Value + 1e-6, $"bound {limited.ScoreUpperBound} < optimum {optimum.TotalScore}");
        Assert.InRange(limited.OptimalityGap!.Value, 0, 1);
        return true;
    }

    /// <summary>A gauge on which the peak grows by a GiB every time it is read.</summary>
    private sealed class Growing : MemoryGauge
    {
        private long _peak;

        public override long PeakBytes() => _peak += 1L << 30;
    }

    /// <summary>A gauge whose peak reads 1 GiB the first time and 2 GiB from then on.</summary>
    private sealed class Steps : MemoryGauge
    {
        private long _reads;

        public override long PeakBytes() => Math.Min(++_reads, 2) << 30;
    }

    /// <summary>A clock on which an hour passes every time it is read.</summary>
    private sealed class Hours : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => 1;

        public override long GetTimestamp() => _now += 3600;
    }
}
