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
        var g = CandidateGraph.Build(batch, _rules, _scorer, _options, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var solution = AssignmentSolver.Solve(g.Problem, cancellationToken);

        var pairs = new List<MatchedPair>(solution.Matched);
        var used = new int[g.Mentors.Length];
        var unmatched = new List<UnmatchedEntry>();
        for (var e = 0; e < g.Mentees.Length; e++)
        {
            var arc = solution.ArcOfLeft[e];
            if (arc >= 0)
            {
                var m = g.Problem.ArcRight(arc);
                used[m]++;
                pairs.Add(Pair(g.Mentors[m], g.Mentees[e], g.ArcMode[arc]));
                continue;
            }

            unmatched.Add(MenteeReason(g, e));
        }

        for (var m = 0; m < g.Mentors.Length; m++)
        {
            if (used[m] < g.Mentors[m].Capacity)
            {
                unmatched.Add(MentorReason(g, m, used[m]));
            }
        }

        var summary = Summarise(batch.AsOf, g.Mentors, g.Mentees, g.Problem.ArcCount, pairs, unmatched, solution);
        return new MatchResult(pairs, unmatched, summary, ReadinessReport.From(g, _options, this));
    }

    /// <summary>Checks a batch before solving: places against demand by area and by mode, under-18s against background-checked face-to-face places, and everyone no one in the batch could be matched with.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The readiness report.</returns>
    public ReadinessReport Readiness(MatchBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var g = CandidateGraph.Build(batch, _rules, _scorer, _options, cancellationToken);
        return ReadinessReport.From(g, _options, this);
    }

    internal MatchedPair Pair(Mentor mentor, Mentee mentee, MeetingModes mode)
    {
        double? d = mentor.Location is { } a && mentee.Location is { } b ? a.DistanceKm(b) : null;
        return new MatchedPair(mentee.Id, mentor.Id, mode, d, _scorer.Score(mentor, mentee, mode, d));
    }

    private PairContext Context(Mentor mentor, Mentee mentee, int mentorAge, int menteeAge)
    {
        double? d = mentor.Location is { } a && mentee.Location is { } b ? a.DistanceKm(b) : null;
        return new PairContext(mentor, mentee, mentorAge, menteeAge, d, _options);
    }

    internal UnmatchedEntry MenteeReason(CandidateGraph g, int e)
    {
        var mentee = g.Mentees[e];
        var eligible = g.MenteeEligible[e];
        var binding = g.MenteeBinding[e];
        if (g.Mentors.Length == 0)
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
        var ctx = Context(g.Mentors[binding.Mentor], mentee, g.MentorAge[binding.Mentor], g.MenteeAge[e]);
        var reason = rule.Code == RuleCodes.MenteeAgeOutOfRange
            ? string.Create(CultureInfo.InvariantCulture, $"Not eligible: {rule.Describe(ctx)}.")
            : string.Create(CultureInfo.InvariantCulture, $"No eligible mentor: {rule.Describe(ctx)} (the rule that excluded {binding.Count} of the {g.Mentors.Length} mentors).");
        return new UnmatchedEntry(PersonRole.Mentee, mentee.Id, rule.Code, reason, 0);
    }

    internal UnmatchedEntry MentorReason(CandidateGraph g, int m, int used)
    {
        var mentor = g.Mentors[m];
        var menteeCount = g.Mentees.Length;
        var age = g.MentorAge[m];
        var eligible = g.MentorEligible[m];
        var (best, bestCount) = g.MentorBinding[m];
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

        var rule = _rules.Rules[best];
        var text = rule.Code switch
        {
            RuleCodes.MentorTooYoung => string.Create(CultureInfo.InvariantCulture, $"aged {age} on the as-of date; mentors must be over {_options.MentorMinAgeExclusive}"),
            RuleCodes.MentorNotTrained => "training is not complete",
            _ => string.Create(CultureInfo.InvariantCulture, $"no mentee in this batch passes the rules with this mentor; the rule that excluded most ({bestCount} of {menteeCount}) is {rule.Code}: {MentorSideText(rule.Code)}"),
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
