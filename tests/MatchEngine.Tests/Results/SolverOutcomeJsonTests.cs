using System.Text.Json;
using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Reports;

namespace MatchEngine.Tests.Results;

/// <summary>summary.json carries the typed <see cref="SolverOutcome"/> as <c>solver_outcome</c>, a stable snake_case word, next to the <c>solver_status</c> text.</summary>
public class SolverOutcomeJsonTests
{
    private static MatchBatch Batch() => BatchGenerator.Generate(new GeneratorOptions { Mentors = 40, Mentees = 60, Seed = 7 });

    private static JsonElement Written(MatchResult result)
    {
        using var ms = new MemoryStream();
        SummaryJson.Write(ms, result);
        using var doc = JsonDocument.Parse(ms.ToArray());
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Small_batch_writes_optimal_and_a_forced_sparse_batch_writes_certified()
    {
        var dense = Written(new Matcher(MatchOptions.Default).Match(Batch()));
        Assert.Equal("optimal", dense.GetProperty("solver_outcome").GetString());
        Assert.Equal("optimal", dense.GetProperty("solver_status").GetString());

        var sparse = Written(new Matcher(MatchOptions.Default with { DensePairLimit = 0 }).Match(Batch()));
        Assert.Equal("certified", sparse.GetProperty("solver_outcome").GetString());
        Assert.Equal("optimal (certified over all eligible pairs)", sparse.GetProperty("solver_status").GetString());
        Assert.StartsWith("OR-Tools min-cost flow", dense.GetProperty("solver").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("MatchEngine pricing rounds", sparse.GetProperty("solver").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SolverOutcome.Unknown, "unknown")]
    [InlineData(SolverOutcome.Optimal, "optimal")]
    [InlineData(SolverOutcome.Certified, "certified")]
    [InlineData(SolverOutcome.Gap, "gap")]
    [InlineData(SolverOutcome.OptimalOverPricedPairs, "optimal_over_priced_pairs")]
    [InlineData(SolverOutcome.GapOverPricedPairs, "gap_over_priced_pairs")]
    public void Every_outcome_is_written_as_its_snake_case_word(SolverOutcome outcome, string word)
    {
        var result = new Matcher(MatchOptions.Default).Match(Batch());
        var json = Written(result with { Summary = result.Summary with { Outcome = outcome } });
        Assert.Equal(word, json.GetProperty("solver_outcome").GetString());
    }

    [Fact]
    public void Every_outcome_has_its_own_word()
    {
        var words = Enum.GetValues<SolverOutcome>().Select(SummaryJson.OutcomeName).ToList();
        Assert.Equal(words.Count, words.Distinct(StringComparer.Ordinal).Count());
        Assert.All(words, w => Assert.Matches("^[a-z]+(_[a-z]+)*$", w));
    }

    [Fact]
    public void Solver_outcome_comes_right_after_solver_status()
    {
        var names = Written(new Matcher(MatchOptions.Default).Match(Batch())).EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(names.IndexOf("solver_status") + 1, names.IndexOf("solver_outcome"));
    }
}
