using System.Diagnostics;
using System.Globalization;
using MatchEngine.Solving;

namespace MatchEngine.Benchmarks;

/// <summary>
/// Dense n x n score matrices for the SciPy comparison: written once by this side as raw little-endian int32
/// (score 0..10000, seeded), then solved by MatchEngine here and by SciPy in the script, on the same data.
/// </summary>
public static class DenseMatrices
{
    public static int Write(string dir, int[] sizes)
    {
        Directory.CreateDirectory(dir);
        foreach (var n in sizes)
        {
            var rng = new Random(n);
            var bytes = new byte[4L * n * n];
            for (long i = 0; i < (long)n * n; i++)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan((int)(4 * i), 4), rng.Next(0, 10_001));
            }

            File.WriteAllBytes(Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"dense{n}.i32")), bytes);
        }

        return 0;
    }

    /// <summary>
    /// Times MatchEngine's solver and prints, best of <paramref name="repeats"/> runs each: the solve alone (the problem
    /// built beforehand, as SciPy is handed a ready matrix), the optimum, and the problem's building plus the solve.
    /// </summary>
    public static int Time(string file, int n, int repeats)
    {
        var bytes = File.ReadAllBytes(file);
        var scores = new int[n * n];
        Buffer.BlockCopy(bytes, 0, scores, 0, bytes.Length);
        var best = double.MaxValue;
        var bestSolve = double.MaxValue;
        long total = 0;
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            var p = new AssignmentProblem(new bool[n], Enumerable.Repeat(1, n).ToArray(), n * n);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    p.AddArc(i, j, scores[(i * n) + j]);
                }
            }

            var built = sw.Elapsed.TotalSeconds;
            total = AssignmentSolver.Solve(p).TotalScore;
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            bestSolve = Math.Min(bestSolve, sw.Elapsed.TotalSeconds - built);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bestSolve:0.0000} {total} {best:0.0000}"));
        return 0;
    }
}
