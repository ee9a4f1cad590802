using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;
using MatchEngine.Solving;

namespace MatchEngine;

/// <summary>
/// Builds the candidate graph of a large batch without the dense matrix (see <see cref="SparseCandidates"/>), and
/// widens the search for chosen mentees when the first answer cannot be proven optimal. For each mentee it keeps the
/// best candidates and an upper bound on the score of any eligible mentor it left out.
/// </summary>
internal sealed class SparseGraphBuilder
{
    private readonly Mentor[] _mentors;
    private readonly Mentee[] _mentees;
    private readonly int[] _capacity;
    private readonly int[] _mentorAge;
    private readonly int[] _menteeAge;
    private readonly IEligibilityRule[] _gates;
    private readonly PairGate _gate;
    private readonly MatchOptions _options;
    private readonly SparseCandidates _index;
    private readonly (int Mentor, int Points, MeetingModes Mode)[][] _picks;
    private readonly (int, int, int)[] _binding;
    private readonly int[] _checked;
    private readonly int[] _bound;

    public SparseGraphBuilder(Mentor[] mentors, Mentee[] mentees, int[] capacity, DateOnly asOf, IReadOnlyList<IEligibilityRule> rules, PairScorer scorer, MatchOptions options)
    {
        _mentors = mentors;
        _mentees = mentees;
        _capacity = capacity;
        _mentorAge = mentors.Select(m => Age.On(m.BirthDate, asOf)).ToArray();
        _menteeAge = mentees.Select(m => Age.On(m.BirthDate, asOf)).ToArray();
        _gate = new PairGate(rules, scorer, options);
        _gates = _gate.Gates;
        _options = options;
        _index = new SparseCandidates(mentors, _mentorAge, capacity, options);
        _picks = new (int, int, MeetingModes)[mentees.Length][];
        _binding = new (int, int, int)[mentees.Length];
        _checked = new int[mentees.Length];
        _bound = new int[mentees.Length];
    }

    /// <summary>Whether every eligible mentor of the mentee is among its candidates.</summary>
    public bool Complete(int e) => _bound[e] < 0;

    /// <summary>Searches every mentee.</summary>
    public void SearchAll(int keep, int budget, IProgress<MatchProgress>? progress, CancellationToken ct) =>
        Search(Enumerable.Range(0, _mentees.Length).ToArray(), keep, budget, progress, ct);

    /// <summary>Searches (again) the given mentees, in parallel; the result does not depend on the number of threads.</summary>
    public void Search(int[] mentees, int keep, int budget, IProgress<MatchProgress>? progress, CancellationToken ct)
    {
        var done = 0L;
        var sampleStride = Math.Max(1, _mentors.Length / 500);
        Parallel.For(0, mentees.Length, new ParallelOptions { CancellationToken = ct }, () => new Worker(_gates.Length), (i, _, w) =>
        {
            var e = mentees[i];
            w.Seen.Clear();
            w.Found.Clear();
            Array.Clear(w.Failures);
            var mentee = _mentees[e];
            var staticMax = SparseCandidates.StaticMaxPoints(mentee, _options.Weights);
            void Consider(int m)
            {
                var (ri, mode, points) = _gate.Decide(_mentors[m], mentee, _mentorAge[m], _menteeAge[e]);
                if (ri >= 0)
                {
                    if (w.Failures[ri]++ == 0)
                    {
                        w.FirstMentor[ri] = m;
                    }

                    return;
                }

                w.Found.Add((m, points, mode));
            }

            var unexplored = _index.Search(mentee, _menteeAge[e], Math.Max(2, budget / 8), staticMax, w.Seen, Consider);
            if (w.Found.Count == 0)
            {
                // No candidate: check a spread sample of all mentors so the reason names the rule that binds.
                for (var m = e % sampleStride; m < _mentors.Length; m += sampleStride)
                {
                    if (w.Seen.Add(m))
                    {
                        Consider(m);
                    }
                }
            }

            w.Found.Sort((x, y) => x.Points != y.Points ? y.Points.CompareTo(x.Points) : x.Mentor.CompareTo(y.Mentor));
            var n = Math.Min(keep, w.Found.Count);
            _picks[e] = [.. w.Found.Take(n).OrderBy(f => f.Mentor)];

            // Any eligible mentor not kept scores at most the best one dropped or the bound on the unexamined.
            var dropped = w.Found.Count > n ? w.Found[n].Points : -1;
            _bound[e] = Math.Max(dropped, unexplored);
            _checked[e] = w.Seen.Count;
            var best = 0;
            for (var r = 1; r < w.Failures.Length; r++)
            {
                if (w.Failures[r] > w.Failures[best])
                {
                    best = r;
                }
            }

            _binding[e] = (best, w.Failures[best], w.FirstMentor[best]);
            var now = Interlocked.Increment(ref done);
            if (progress is not null && (now & 0x3FFF) == 0)
            {
                progress.Report(new MatchProgress("candidates", now, mentees.Length));
            }

            return w;
        }, _ => { });
        progress?.Report(new MatchProgress("candidates", mentees.Length, mentees.Length));
    }

    /// <summary>The candidate graph of the current picks.</summary>
    public CandidateGraph Graph()
    {
        var problem = new AssignmentProblem(_mentees.Select(x => x.UnmetNeeds).ToArray(), _capacity);
        var arcMode = new List<MeetingModes>();
        var menteeEligible = new int[_mentees.Length];
        var mentorEligible = new int[_mentors.Length];
        for (var e = 0; e < _mentees.Length; e++)
        {
            foreach (var (m, points, mode) in _picks[e])
            {
                problem.AddArc(e, m, points);
                arcMode.Add(mode);
                menteeEligible[e]++;
                mentorEligible[m]++;
            }
        }

        var mentorBinding = new (int, int)[_mentors.Length];
        var ageRule = Array.FindIndex(_gates, g => g.Code == RuleCodes.MentorTooYoung);
        var trainingRule = Array.FindIndex(_gates, g => g.Code == RuleCodes.MentorNotTrained);
        for (var m = 0; m < _mentors.Length; m++)
        {
            mentorBinding[m] = _mentorAge[m] <= _options.MentorMinAgeExclusive && ageRule >= 0 ? (ageRule, _mentees.Length)
                : !_mentors[m].TrainingComplete && trainingRule >= 0 ? (trainingRule, _mentees.Length)
                : (-1, 0);
        }

        return new CandidateGraph
        {
            Gates = _gates,
            Mentors = _mentors,
            Mentees = _mentees,
            MentorAge = _mentorAge,
            MenteeAge = _menteeAge,
            Problem = problem,
            ArcMode = arcMode,
            MenteeEligible = menteeEligible,
            MentorEligible = mentorEligible,
            MenteeBinding = _binding,
            MentorBinding = mentorBinding,
            MenteeChecked = _checked,
            MenteeBound = (int[])_bound.Clone(),
        };
    }

    /// <summary>
    /// The mentees reachable from an unmatched mentee by alternating paths (candidate arc to a full mentor, then that
    /// mentor's matched mentees), over all mentees and over the priority ones alone. If each of them has every
    /// eligible mentor among its candidates, no left-out pair can lengthen an augmenting path, so the restricted
    /// maximum matchings (all, and priority) are maxima of the whole batch (König's theorem).
    /// </summary>
    public static List<int> Reachable(CandidateGraph g, AssignmentSolution s)
    {
        var p = g.Problem;
        var arcsOf = new List<int>[p.LeftCount];
        for (var a = 0; a < p.ArcCount; a++)
        {
            (arcsOf[p.ArcLeft(a)] ??= []).Add(a);
        }

        var matchedTo = new List<int>[p.RightCount];
        for (var e = 0; e < p.LeftCount; e++)
        {
            if (s.ArcOfLeft[e] >= 0)
            {
                (matchedTo[p.ArcRight(s.ArcOfLeft[e])] ??= []).Add(e);
            }
        }

        var result = new HashSet<int>();
        foreach (var priorityOnly in new[] { false, true })
        {
            var seenLeft = new bool[p.LeftCount];
            var seenRight = new bool[p.RightCount];
            var queue = new Queue<int>();
            for (var e = 0; e < p.LeftCount; e++)
            {
                if (s.ArcOfLeft[e] < 0 && (!priorityOnly || p.LeftPriority[e]))
                {
                    seenLeft[e] = true;
                    queue.Enqueue(e);
                }
            }

            while (queue.Count > 0)
            {
                var e = queue.Dequeue();
                result.Add(e);
                foreach (var a in arcsOf[e] ?? [])
                {
                    var m = p.ArcRight(a);
                    if (seenRight[m])
                    {
                        continue;
                    }

                    seenRight[m] = true;
                    foreach (var e2 in matchedTo[m] ?? [])
                    {
                        if (!seenLeft[e2] && (!priorityOnly || p.LeftPriority[e2]))
                        {
                            seenLeft[e2] = true;
                            queue.Enqueue(e2);
                        }
                    }
                }
            }
        }

        return [.. result.Order()];
    }

    private sealed class Worker(int rules)
    {
        public HashSet<int> Seen { get; } = [];

        public List<(int Mentor, int Points, MeetingModes Mode)> Found { get; } = [];

        public int[] Failures { get; } = new int[rules];

        public int[] FirstMentor { get; } = new int[rules];
    }
}
