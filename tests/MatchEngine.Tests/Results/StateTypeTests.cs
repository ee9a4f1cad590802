using System.Text.RegularExpressions;
using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Tests.Cli;

namespace MatchEngine.Tests.Results;

/// <summary>
/// The typed states (issue 14): <see cref="SolverOutcome"/>, <see cref="QuotaMethod"/> and <see cref="ProgressStage"/>
/// are set wherever their text is, and agree with it; the text stays as it was.
/// </summary>
public partial class StateTypeTests
{
    private static readonly Dictionary<string, QuotaMethod> MethodText = new(StringComparer.Ordinal)
    {
        ["nothing to match"] = QuotaMethod.NothingToMatch,
        ["met by the optimum without the target"] = QuotaMethod.MetWithoutTarget,
        ["Lagrangian min-cost flow"] = QuotaMethod.Lagrangian,
        ["CP-SAT (exact)"] = QuotaMethod.CpSatExact,
        ["CP-SAT (time limit)"] = QuotaMethod.CpSatTimeLimit,
    };

    private static MatchBatch Batch(int mentors = 40, int mentees = 60, int seed = 7) =>
        BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed });

    private sealed class Recorder : IProgress<MatchProgress>
    {
        public List<MatchProgress> Reports { get; } = [];

        public void Report(MatchProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    [Fact]
    public void Small_batch_is_optimal_and_a_forced_sparse_batch_is_certified()
    {
        var batch = Batch();
        var dense = new Matcher(MatchOptions.Default).Match(batch).Summary;
        Assert.Equal(SolverOutcome.Optimal, dense.Outcome);
        Assert.Equal("optimal", dense.SolverStatus);

        var sparse = new Matcher(MatchOptions.Default with { DensePairLimit = 0 }).Match(batch).Summary;
        Assert.True(sparse.CandidatesPruned);
        Assert.Equal(SolverOutcome.Certified, sparse.Outcome);
        Assert.Equal("optimal (certified over all eligible pairs)", sparse.SolverStatus);
        Assert.Equal(0, sparse.OptimalityGap);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void Quota_method_kind_matches_its_text_and_decides_the_solver_name(double share)
    {
        var result = new Matcher(MatchOptions.Default with { MinCrossBackgroundShare = share }).Match(Batch());
        var quota = Assert.IsType<QuotaReport>(result.Quota);
        Assert.Equal(MethodText[quota.Method], quota.MethodKind);
        if (share == 0)
        {
            Assert.Equal(QuotaMethod.MetWithoutTarget, quota.MethodKind);
        }

        var expectedSolver = quota.MethodKind == QuotaMethod.MetWithoutTarget ? "OR-Tools min-cost flow (two-phase lexicographic)" : $"OR-Tools {quota.Method}";
        Assert.Equal(expectedSolver, result.Summary.Solver);
        Assert.Equal(quota.Gap == 0 ? SolverOutcome.Optimal : SolverOutcome.Gap, result.Summary.Outcome);
        Assert.Equal(quota.Gap == 0, result.Summary.SolverStatus == "optimal");
    }

    [Fact]
    public void Quota_with_no_mentor_is_nothing_to_match()
    {
        var full = Batch();
        var batch = new MatchBatch([], full.Mentees, full.AsOf);
        var quota = Assert.IsType<QuotaReport>(new Matcher(MatchOptions.Default with { MinCrossBackgroundShare = 0.5 }).Match(batch).Quota);
        Assert.Equal(QuotaMethod.NothingToMatch, quota.MethodKind);
        Assert.Equal("nothing to match", quota.Method);
    }

    [Fact]
    public void Sparse_batch_with_a_quota_is_proven_over_the_priced_pairs_only()
    {
        var summary = new Matcher(MatchOptions.Default with { DensePairLimit = 0, MinCrossBackgroundShare = 0.9 }).Match(Batch()).Summary;
        var expected = summary.SolverStatus.StartsWith("cross-background target met; optimal over the priced pairs", StringComparison.Ordinal)
            ? SolverOutcome.OptimalOverPricedPairs
            : SolverOutcome.GapOverPricedPairs;
        Assert.StartsWith("cross-background target", summary.SolverStatus, StringComparison.Ordinal);
        Assert.Equal(expected, summary.Outcome);
    }

    [Fact]
    public void Library_progress_carries_kinds_in_order()
    {
        var batch = Batch();
        var dense = new Recorder();
        _ = new Matcher(MatchOptions.Default).Match(batch, dense);
        Assert.Equal([ProgressStage.Solving, ProgressStage.Solving], dense.Reports.Select(r => r.Kind));

        var sparse = new Recorder();
        _ = new Matcher(MatchOptions.Default with { DensePairLimit = 0 }).Match(batch, sparse);
        var kinds = sparse.Reports.Select(r => r.Kind).ToList();
        Assert.DoesNotContain(ProgressStage.Other, kinds);
        Assert.Equal(ProgressStage.Candidates, kinds[0]);
        Assert.Equal(ProgressStage.Solving, kinds[^1]);
        var firstSolve = kinds.IndexOf(ProgressStage.Solving);
        Assert.True(firstSolve > 0 && kinds.Take(firstSolve).All(k => k == ProgressStage.Candidates), string.Join(",", kinds));
        Assert.Contains(ProgressStage.Pricing, kinds);
    }

    [GeneratedRegex(@"new MatchProgress\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)(?<init>\s*\{\s*Kind\s*=\s*ProgressStage\.(?<kind>\w+))?")]
    private static partial Regex ProgressCreation();

    /// <summary>
    /// Every place that reports progress, in the library and in every CLI command (reading, candidates, writing ...),
    /// sets a kind, and the kind is the one its text names.
    /// </summary>
    [Fact]
    public void Every_progress_report_in_the_source_sets_the_kind_its_text_names()
    {
        var files = Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var seen = 0;
        var words = new Dictionary<ProgressStage, string[]>
        {
            [ProgressStage.Reading] = ["\"reading"],
            [ProgressStage.Candidates] = ["\"candidates"],
            [ProgressStage.Solving] = ["\"solving"],
            [ProgressStage.Counts] = ["\"counts"],
            [ProgressStage.Pricing] = ["\"pricing", "\"priced"],
            [ProgressStage.Writing] = ["\"writing"],
            [ProgressStage.Comparing] = ["\"comparing"],
            [ProgressStage.Explaining] = ["\"explaining"],
            [ProgressStage.Evaluating] = ["\"evaluating"],
            [ProgressStage.Readiness] = ["\"readiness"],
            [ProgressStage.Sweeping] = ["\"policy"],
        };
        foreach (var file in files)
        {
            foreach (Match m in ProgressCreation().Matches(File.ReadAllText(file)))
            {
                seen++;
                Assert.True(m.Groups["init"].Success, $"{Path.GetFileName(file)}: {m.Value} sets no Kind");
                var kind = Enum.Parse<ProgressStage>(m.Groups["kind"].Value);
                Assert.True(words[kind].Any(w => m.Value.Contains(w, StringComparison.Ordinal)), $"{Path.GetFileName(file)}: {m.Value}");
            }
        }

        Assert.True(seen >= 20, $"only {seen} progress reports found");
    }
}
