using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Priority;
using MatchEngine.Solving;

namespace MatchEngine.Tests.Priority;

public class TieredSolverTests
{
    /// <summary>Small problems: up to 7 young people in up to 3 tiers, up to 4 mentors of capacity 0 to 2, random arcs and scores.</summary>
    private static Gen<(int[] Tier, int[] Cap, (int, int, long)[] Arcs)> Problems() =>
        from l in Gen.Choose(0, 7)
        from r in Gen.Choose(1, 4)
        from tiers in Gen.ArrayOf(Gen.Choose(0, 2), l)
        from caps in Gen.ArrayOf(Gen.Choose(0, 2), r)
        from mask in Gen.ArrayOf(Gen.Choose(0, 2), l * r)
        from scores in Gen.ArrayOf(Gen.Choose(0, 100), l * r)
        select (tiers, caps, Enumerable.Range(0, l * r).Where(i => mask[i] > 0).Select(i => (i / r, i % r, (long)scores[i])).ToArray());

    /// <summary>Exhaustive: the best (count of tier 0, count of tier 1, ..., total score) over every assignment.</summary>
    private static long[] Brute(int[] tier, int[] cap, (int E, int M, long S)[] arcs, int k)
    {
        long[]? best = null;
        var caps = (int[])cap.Clone();
        var counts = new long[k + 1];
        Go(0);
        return best ?? new long[k + 1];

        void Go(int e)
        {
            if (e == tier.Length)
            {
                if (best is null || Compare(counts, best) > 0)
                {
                    best = (long[])counts.Clone();
                }

                return;
            }

            Go(e + 1);
            foreach (var (_, m, s) in arcs.Where(a => a.E == e))
            {
                if (caps[m] == 0)
                {
                    continue;
                }

                caps[m]--;
                counts[tier[e]]++;
                counts[k] += s;
                Go(e + 1);
                counts[k] -= s;
                counts[tier[e]]--;
                caps[m]++;
            }
        }

        static int Compare(long[] a, long[] b)
        {
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return a[i].CompareTo(b[i]);
                }
            }

            return 0;
        }
    }

    [Property(MaxTest = 200)]
    public Property Each_tiers_count_and_then_the_score_equal_the_brute_force_optimum() => Prop.ForAll(Problems().ToArbitrary(), x =>
    {
        var problem = new AssignmentProblem(x.Tier.Select(t => t == 0).ToArray(), x.Cap);
        foreach (var (e, m, s) in x.Arcs)
        {
            problem.AddArc(e, m, s);
        }

        const int K = 3;
        var (solution, perTier) = TieredSolver.Solve(problem, x.Tier);
        var actual = new long[K + 1];
        for (var t = 0; t < perTier.Count; t++)
        {
            actual[t] = perTier[t];
        }

        actual[K] = solution.TotalScore;
        var expected = Brute(x.Tier, x.Cap, x.Arcs, K);
        var load = new int[x.Cap.Length];
        foreach (var a in solution.ArcOfLeft.Where(a => a >= 0))
        {
            load[problem.ArcRight(a)]++;
        }

        var feasible = load.Zip(x.Cap).All(p => p.First <= p.Second);
        return (feasible && actual.SequenceEqual(expected)).Label($"expected {string.Join(',', expected)}, got {string.Join(',', actual)}");
    });

    [Fact]
    public void Two_tiers_give_the_engines_result()
    {
        var problem = new AssignmentProblem([true, false, false, true], [1, 1]);
        problem.AddArc(0, 0, 10);
        problem.AddArc(1, 0, 90);
        problem.AddArc(2, 1, 50);
        problem.AddArc(3, 1, 5);
        var today = AssignmentSolver.Solve(problem);
        var (tiered, _) = TieredSolver.Solve(problem, [0, 1, 1, 0]);
        Assert.Equal(today.ArcOfLeft, tiered.ArcOfLeft);
        Assert.Equal((today.Matched, today.PriorityMatched, today.TotalScore), (tiered.Matched, tiered.PriorityMatched, tiered.TotalScore));
    }

    [Theory]
    [InlineData("unmet_needs", true)]
    [InlineData("waited_rounds>=2", true)]
    [InlineData("waiting_since<=2026-06-01", true)]
    [InlineData("waited_rounds>=0", false)]
    [InlineData("waiting_since<=2026-02-30", false)]
    [InlineData("vip", false)]
    public void Tier_criteria_are_parsed_or_named_in_an_error(string criterion, bool ok)
    {
        var tiers = PriorityTiers.Parse([criterion], out var errors);
        Assert.Equal(ok, tiers is not null);
        Assert.Equal(ok, errors.Count == 0);
        if (!ok)
        {
            Assert.Contains(criterion, errors[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_young_persons_tier_is_the_first_criterion_they_meet()
    {
        var tiers = PriorityTiers.Parse(["waited_rounds>=2", "unmet_needs"], out _)!;
        var e = People.Mentee();
        Assert.Equal(2, tiers.Of(e));
        Assert.Equal(1, tiers.Of(e with { UnmetNeeds = true }));
        Assert.Equal(0, tiers.Of(e with { UnmetNeeds = true, RoundsWaited = 3 }));
        Assert.Equal(2, tiers.Of(e with { RoundsWaited = 1 }));
    }
}
