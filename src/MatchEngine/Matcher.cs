using MatchEngine.Candidates;
using MatchEngine.Model;
using MatchEngine.Results;
using MatchEngine.Rules;
using MatchEngine.Scoring;
using MatchEngine.Solving;

namespace MatchEngine;

/// <summary>
/// Matches a batch: applies the hard rules to every pair, scores the allowed ones, and solves the optimal
/// assignment (most mentees with unmet needs, then most mentees, then highest total score) with OR-Tools.
/// </summary>
/// <remarks>
/// A match goes through the stages in order: the locked and excluded pairs and the candidate graph
/// (<c>Candidates/PreparedBatch</c>), the assignment (<c>Solving/SolvedBatch</c>), the pairs and the reasons
/// (<c>Results/PairsAndUnmatched</c>), the summary and its status (<c>Results/SummaryFigures</c>, <c>Results/Certification</c>).
/// </remarks>
public sealed class Matcher
{
    private readonly MatchOptions _options;
    private readonly RuleSet _rules;
    private readonly PairEvaluator _pairs;

    /// <summary>Creates a matcher.</summary>
    /// <param name="options">Programme options; <see cref="MatchOptions.Default"/> when null.</param>
    /// <param name="rules">Hard rules; <see cref="RuleSet.Default"/> when null.</param>
    /// <exception cref="ArgumentException">When the options are invalid; the message names every bad field.</exception>
    public Matcher(MatchOptions? options = null, RuleSet? rules = null)
    {
        _pairs = PairEvaluator.For(options, rules);
        _options = _pairs.Options;
        _rules = _pairs.Rules;
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
    public PairContext Context(Mentor mentor, Mentee mentee, DateOnly asOf) => _pairs.Context(mentor, mentee, asOf);

    /// <summary>Applies the hard rules to one pair and, when allowed, scores it in its best mode.</summary>
    /// <param name="mentor">The mentor.</param>
    /// <param name="mentee">The mentee.</param>
    /// <param name="asOf">The date ages are taken on.</param>
    /// <returns>The assessment and, when eligible, the chosen mode and score.</returns>
    internal (PairAssessment Assessment, MeetingModes Mode, ScoreBreakdown Score) Evaluate(Mentor mentor, Mentee mentee, DateOnly asOf) =>
        _pairs.Evaluate(mentor, mentee, asOf);

    /// <summary>Matches a batch.</summary>
    /// <param name="batch">The people, the as-of date, and any locked and excluded pairs.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Pairs (locked ones included), unmatched people with reasons, the summary and the readiness check.</returns>
    /// <exception cref="ArgumentException">When a locked or excluded pair names an unknown person, a mentee is locked twice, or locked pairs exceed a mentor's capacity.</exception>
    public MatchResult Match(MatchBatch batch, CancellationToken cancellationToken) => Match(batch, null, cancellationToken);

    /// <summary>Matches a batch, reporting progress.</summary>
    /// <param name="batch">The people, the as-of date, and any locked and excluded pairs.</param>
    /// <param name="progress">Receives the stage and how far it is (candidates, solving).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Pairs (locked ones included), unmatched people with reasons, the summary and the readiness check.</returns>
    /// <exception cref="ArgumentException">When a locked or excluded pair names an unknown person, a mentee is locked twice, or locked pairs exceed a mentor's capacity.</exception>
    public MatchResult Match(MatchBatch batch, IProgress<MatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        // The time limit counts from here, on the caller's clock; the memory limit reads the caller's gauge (large
        // batches only; see MatchOptions.TimeLimitSeconds and MemoryLimitMiB).
        var started = _options.Clock.GetTimestamp();
        Func<double>? secondsLeft = _options.TimeLimitSeconds > 0 ? () => _options.TimeLimitSeconds - _options.Clock.GetElapsedTime(started).TotalSeconds : null;
        Func<double>? mibLeft = _options.MemoryLimitMiB > 0 ? () => _options.MemoryLimitMiB - (_options.Memory.PeakBytes() / (1024.0 * 1024.0)) : null;
        var prepared = PreparedBatch.Of(batch, _pairs, cancellationToken, progress);
        cancellationToken.ThrowIfCancellationRequested();
        var solved = SolvedBatch.Solve(prepared, _pairs, progress, cancellationToken, new RoundLimits(secondsLeft, mibLeft));
        var (pairs, unmatched) = PairsAndUnmatched.Of(prepared, solved, _pairs);
        progress?.Report(new MatchProgress("solving", 1, 1) { Kind = ProgressStage.Solving });
        var g = solved.Graph;
        var allMentees = batch.Mentees.OrderBy(x => x.Id, StringComparer.Ordinal).ToArray();
        var summary = SummaryFigures.Of(batch.AsOf, g.Mentors, allMentees, g.Problem.ArcCount, pairs, unmatched, solved.Quota) with { LockedRuleBreaches = prepared.LockBreaches };
        if (solved.Stats is { } stats)
        {
            summary = Certification.Certify(solved.Solution, summary, solved.Quota, stats);
        }

        return new MatchResult(pairs, unmatched, summary, ReadinessReport.From(g, _options, _rules)) { Quota = solved.Quota };
    }

    /// <summary>Explains the result for one mentee: the chosen pair's score breakdown, the alternatives with theirs, every excluded mentor with the rule, and for an unmatched mentee the binding reason.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="result">The result of <see cref="Match(MatchBatch, CancellationToken)"/> on the same batch with this matcher.</param>
    /// <param name="menteeId">The mentee to explain.</param>
    /// <param name="mentorId">Optionally, a mentor to look at closely.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentException">When the mentee or mentor is not in the batch.</exception>
    public Explanation Explain(MatchBatch batch, MatchResult result, string menteeId, string? mentorId = null, CancellationToken cancellationToken = default) =>
        Explainer.Explain(_pairs, batch, result, menteeId, mentorId, cancellationToken);

    /// <summary>Matches a batch on the thread pool.</summary>
    /// <param name="batch">The people, the as-of date, and any locked and excluded pairs.</param>
    /// <param name="progress">Receives the stage and how far it is; may be null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Match(MatchBatch, CancellationToken)"/>.</exception>
    /// <exception cref="OperationCanceledException">When cancelled.</exception>
    public Task<MatchResult> MatchAsync(MatchBatch batch, IProgress<MatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Task.Run(() => Match(batch, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Checks a batch before solving: places against demand by area and by mode, under-18s against background-checked face-to-face places, and everyone no one in the batch could be matched with.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The readiness report.</returns>
    public ReadinessReport Readiness(MatchBatch batch, CancellationToken cancellationToken = default) =>
        ReadinessReport.From(PreparedBatch.Of(batch, _pairs, cancellationToken).Graph, _options, _rules);

    /// <summary>The mode of a locked pair given without one: the best the rules allow, else the first mode both accept, else the mentee's first.</summary>
    internal MeetingModes LockedMode(Mentor mentor, Mentee mentee, DateOnly asOf) => _pairs.LockedMode(mentor, mentee, asOf);

    /// <summary>The pair as matched in the given mode, with its distance and score.</summary>
    internal MatchedPair Pair(Mentor mentor, Mentee mentee, MeetingModes mode) => _pairs.Pair(mentor, mentee, mode);
}
