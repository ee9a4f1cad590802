using BenchmarkDotNet.Attributes;
using Google.OrTools.Graph;
using MatchEngine.Solving;

namespace MatchEngine.Benchmarks;

/// <summary>
/// Solving a sparse batch (8 allowed mentors per mentee, capacities 1-3, 60% with unmet needs) at 1k / 10k / 100k.
/// Baseline: one OR-Tools min-cost flow for the most pairs then the best score, without the unmet-needs level.
/// The engine's two-phase lexicographic solve adds that level; the ratio is its price.
/// </summary>
[MemoryDiagnoser]
public class SolveBenchmarks
{
    private AssignmentProblem _problem = null!;
    private int[] _capacity = [];

    [Params(1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        _capacity = Enumerable.Range(0, N).Select(_ => rng.Next(1, 4)).ToArray();
        _problem = new AssignmentProblem(Enumerable.Range(0, N).Select(_ => rng.NextDouble() < 0.6).ToArray(), _capacity);
        for (var i = 0; i < N; i++)
        {
            for (var k = 0; k < 8; k++)
            {
                _problem.AddArc(i, (int)((i + (long)rng.Next(2000) - 1000 + N) % N), rng.Next(3000, 10_001));
            }
        }
    }

    [Benchmark(Baseline = true)]
    public long SingleMinCostFlow()
    {
        var p = _problem;
        int l = p.LeftCount, r = p.RightCount, source = l + r, sink = source + 1;
        using var f = new MinCostFlow();
        for (var a = 0; a < p.ArcCount; a++)
        {
            f.AddArcWithCapacityAndUnitCost(p.ArcLeft(a), l + p.ArcRight(a), 1, 10_000 - p.ArcScore(a));
        }

        for (var i = 0; i < l; i++)
        {
            f.AddArcWithCapacityAndUnitCost(source, i, 1, 0);
        }

        for (var j = 0; j < r; j++)
        {
            f.AddArcWithCapacityAndUnitCost(l + j, sink, _capacity[j], 0);
        }

        f.SetNodeSupply(source, l);
        f.SetNodeSupply(sink, -l);
        f.SolveMaxFlowWithMinCost();
        return f.OptimalCost();
    }

    [Benchmark]
    public long TwoPhaseLexicographic() => AssignmentSolver.Solve(_problem).TotalScore;
}
