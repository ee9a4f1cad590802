using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Model;
using MatchEngine.Solving;

namespace MatchEngine.Tests.Solving;

public class QuotaPropertyTests
{
    /// <summary>Exhaustive: the best score with the counts fixed at (priority, matched) and at least k marked pairs; null when none.</summary>
    private static long? BruteForce(AssignmentProblem p, bool[] marked, int priority, int matched, int k)
    {
        long? best = null;
        var caps = Enumerable.Range(0, p.RightCount).Select(j => p.RightCapacity[j]).ToArray();
        var arcsOf = Enumerable.Range(0, p.LeftCount).Select(e => Enumerable.Range(0, p.ArcCount).Where(a => p.ArcLeft(a) == e).ToArray()).ToArray();
        void Go(int e, int pr, int m, int c, long s)
        {
            if (e == p.LeftCount)
            {
                if (pr == priority && m == matched && c >= k && (best is null || s > best))
                {
                    best = s;
                }

                return;
            }

            Go(e + 1, pr, m, c, s);
            foreach (var a in arcsOf[e])
            {
                var j = p.ArcRight(a);
                if (caps[j] == 0)
                {
                    continue;
                }

                caps[j]--;
                Go(e + 1, pr + (p.LeftPriority[e] ? 1 : 0), m + 1, c + (marked[a] ? 1 : 0), s + p.ArcScore(a));
                caps[j]++;
            }
        }

        Go(0, 0, 0, 0, 0);
        return best;
    }

    private static Gen<(AssignmentProblem Problem, bool[] Marked, double Share)> Problems =>
        from nl in Gen.Choose(1, 6)
        from nr in Gen.Choose(1, 4)
        from prio in Gen.ArrayOf(Gen.Elements(true, false), nl)
        from caps in Gen.ArrayOf(Gen.Choose(1, 2), nr)
        from arcs in Gen.ListOf(Gen.Zip(Gen.Choose(0, nl - 1), Gen.Choose(0, nr - 1)))
        from scores in Gen.ArrayOf(Gen.Choose(0, 100), 40)
        from marks in Gen.ArrayOf(Gen.Elements(true, false, false), 40)
        from share in Gen.Elements(0.0, 0.3, 0.5, 0.75, 0.9, 1.0)
        select Build(prio, caps, arcs, scores, marks, share);

    private static (AssignmentProblem, bool[], double) Build(bool[] prio, int[] caps, IEnumerable<(int, int)> arcs, int[] scores, bool[] marks, double share)
    {
        var p = new AssignmentProblem(prio, caps);
        var marked = new List<bool>();
        foreach (var (l, r) in arcs.Distinct().Take(40))
        {
            p.AddArc(l, r, scores[marked.Count]);
            marked.Add(marks[marked.Count]);
        }

        return (p, marked.ToArray(), share);
    }

    [Property(MaxTest = 200)]
    public Property Quota_solution_equals_the_brute_force_optimum_under_the_quota() => Prop.ForAll(Problems.ToArbitrary(), c =>
    {
        var (p, marked, share) = c;
        var (s, report) = QuotaSolver.Solve(p, marked, share, exactMaxArcs: 0);
        var plain = AssignmentSolver.Solve(p);
        var k = (int)Math.Ceiling((share * plain.Matched) - 1e-9);
        var achieved = s.ArcOfLeft.Count(a => a >= 0 && marked[a]);
        var expected = BruteForce(p, marked, plain.PriorityMatched, plain.Matched, k);
        if (expected is null)
        {
            // Infeasible: the answer reaches the best achievable share, and that is the brute-force maximum.
            var maxMarked = Enumerable.Range(0, k + 1).Reverse().First(kk => BruteForce(p, marked, plain.PriorityMatched, plain.Matched, kk) is not null);
            var bestAtMax = BruteForce(p, marked, plain.PriorityMatched, plain.Matched, maxMarked);
            return (!report.Feasible).Label("reported infeasible")
                .And((achieved == maxMarked).Label($"reaches the best share {maxMarked}, got {achieved}"))
                .And((s.TotalScore <= bestAtMax && report.UpperBound >= bestAtMax).Label($"score {s.TotalScore} <= best {bestAtMax} <= bound {report.UpperBound}"));
        }

        // Counts never traded; target met; score within the reported bound, and equal to the optimum when the gap is 0.
        return (s.Matched == plain.Matched && s.PriorityMatched == plain.PriorityMatched).Label("counts kept")
            .And((achieved >= k).Label($"target {k} met, got {achieved}"))
            .And((report.UpperBound >= expected && s.TotalScore <= expected).Label($"score {s.TotalScore} <= optimum {expected} <= bound {report.UpperBound}"))
            .And((report.Gap > 0 || s.TotalScore == expected).Label($"gap 0 means optimal: {s.TotalScore} vs {expected}"));
    });

    [Property(MaxTest = 200)]
    public Property With_CP_SAT_the_quota_solution_is_the_exact_optimum() => Prop.ForAll(Problems.ToArbitrary(), c =>
    {
        var (p, marked, share) = c;
        var (s, report) = QuotaSolver.Solve(p, marked, share);
        var plain = AssignmentSolver.Solve(p);
        var k = (int)Math.Ceiling((share * plain.Matched) - 1e-9);
        var kk = Enumerable.Range(0, k + 1).Reverse().First(x => BruteForce(p, marked, plain.PriorityMatched, plain.Matched, x) is not null);
        var expected = BruteForce(p, marked, plain.PriorityMatched, plain.Matched, kk);
        return (s.TotalScore == expected).Label($"{s.TotalScore} vs {expected} ({report.Method})")
            .And((report.Gap == 0).Label("proven optimal"));
    });
}
