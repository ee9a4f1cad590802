using Google.OrTools.Sat;

namespace MatchEngine.Solving;

/// <summary>
/// The assignment with a batch target that no per-pair score can express: at least a share of the pairs must be
/// "marked" (cross-background). The numbers matched (those with priority, and all) stay at their optimum; only
/// score is traded. Solved by Lagrangian relaxation over OR-Tools min-cost flows (a bonus λ per marked pair, the
/// smallest integer λ that meets the target), which gives a feasible solution and a proven bound; where a gap
/// remains and the model is small, CP-SAT (one worker, fixed seed, deterministic limit) closes it.
/// </summary>
internal static class QuotaSolver
{
    /// <summary>Solves.</summary>
    /// <param name="problem">The assignment problem.</param>
    /// <param name="marked">Per arc: whether the pair counts toward the share.</param>
    /// <param name="share">The least share of marked pairs, 0 to 1.</param>
    /// <param name="objective">The objective order of the base problem.</param>
    /// <param name="exactMaxArcs">Largest number of arcs for which CP-SAT is tried when a gap remains.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The solution and the report.</returns>
    public static (AssignmentSolution Solution, QuotaReport Report) Solve(
        AssignmentProblem problem, IReadOnlyList<bool> marked, double share, ObjectiveOrder objective = ObjectiveOrder.MostPairsFirst,
        int exactMaxArcs = 20_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(marked);
        if (marked.Count != problem.ArcCount)
        {
            throw new ArgumentException("One mark per arc is needed.", nameof(marked));
        }

        if (!double.IsFinite(share) || share < 0 || share > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The share must be from 0 to 1.");
        }

        var baseSolution = AssignmentSolver.Solve(problem, objective, cancellationToken);
        var m = baseSolution.Matched;
        var u = baseSolution.PriorityMatched;
        var c0 = Marked(baseSolution, marked);
        if (m == 0)
        {
            return (baseSolution, new QuotaReport(share, true, 0, 0, 0, 0, 0, "nothing to match") { MethodKind = QuotaMethod.NothingToMatch });
        }

        var k = (int)Math.Ceiling((share * m) - 1e-9);
        if (c0 >= k)
        {
            return (baseSolution, new QuotaReport(share, true, Share(c0, m), Share(c0, m), baseSolution.TotalScore, baseSolution.TotalScore, baseSolution.TotalScore, "met by the optimum without the target") { MethodKind = QuotaMethod.MetWithoutTarget });
        }

        // The most marked pairs possible with the same counts: a min-cost flow that values marks only.
        var onlyMarks = new long[problem.ArcCount];
        for (var a = 0; a < onlyMarks.Length; a++)
        {
            onlyMarks[a] = marked[a] ? 1 : 0;
        }

        var maxMarked = Marked(SolveWith(problem, u, m - u, a => onlyMarks[a] - problem.ArcScore(a), cancellationToken), marked);
        var feasible = maxMarked >= k;
        k = Math.Min(k, maxMarked);

        // Lagrangian: maximise score + λ·marked; find the smallest integer λ with marked >= k.
        var spread = 1L;
        for (var a = 0; a < problem.ArcCount; a++)
        {
            spread = Math.Max(spread, Math.Abs(problem.ArcScore(a)));
        }

        if (spread > 1_000_000_000 || (double)spread * m > 1e14)
        {
            throw new ArgumentException("Scores are too large for the Lagrangian method (|score| x pairs must stay below 10^14).", nameof(problem));
        }

        long lo = 0, hi = (2 * spread * m) + 1;
        AssignmentSolution? hiSolution = null, loSolution = baseSolution;
        while (hi - lo > 1 || hiSolution is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var mid = hiSolution is null && hi - lo <= 1 ? hi : lo + ((hi - lo) / 2);
            var s = SolveWith(problem, u, m - u, a => marked[a] ? mid : 0, cancellationToken);
            if (Marked(s, marked) >= k)
            {
                hi = mid;
                hiSolution = s;
            }
            else
            {
                lo = mid;
                loSolution = s;
            }
        }

        var best = hiSolution;
        long Bound(AssignmentSolution s, long lambda) => s.TotalScore + (lambda * (Marked(s, marked) - k));
        var bound = Math.Min(Bound(hiSolution, hi), Bound(loSolution, lo));
        var method = "Lagrangian min-cost flow";
        var kind = QuotaMethod.Lagrangian;
        if (bound > best.TotalScore && problem.ArcCount <= exactMaxArcs)
        {
            var exact = Exact(problem, marked, u, m, k, best, cancellationToken);
            if (exact is { } e)
            {
                best = e.Solution;
                bound = Math.Min(bound, e.Bound);
                method = e.Bound == e.Solution.TotalScore ? "CP-SAT (exact)" : "CP-SAT (time limit)";
                kind = e.Bound == e.Solution.TotalScore ? QuotaMethod.CpSatExact : QuotaMethod.CpSatTimeLimit;
            }
        }

        var achieved = Marked(best, marked);
        return (best, new QuotaReport(share, feasible, Share(maxMarked, m), Share(achieved, m), baseSolution.TotalScore, best.TotalScore, Math.Max(bound, best.TotalScore), method) { MethodKind = kind });
    }

    private static AssignmentSolution SolveWith(AssignmentProblem problem, int priority, int others, Func<int, long> bonus, CancellationToken ct)
    {
        var b = new long[problem.ArcCount];
        for (var a = 0; a < b.Length; a++)
        {
            b[a] = bonus(a);
        }

        return AssignmentSolver.SolveFixed(problem, priority, others, optionalOthers: false, b, ct);
    }

    private static int Marked(AssignmentSolution s, IReadOnlyList<bool> marked)
    {
        var c = 0;
        foreach (var a in s.ArcOfLeft)
        {
            if (a >= 0 && marked[a])
            {
                c++;
            }
        }

        return c;
    }

    private static double Share(int c, int m) => m == 0 ? 0 : Math.Round((double)c / m, 4, MidpointRounding.AwayFromZero);

    private static (AssignmentSolution Solution, long Bound)? Exact(AssignmentProblem p, IReadOnlyList<bool> marked, int u, int m, int k, AssignmentSolution hint, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var model = new CpModel();
        var x = new BoolVar[p.ArcCount];
        for (var a = 0; a < x.Length; a++)
        {
            x[a] = model.NewBoolVar(string.Empty);
        }

        var byLeft = new List<ILiteral>[p.LeftCount];
        var byRight = new List<ILiteral>[p.RightCount];
        var prio = new List<ILiteral>();
        var marks = new List<ILiteral>();
        for (var a = 0; a < x.Length; a++)
        {
            (byLeft[p.ArcLeft(a)] ??= []).Add(x[a]);
            (byRight[p.ArcRight(a)] ??= []).Add(x[a]);
            if (p.LeftPriority[p.ArcLeft(a)])
            {
                prio.Add(x[a]);
            }

            if (marked[a])
            {
                marks.Add(x[a]);
            }
        }

        foreach (var group in byLeft)
        {
            if (group is { Count: > 1 })
            {
                model.AddAtMostOne(group);
            }
        }

        for (var j = 0; j < byRight.Length; j++)
        {
            if (byRight[j] is { } group && group.Count > p.RightCapacity[j])
            {
                model.Add(LinearExpr.Sum(group.Cast<BoolVar>()) <= p.RightCapacity[j]);
            }
        }

        model.Add(LinearExpr.Sum(x) == m);
        model.Add(LinearExpr.Sum(prio.Cast<BoolVar>()) == u);
        model.Add(LinearExpr.Sum(marks.Cast<BoolVar>()) >= k);
        var scores = new long[x.Length];
        for (var a = 0; a < x.Length; a++)
        {
            scores[a] = p.ArcScore(a);
            model.AddHint(x[a], hint.ArcOfLeft[p.ArcLeft(a)] == a);
        }

        model.Maximize(LinearExpr.WeightedSum(x, scores));
        using var solver = new CpSolver();
        solver.StringParameters = "num_workers:1 random_seed:7 max_deterministic_time:60";
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return null;
        }

        var arcOfLeft = new int[p.LeftCount];
        Array.Fill(arcOfLeft, -1);
        int matched = 0, pm = 0;
        long total = 0;
        for (var a = 0; a < x.Length; a++)
        {
            if (solver.BooleanValue(x[a]))
            {
                arcOfLeft[p.ArcLeft(a)] = a;
                matched++;
                pm += p.LeftPriority[p.ArcLeft(a)] ? 1 : 0;
                total += scores[a];
            }
        }

        var bound = status == CpSolverStatus.Optimal ? total : (long)Math.Floor(solver.BestObjectiveBound);
        var solution = new AssignmentSolution(arcOfLeft, matched, pm, total);
        return total >= hint.TotalScore ? (solution, bound) : (hint, bound);
    }
}
