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
    public CandidateGraph Graph(Mentor[] mentors, Mentee[] mentees, int[] mentorAge, int[] menteeAge, PairGate gate, AssignmentProblem problem, List<MeetingModes> modes, CancellationToken ct)
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
        };
    }
}
