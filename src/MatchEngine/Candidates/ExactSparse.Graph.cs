using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Solving;

namespace MatchEngine.Candidates;

/// <summary>The candidate graph of the restricted set, for the rest of the engine.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>
    /// The candidate graph of the restricted set for the rest of the engine (reasons, explanations, summary): the
    /// pairs, and for each mentee with none the rule that excluded most of a spread sample of mentors.
    /// </summary>
    /// <remarks>
    /// With the <paramref name="solution"/> of the set, each unmatched mentee also gets the eligible mentors outside it
    /// who still have free places (found by a search; under best-pairs-first a pair scoring 0 may be left unmade).
    /// </remarks>
    public CandidateGraph Graph(Mentor[] mentors, Mentee[] mentees, int[] mentorAge, int[] menteeAge, PairGate gate, AssignmentProblem problem, List<MeetingModes> modes, CancellationToken ct, AssignmentSolution? solution = null)
    {
        var menteeEligible = new int[mentees.Length];
        var mentorEligible = new int[mentors.Length];
        for (var a = 0; a < problem.ArcCount; a++)
        {
            menteeEligible[problem.ArcLeft(a)]++;
            mentorEligible[problem.ArcRight(a)]++;
        }

        // A mentee whose pairs were all pruned (far from ever being used) still has the eligible mentors it was first
        // given: its count is the larger of the two (a lower bound on its eligible mentors either way), and only a
        // mentee with none at all gets a rule as its reason.
        if (_firstFound is { } found)
        {
            for (var e = 0; e < mentees.Length; e++)
            {
                menteeEligible[e] = Math.Max(menteeEligible[e], found[e]);
            }
        }

        var gates = gate.Gates;
        var binding = new (int, int, int)[mentees.Length];
        var checkedCount = new int[mentees.Length];
        var stride = Math.Max(1, mentors.Length / 500);
        Parallel.For(0, mentees.Length, new ParallelOptions { CancellationToken = ct }, e =>
        {
            if (menteeEligible[e] > 0)
            {
                return;
            }

            var failures = new int[gates.Length];
            var first = new int[gates.Length];
            var n = 0;
            for (var m = e % stride; m < mentors.Length; m += stride)
            {
                var (ri, _, _) = gate.Decide(mentors[m], mentees[e], mentorAge[m], menteeAge[e]);
                n++;
                if (ri >= 0 && failures[ri]++ == 0)
                {
                    first[ri] = m;
                }
            }

            var best = 0;
            for (var r = 1; r < failures.Length; r++)
            {
                if (failures[r] > failures[best])
                {
                    best = r;
                }
            }

            binding[e] = (best, failures[best], first[best]);
            checkedCount[e] = n;
        });

        var mentorBinding = new (int, int)[mentors.Length];
        var ageRule = Array.FindIndex(gates, g => g.Code == RuleCodes.MentorTooYoung);
        var trainingRule = Array.FindIndex(gates, g => g.Code == RuleCodes.MentorNotTrained);
        for (var m = 0; m < mentors.Length; m++)
        {
            mentorBinding[m] = _k.MentorUsable[m] ? (-1, 0)
                : mentorAge[m] <= _o.MentorMinAgeExclusive && ageRule >= 0 ? (ageRule, mentees.Length)
                : trainingRule >= 0 ? (trainingRule, mentees.Length) : (-1, 0);
        }

        return new CandidateGraph
        {
            Gates = gates,
            Mentors = mentors,
            Mentees = mentees,
            MentorAge = mentorAge,
            MenteeAge = menteeAge,
            Problem = problem,
            ArcMode = modes,
            MenteeEligible = menteeEligible,
            MentorEligible = mentorEligible,
            MenteeBinding = binding,
            MentorBinding = mentorBinding,
            MenteeChecked = checkedCount,
            MenteeBound = new int[mentees.Length],
            MenteeFreeBeyond = solution is null ? null : FreeBeyond(problem, solution, ct),
        };
    }

    /// <summary>
    /// For each mentee the solution leaves unmatched: how many eligible mentors outside the restricted set still have
    /// free places (up to <see cref="FreeSearched"/>, a lower bound), and the best points with them.
    /// </summary>
    private (int Count, int Best)[] FreeBeyond(AssignmentProblem problem, AssignmentSolution solution, CancellationToken ct)
    {
        var price = new long[_k.MentorCount];
        var free = (int[])_capacity.Clone();
        foreach (var a in solution.ArcOfLeft)
        {
            if (a >= 0)
            {
                free[problem.ArcRight(a)]--;
            }
        }

        for (var m = 0; m < price.Length; m++)
        {
            price[m] = free[m] > 0 ? 0 : PricedOut;
        }

        // Only mentors with a free place can be reached; at a threshold of -1 every such eligible pair counts, even one
        // scoring 0. The pairs already in the set are left out (the reasons count those from the set itself).
        var prices = new Prices(this, price, ct);
        var result = new (int, int)[_k.MenteeCount];
        Parallel.For(0, _k.MenteeCount, new ParallelOptions { CancellationToken = ct }, () => new Worker(_dimStart[Depths]), (e, _, w) =>
        {
            if (solution.ArcOfLeft[e] < 0)
            {
                SearchAll(e, -1, prices, FreeSearched, w);
                if (w.Best.Count > 0)
                {
                    result[e] = (w.Best.Count, w.Best.Max(x => x.Points));
                }
            }

            return w;
        }, _ => { });

        return result;
    }

    /// <summary>The most free mentors counted per unmatched mentee (see <see cref="FreeBeyond"/>).</summary>
    private const int FreeSearched = 64;
}
