using BenchmarkDotNet.Running;
using MatchEngine.Benchmarks;

// Helpers for benchmarks/compare-scipy.sh; everything else goes to BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "dense-matrices" => DenseMatrices.Write(args[1], args.Skip(2).Select(int.Parse).ToArray()),
    "time-dense" => DenseMatrices.Time(args[1], int.Parse(args[2]), args.Length > 3 ? int.Parse(args[3]) : 3),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(DenseMatrices).Assembly).Run(args);
    return 0;
}
