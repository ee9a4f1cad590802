using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;
using MatchEngine.Solving;

namespace MatchEngine;

/// <summary>
/// Matches a batch: applies the hard rules to every pair, scores the allowed ones, and solves the optimal
/// assignment (most mentees with unmet needs, then most mentees, then highest total score) with OR-Tools.
/// </summary>
public sealed class Matcher
{
    private readonly MatchOptions _options;
    private readonly RuleSet _rules;
    private readonly PairScorer _scorer;

    /// <summary>Creates a matcher.</summary>
    /// <param name="options">Programme options; <see cref="MatchOptions.Default"/> when null.</param>
    /// <param name="rules">Hard rules; <see cref="RuleSet.Default"/> when null.</param>
    /// <exception cref="ArgumentException">When the options are invalid; the message names every bad field.</exception>
    public Matcher(MatchOptions? options = null, RuleSet? rules = null)
    {
        _options = options ?? MatchOptions.Default;
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid match options: " + string.Join(" ", errors), nameof(options));
        }

        _rules = rules ?? RuleSet.Default;
        _scorer = new PairScorer(_options);
    }

    /// <summary>The options in force.</summary>
    public MatchOptions Options => _options;

    /// <summary>The hard rules in force.</summary>
    public RuleSet Rules => _rules;

    /// <summary>Builds the context the rules see for a pair.</summary>
    /// <param name="mentor">The mentor.</param>
    /// <param name="mentee">The mentee.</param>
    /// <param name="asOf">The date ages are taken on.</param>
    /// <returns>The context.</returns>
    public PairContext Context(Mentor mentor, Mentee mentee, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(mentor);
        ArgumentNullException.ThrowIfNull(mentee);
        return Context(mentor, mentee, Age.On(mentor.BirthDate, asOf), Age.On(mentee.BirthDate, asOf));
    }

    /// <summary>Applies the hard rules to one pair and, when allowed, scores it in its best mode.</summary>
    /// <param name="mentor">The mentor.</param>
    /// <param name="mentee">The mentee.</param>
    /// <param name="asOf">The date ages are taken on.</param>
    /// <returns>The assessment and, when eligible, the chosen mode and score.</returns>
    public (PairAssessment Assessment, MeetingModes Mode, ScoreBreakdown Score) Evaluate(Mentor mentor, Mentee mentee, DateOnly asOf)
    {
        var ctx = Context(mentor, mentee, asOf);
        var a = _rules.Assess(ctx);
        if (!a.IsEligible)
        {
            return (a, MeetingModes.None, default);
        }

        var (mode, score) = _scorer.Best(mentor, mentee, a.Allowed, a.DistanceKm);
        return (a, mode, score);
    }

    /// <summary>Matches a batch.</summary>
    /// <param name="batch">The people and the as-of date.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Pairs, unmatched people with reasons, and the summary.</returns>
    public MatchResult Match(MatchBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var asOf = batch.AsOf;
        var mentors = batch.Mentors.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        var mentees = batch.Mentees.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        var mentorAge = mentors.Select(m => Age.On(m.BirthDate, asOf)).ToArray();
        var menteeAge = mentees.Select(m => Age.On(m.BirthDate, asOf)).ToArray();
        var ruleCount = _rules.Rules.Count;

        var problem = new AssignmentProblem(mentees.Select(e => e.UnmetNeeds).ToArray(), mentors.Select(m => m.Capacity).ToArray());
        var arcMode = new List<MeetingModes>();
        var arcScore = new List<ScoreBreakdown>();
        var arcDistance = new List<double?>();
        var menteeEligible = new int[mentees.Length];
        var mentorEligible = new int[mentors.Length];
        var menteeBinding = new (int Rule, int Count, int Mentor)[mentees.Length];
        var mentorFailures = new int[mentors.Length * ruleCount];
        var failures = new int[ruleCount];

        for (var e = 0; e < mentees.Length; e++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(failures);
            var firstMentorOfRule = new int[ruleCount];
            for (var m = 0; m < mentors.Length; m++)
            {
                var ctx = Context(mentors[m], mentees[e], mentorAge[m], menteeAge[e]);
                var a = _rules.Assess(ctx);
                if (!a.IsEligible)
                {
                    var ri = IndexOf(a.FailedRule!);
                    if (failures[ri]++ == 0)
                    {
                        firstMentorOfRule[ri] = m;
                    }

                    mentorFailures[(m * ruleCount) + ri]++;
                    continue;
                }

                var (mode, score) = _scorer.Best(mentors[m], mentees[e], a.Allowed, a.DistanceKm);
                problem.AddArc(e, m, score.Points);
                arcMode.Add(mode);
                arcScore.Add(score);
                arcDistance.Add(a.DistanceKm);
                menteeEligible[e]++;
                mentorEligible[m]++;
            }

            var best = ArgMax(failures);
            menteeBinding[e] = (best, failures[best], firstMentorOfRule[best]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var solution = AssignmentSolver.Solve(problem, cancellationToken);

        var pairs = new List<MatchedPair>(solution.Matched);
        var used = new int[mentors.Length];
        var unmatched = new List<UnmatchedEntry>();
        for (var e = 0; e < mentees.Length; e++)
        {
            var arc = solution.ArcOfLeft[e];
            if (arc >= 0)
            {
                var m = problem.ArcRight(arc);
                used[m]++;
                pairs.Add(new MatchedPair(mentees[e].Id, mentors[m].Id, arcMode[arc], arcDistance[arc], arcScore[arc]));
                continue;
            }

            unmatched.Add(MenteeReason(mentees[e], e, mentors, mentorAge, menteeAge, menteeEligible[e], menteeBinding[e]));
        }

        for (var m = 0; m < mentors.Length; m++)
        {
            if (used[m] < mentors[m].Capacity)
            {
                unmatched.Add(MentorReason(mentors[m], m, mentees.Length, mentorAge[m], used[m], mentorEligible[m], mentorFailures.AsSpan(m * ruleCount, ruleCount)));
            }
        }

        var summary = Summarise(asOf, mentors, mentees, problem.ArcCount, pairs, unmatched, solution);
        return new MatchResult(pairs, unmatched, summary);
    }

    private PairContext Context(Mentor mentor, Mentee mentee, int mentorAge, int menteeAge)
    {
        double? d = mentor.Location is { } a && mentee.Location is { } b ? a.DistanceKm(b) : null;
        return new PairContext(mentor, mentee, mentorAge, menteeAge, d, _options);
    }

    private int IndexOf(IEligibilityRule rule)
    {
        for (var i = 0; i < _rules.Rules.Count; i++)
        {
            if (ReferenceEquals(_rules.Rules[i], rule))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Rule {rule.Code} is not in the rule set.");
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

    private UnmatchedEntry MenteeReason(Mentee mentee, int e, Mentor[] mentors, int[] mentorAge, int[] menteeAge, int eligible, (int Rule, int Count, int Mentor) binding)
    {
        if (mentors.Length == 0)
        {
            return new UnmatchedEntry(PersonRole.Mentee, mentee.Id, ReasonCodes.NobodyToMatch, "There are no mentors in this batch.", 0);
        }

        if (eligible > 0)
        {
            var text = eligible == 1
                ? "1 mentor was eligible, but their places went to other young people"
                : string.Create(CultureInfo.InvariantCulture, $"{eligible} mentors were eligible, but all their places went to other young people");
            return new UnmatchedEntry(PersonRole.Mentee, mentee.Id, ReasonCodes.CapacityTaken,
                text + " (the match pairs as many young people as possible, those with unmet needs first).", eligible);
        }

        var rule = _rules.Rules[binding.Rule];
        var ctx = Context(mentors[binding.Mentor], mentee, mentorAge[binding.Mentor], menteeAge[e]);
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"No eligible mentor: {rule.Describe(ctx)} (the rule that excluded {binding.Count} of the {mentors.Length} mentors).");
        if (rule.Code == RuleCodes.MenteeAgeOutOfRange)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"Not eligible: {rule.Describe(ctx)}.");
        }

        return new UnmatchedEntry(PersonRole.Mentee, mentee.Id, rule.Code, reason, 0);
    }

    private UnmatchedEntry MentorReason(Mentor mentor, int m, int menteeCount, int age, int used, int eligible, ReadOnlySpan<int> failures)
    {
        var spare = mentor.Capacity - used;
        var places = string.Create(CultureInfo.InvariantCulture, $"{spare} of {mentor.Capacity} place{(mentor.Capacity == 1 ? string.Empty : "s")} unused");
        if (menteeCount == 0)
        {
            return new UnmatchedEntry(PersonRole.Mentor, mentor.Id, ReasonCodes.NobodyToMatch, $"{places}: there are no mentees in this batch.", 0);
        }

        if (eligible > 0)
        {
            var who = eligible == 1 ? "the 1 mentee" : string.Create(CultureInfo.InvariantCulture, $"all {eligible} mentees");
            return new UnmatchedEntry(PersonRole.Mentor, mentor.Id, ReasonCodes.SpareCapacity,
                $"{places}: {who} this mentor could take already have a mentor.", eligible);
        }

        var best = ArgMax(failures);
        var rule = _rules.Rules[best];
        var text = rule.Code switch
        {
            RuleCodes.MentorTooYoung => string.Create(CultureInfo.InvariantCulture, $"aged {age} on the as-of date; mentors must be over {_options.MentorMinAgeExclusive}"),
            RuleCodes.MentorNotTrained => "training is not complete",
            _ => string.Create(CultureInfo.InvariantCulture, $"no mentee in this batch passes the rules with this mentor; the rule that excluded most ({failures[best]} of {menteeCount}) is {rule.Code}: {MentorSideText(rule.Code)}"),
        };
        return new UnmatchedEntry(PersonRole.Mentor, mentor.Id, rule.Code, $"{places}: {text}.", 0);
    }

    private string MentorSideText(string code) => code switch
    {
        RuleCodes.MenteeAgeOutOfRange => string.Create(CultureInfo.InvariantCulture, $"mentees must be aged {_options.MenteeMinAge} to {_options.MenteeMaxAge}"),
        RuleCodes.NoCommonMode => "no meeting mode in common",
        RuleCodes.RemoteUnder18 => string.Create(CultureInfo.InvariantCulture, $"virtual and hybrid mentoring are only for mentees aged {_options.RemoteMinAge} or over"),
        RuleCodes.NoBackgroundCheck => string.Create(CultureInfo.InvariantCulture, $"mentees under {_options.BackgroundCheckUnderAge} need a mentor with a current background check"),
        RuleCodes.TooFar => string.Create(CultureInfo.InvariantCulture, $"too far for in-person meetings (face-to-face up to {_options.FaceToFaceMaxKm:0.#} km, hybrid up to {_options.HybridMaxKm:0.#} km)"),
        _ => "excluded by the programme's rules",
    };

    private static MatchSummary Summarise(DateOnly asOf, Mentor[] mentors, Mentee[] mentees, long eligiblePairs, List<MatchedPair> pairs, List<UnmatchedEntry> unmatched, AssignmentSolution solution)
    {
        var byMode = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var mode in MeetingModeNames.Single)
        {
            byMode[MeetingModeNames.Name(mode)] = pairs.Count(p => p.Mode == mode);
        }

        var inPerson = pairs.Where(p => p.Mode != MeetingModes.Virtual && p.DistanceKm.HasValue).Select(p => p.DistanceKm!.Value).ToList();
        var totalPoints = pairs.Sum(p => (long)p.Score.Points);
        var cross = pairs.Count(p => p.CrossBackground);
        var places = mentors.Sum(m => m.Capacity);
        return new MatchSummary
        {
            AsOf = asOf,
            Mentors = mentors.Length,
            Mentees = mentees.Length,
            MentorPlaces = places,
            EligiblePairs = eligiblePairs,
            Matched = pairs.Count,
            UnmatchedMentees = mentees.Length - pairs.Count,
            UnmetNeedsMentees = mentees.Count(m => m.UnmetNeeds),
            UnmetNeedsMatched = solution.PriorityMatched,
            TotalScore = totalPoints / 100.0,
            MeanScore = pairs.Count == 0 ? 0 : Math.Round(totalPoints / 100.0 / pairs.Count, 2, MidpointRounding.AwayFromZero),
            CrossBackgroundPairs = cross,
            CrossBackgroundShare = pairs.Count == 0 ? 0 : Math.Round((double)cross / pairs.Count, 4, MidpointRounding.AwayFromZero),
            PairsByMode = byMode,
            MeanInPersonDistanceKm = inPerson.Count == 0 ? null : Math.Round(inPerson.Average(), 2, MidpointRounding.AwayFromZero),
            UnusedMentorPlaces = places - pairs.Count,
            UnmatchedByReason = new SortedDictionary<string, int>(
                unmatched.GroupBy(u => u.ReasonCode).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal),
            Solver = "OR-Tools min-cost flow (two-phase lexicographic)",
            SolverStatus = "optimal",
        };
    }
}
