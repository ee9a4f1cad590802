using BenchmarkDotNet.Attributes;
using Google.OrTools.Graph;
using MatchEngine.Solving;

namespace MatchEngine.Benchmarks;

/// <summary>
/// Which OR-Tools solver suits the batch assignment: the engine's two-phase min-cost flow (capacities and the
/// lexicographic objective built in) against LinearSumAssignment (a perfect assignment of a square matrix only)
/// on the same dense random n x n scores, every pair allowed. Both reach the same optimum; the ratio is the cost of generality.
/// </summary>
[MemoryDiagnoser]
public class SolverChoiceBenchmarks
{
    private long[] _scores = [];

    [Params(500, 1000, 2000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _scores = new long[N * N];
        for (var i = 0; i < _scores.Length; i++)
        {
            _scores[i] = rng.Next(0, 10_001);
        }
    }

    [Benchmark(Baseline = true)]
    public long LinearSumAssignment()
    {
        using var lsa = new Google.OrTools.Graph.LinearSumAssignment();
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                lsa.AddArcWithCost(i, j, 10_000 - _scores[(i * N) + j]);
            }
        }

        if (lsa.Solve() != Google.OrTools.Graph.LinearSumAssignment.Status.OPTIMAL)
        {
            throw new InvalidOperationException("not optimal");
        }

        return (N * 10_000L) - lsa.OptimalCost();
    }

    [Benchmark]
    public long MinCostFlowTwoPhase()
    {
        var problem = new AssignmentProblem(new bool[N], Enumerable.Repeat(1, N).ToArray());
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                problem.AddArc(i, j, _scores[(i * N) + j]);
            }
        }

        return AssignmentSolver.Solve(problem).TotalScore;
    }
}
