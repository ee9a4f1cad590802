using MatchEngine.Solving;

namespace MatchEngine.Candidates;

/// <summary>
/// A spare solve: OR-Tools solving a round from nothing on the other core while the warm-started solver tries it,
/// for the rounds where the warm attempt may well give up (its optimum is then ready sooner).
/// </summary>
internal static class Spare
{
    /// <summary>Problems smaller than this are solved by OR-Tools in well under a second: no spare is worth a core.</summary>
    public const int LeastArcs = 400_000;

    /// <summary>
    /// Whether a round is worth a spare solve: a problem of at least <paramref name="leastArcs"/> pairs to which the last
    /// pricing round added more than a third of them (100k x 100k: the first pricing round adds 540k pairs to 1.1
    /// million, and the warm attempt gives up after 3 s of searching).
    /// </summary>
    public static bool Worth(int arcs, long lastAdded, int leastArcs) => arcs >= leastArcs && lastAdded * 3 > arcs;

    /// <summary>Starts a spare solve of <paramref name="problem"/> (read only by both solvers) and records it in <paramref name="spares"/>.</summary>
    public static Task<AssignmentSolution> Start(AssignmentProblem problem, ObjectiveOrder objective, (int Priority, int Matched)? counts, List<Task> spares, CancellationToken ct)
    {
        var task = Task.Run(() => AssignmentSolver.Solve(problem, objective, withPrices: false, counts, ct), ct);
        spares.Add(task);
        return task;
    }

    /// <summary>
    /// Waits for every spare solve still running, so that none outlives the solve that started it; the results (and
    /// any failure or cancellation) of those whose warm attempt succeeded are not needed.
    /// </summary>
    public static void Drain(List<Task> spares)
    {
        foreach (var task in spares)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
                // An unused spare solve's failure or cancellation changes nothing.
            }
        }
    }
}
