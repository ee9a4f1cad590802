using MatchEngine.Model;
using MatchEngine.Rules;

namespace MatchEngine.Scoring;

/// <summary>One pair through the hard rules and the scorer: the context the rules see, the assessment and best mode, the scored pair.</summary>
internal sealed class PairEvaluator
{
    private readonly MatchOptions _options;
    private readonly RuleSet _rules;
    private readonly PairScorer _scorer;

    /// <summary>Creates an evaluator over the options, rules and scorer in force.</summary>
    public PairEvaluator(MatchOptions options, RuleSet rules, PairScorer scorer)
    {
        _options = options;
        _rules = rules;
        _scorer = scorer;
    }

    /// <summary>The options in force.</summary>
    public MatchOptions Options => _options;

    /// <summary>An evaluator over the given options and rules, or the defaults, with the options checked first.</summary>
    /// <param name="options">Programme options; <see cref="MatchOptions.Default"/> when null.</param>
    /// <param name="rules">Hard rules; <see cref="RuleSet.Default"/> when null.</param>
    /// <exception cref="ArgumentException">When the options are invalid; the message names every bad field.</exception>
    public static PairEvaluator For(MatchOptions? options, RuleSet? rules)
    {
        options ??= MatchOptions.Default;
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid match options: " + string.Join(" ", errors), nameof(options));
        }

        return new PairEvaluator(options, rules ?? RuleSet.Default, new PairScorer(options));
    }

    /// <summary>The hard rules in force.</summary>
    public RuleSet Rules => _rules;

    /// <summary>The scorer.</summary>
    public PairScorer Scorer => _scorer;

    /// <summary>Builds the context the rules see for a pair, ages taken on the as-of date.</summary>
    public PairContext Context(Mentor mentor, Mentee mentee, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(mentor);
        ArgumentNullException.ThrowIfNull(mentee);
        return Context(mentor, mentee, Age.On(mentor.BirthDate, asOf), Age.On(mentee.BirthDate, asOf));
    }

    /// <summary>Builds the context the rules see for a pair of the given ages.</summary>
    public PairContext Context(Mentor mentor, Mentee mentee, int mentorAge, int menteeAge)
    {
        var d = GeoPoint.Between(mentor.Location, mentee.Location);
        return new PairContext(mentor, mentee, mentorAge, menteeAge, d, _options);
    }

    /// <summary>Applies the hard rules to one pair and, when allowed, scores it in its best mode.</summary>
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

    /// <summary>The mode of a locked pair given without one: the best the rules allow, else the first mode both accept, else the mentee's first.</summary>
    public MeetingModes LockedMode(Mentor mentor, Mentee mentee, DateOnly asOf)
    {
        var (a, mode, _) = Evaluate(mentor, mentee, asOf);
        if (a.IsEligible)
        {
            return mode;
        }

        var common = mentor.Modes & mentee.Modes;
        var pick = common != MeetingModes.None ? common : mentee.Modes;
        return MeetingModeNames.Single.FirstOrDefault(s => (pick & s) != 0, MeetingModes.FaceToFace);
    }

    /// <summary>The pair as matched in the given mode, with its distance and score.</summary>
    public MatchedPair Pair(Mentor mentor, Mentee mentee, MeetingModes mode)
    {
        var d = GeoPoint.Between(mentor.Location, mentee.Location);
        return new MatchedPair(mentee.Id, mentor.Id, mode, d, _scorer.Score(mentor, mentee, mode, d));
    }
}
