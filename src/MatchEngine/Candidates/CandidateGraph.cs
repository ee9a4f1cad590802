using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;
using MatchEngine.Solving;

namespace MatchEngine;

/// <summary>
/// The allowed pairs of a batch with their integer scores and chosen modes, and for every person the rule that
/// excluded most of the other side. People are ordered by id (ordinal), so everything built on it is deterministic.
/// </summary>
internal sealed class CandidateGraph
{
    /// <summary>The rules in order, then <see cref="MinimumScoreRule"/>: reason indexes point into this list.</summary>
    public required IReadOnlyList<IEligibilityRule> Gates { get; init; }

    public required Mentor[] Mentors { get; init; }

    public required Mentee[] Mentees { get; init; }

    public required int[] MentorAge { get; init; }

    public required int[] MenteeAge { get; init; }

    public required AssignmentProblem Problem { get; init; }

    public required List<MeetingModes> ArcMode { get; init; }

    public required int[] MenteeEligible { get; init; }

    public required int[] MentorEligible { get; init; }

    /// <summary>Per mentee: the rule that excluded most mentors, how many, and one mentor it excluded.</summary>
    public required (int Rule, int Count, int Mentor)[] MenteeBinding { get; init; }

    /// <summary>Per mentor: the rule that excluded most mentees and how many.</summary>
    public required (int Rule, int Count)[] MentorBinding { get; init; }

    /// <summary>In sparse mode: per mentee, how many mentors were checked (for the reason sentence); null when every pair was checked.</summary>
    public int[]? MenteeChecked { get; init; }

    /// <summary>In sparse mode: per mentee, an upper bound (points) on the score of any eligible mentor not kept as a candidate; -1 when none can exist.</summary>
    public int[]? MenteeBound { get; init; }

    /// <summary>
    /// In sparse mode, after solving: per unmatched mentee, eligible mentors outside the restricted set with free
    /// places left (a lower bound, capped) and the best points with them; null otherwise.
    /// </summary>
    public (int Count, int Best)[]? MenteeFreeBeyond { get; init; }

    /// <summary>Whether candidates were pruned (sparse mode).</summary>
    public bool Sparse => MenteeBound is not null;

    /// <summary>Builds the graph.</summary>
    /// <param name="mentors">Mentors, ordered by id.</param>
    /// <param name="mentees">Mentees to match, ordered by id.</param>
    /// <param name="capacity">Places each mentor has left (after locked pairs).</param>
    /// <param name="asOf">The as-of date.</param>
    /// <param name="rules">The hard rules in order.</param>
    /// <param name="scorer">The scorer.</param>
    /// <param name="options">The options (for the minimum pair score).</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <param name="onRejected">Called for every pair that is not allowed, with (mentee, mentor, gate index).</param>
    public static CandidateGraph Build(Mentor[] mentors, Mentee[] mentees, int[] capacity, DateOnly asOf, IReadOnlyList<IEligibilityRule> rules, PairScorer scorer, MatchOptions options, CancellationToken cancellationToken, Action<int, int, int>? onRejected = null)
    {
        var mentorAge = mentors.Select(m => Age.On(m.BirthDate, asOf)).ToArray();
        var menteeAge = mentees.Select(m => Age.On(m.BirthDate, asOf)).ToArray();
        var gate = new PairGate(rules, scorer, options);
        var gates = gate.Gates;
        var ruleCount = gates.Length;
        var problem = new AssignmentProblem(mentees.Select(e => e.UnmetNeeds).ToArray(), capacity);
        var arcMode = new List<MeetingModes>();
        var menteeEligible = new int[mentees.Length];
        var mentorEligible = new int[mentors.Length];
        var menteeBinding = new (int, int, int)[mentees.Length];
        var mentorFailures = new int[mentors.Length * ruleCount];
        var failures = new int[ruleCount];
        var firstMentor = new int[ruleCount];

        for (var e = 0; e < mentees.Length; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(failures);
            for (var m = 0; m < mentors.Length; m++)
            {
                var (ri, mode, points) = gate.Decide(mentors[m], mentees[e], mentorAge[m], menteeAge[e]);
                if (ri >= 0)
                {
                    if (failures[ri]++ == 0)
                    {
                        firstMentor[ri] = m;
                    }

                    mentorFailures[(m * ruleCount) + ri]++;
                    onRejected?.Invoke(e, m, ri);
                    continue;
                }

                problem.AddArc(e, m, points);
                arcMode.Add(mode);
                menteeEligible[e]++;
                mentorEligible[m]++;
            }

            var best = ArgMax(failures);
            menteeBinding[e] = (best, failures[best], firstMentor[best]);
        }

        var mentorBinding = new (int, int)[mentors.Length];
        for (var m = 0; m < mentors.Length; m++)
        {
            var span = mentorFailures.AsSpan(m * ruleCount, ruleCount);
            var best = ArgMax(span);
            mentorBinding[m] = (best, span[best]);
        }

        return new CandidateGraph
        {
            Gates = gates,
            Mentors = mentors,
            Mentees = mentees,
            MentorAge = mentorAge,
            MenteeAge = menteeAge,
            Problem = problem,
            ArcMode = arcMode,
            MenteeEligible = menteeEligible,
            MentorEligible = mentorEligible,
            MenteeBinding = menteeBinding,
            MentorBinding = mentorBinding,
        };
    }

    private static int ArgMax(ReadOnlySpan<int> counts)
    {
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return best;
    }
}
