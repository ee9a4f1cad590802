using System.Globalization;
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
    internal (PairAssessment Assessment, MeetingModes Mode, ScoreBreakdown Score) Evaluate(Mentor mentor, Mentee mentee, DateOnly asOf)
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
        var prepared = Prepare(batch, cancellationToken, progress);
        var g = prepared.Graph;
        cancellationToken.ThrowIfCancellationRequested();
        QuotaReport? quota = null;
        AssignmentSolution? solution = null;
        ExactSparse.Stats? stats = null;
        if (prepared.Exact is { } exact)
        {
            // Lee and Orlin: solve on the restricted pairs, prove the counts, price every eligible pair left out, repeat.
            var (sol, problem, modes, st) = exact.Solve(_options.Objective, MaxPricingRounds, progress, cancellationToken);
            g = exact.Graph(g.Mentors, g.Mentees, g.MentorAge, g.MenteeAge, new PairGate(g.Gates.Take(g.Gates.Count - 1).ToList(), _scorer, _options), problem, modes, cancellationToken);
            solution = sol;
            stats = st;
        }
        else if (_options.MinCrossBackgroundShare is null)
        {
            progress?.Report(new MatchProgress("solving", 0, 1) { Kind = ProgressStage.Solving });
            solution = Priority.TierStep.Solve(g, _options, cancellationToken);
        }

        if (_options.MinCrossBackgroundShare is { } share)
        {
            var marked = new bool[g.Problem.ArcCount];
            for (var a = 0; a < marked.Length; a++)
            {
                marked[a] = Pair(g.Mentors[g.Problem.ArcRight(a)], g.Mentees[g.Problem.ArcLeft(a)], g.ArcMode[a]).CrossBackground;
            }

            (solution, quota) = QuotaSolver.Solve(g.Problem, marked, share, _options.Objective, _options.ExactQuotaMaxPairs, cancellationToken);
        }

        if (solution is null)
        {
            throw new InvalidOperationException("No solution was computed.");
        }

        var pairs = new List<MatchedPair>(solution.Matched + prepared.Locked.Count);
        pairs.AddRange(prepared.Locked);
        var used = (int[])prepared.LockedLoad.Clone();
        var unmatched = new List<UnmatchedEntry>();
        var reasons = new Reasons(_options, g, solution);
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

            unmatched.Add(reasons.MenteeReason(g, e));
        }

        pairs.Sort((a, b) => string.CompareOrdinal(a.MenteeId, b.MenteeId));
        for (var m = 0; m < g.Mentors.Length; m++)
        {
            if (used[m] < g.Mentors[m].Capacity)
            {
                unmatched.Add(reasons.MentorReason(g, m, used[m]));
            }
        }

        progress?.Report(new MatchProgress("solving", 1, 1) { Kind = ProgressStage.Solving });
        var allMentees = batch.Mentees.OrderBy(x => x.Id, StringComparer.Ordinal).ToArray();
        var summary = Summarise(batch.AsOf, g.Mentors, allMentees, g.Problem.ArcCount, pairs, unmatched, quota) with { LockedRuleBreaches = prepared.LockBreaches };
        if (stats is not null)
        {
            summary = Certify(solution, summary, quota, stats);
        }

        return new MatchResult(pairs, unmatched, summary, ReadinessReport.From(g, _options, this)) { Quota = quota };
    }

    /// <summary>Explains the result for one mentee: the chosen pair's score breakdown, the alternatives with theirs, every excluded mentor with the rule, and for an unmatched mentee the binding reason.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="result">The result of <see cref="Match(MatchBatch, CancellationToken)"/> on the same batch with this matcher.</param>
    /// <param name="menteeId">The mentee to explain.</param>
    /// <param name="mentorId">Optionally, a mentor to look at closely.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The explanation.</returns>
    /// <exception cref="ArgumentException">When the mentee or mentor is not in the batch.</exception>
    public Explanation Explain(MatchBatch batch, MatchResult result, string menteeId, string? mentorId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(result);
        var mentee = batch.Mentees.FirstOrDefault(m => m.Id == menteeId)
            ?? throw new ArgumentException($"Mentee '{menteeId}' is not in the batch.", nameof(menteeId));
        if (mentorId is not null && batch.Mentors.All(m => m.Id != mentorId))
        {
            throw new ArgumentException($"Mentor '{mentorId}' is not in the batch.", nameof(mentorId));
        }

        var mentors = batch.Mentors.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        IReadOnlyList<IEligibilityRule> rules = batch.Excluded.Count == 0
            ? _rules.Rules
            : [.. _rules.Rules, new ExcludedPairRule(batch.Excluded.Select(x => (x.MenteeId, x.MentorId)))];
        var rejectedBy = new Dictionary<int, int>();
        var g = CandidateGraph.Build(mentors, [mentee], mentors.Select(m => m.Capacity).ToArray(), batch.AsOf, rules, _scorer, _options, cancellationToken, (_, m, ri) => rejectedBy[m] = ri);
        var byMentor = result.Pairs.GroupBy(p => p.MentorId).ToDictionary(x => x.Key, x => (IReadOnlyList<string>)[.. x.Select(p => p.MenteeId)]);
        var chosen = result.Pairs.FirstOrDefault(p => p.MenteeId == menteeId);
        var views = new CandidateView?[mentors.Length];
        for (var a = 0; a < g.Problem.ArcCount; a++)
        {
            var m = g.Problem.ArcRight(a);
            var pair = Pair(mentors[m], mentee, g.ArcMode[a]);
            views[m] = new CandidateView(mentors[m].Id, true, null, null, pair.Mode, pair.DistanceKm, pair.Score, byMentor.GetValueOrDefault(mentors[m].Id, []), mentors[m].Capacity);
        }

        foreach (var (m, ri) in rejectedBy)
        {
            var gate = g.Gates[ri];
            var ctx = Context(mentors[m], mentee, g.MentorAge[m], g.MenteeAge[0]);
            double? d = ctx.DistanceKm;
            views[m] = new CandidateView(mentors[m].Id, false, gate.Code, Reasons.PairReason(gate, ctx), MeetingModes.None, d, null, byMentor.GetValueOrDefault(mentors[m].Id, []), mentors[m].Capacity);
        }

        var all = views.Select(v => v!).ToList();
        var alternatives = all.Where(v => v.Eligible && v.MentorId != chosen?.MentorId)
            .OrderByDescending(v => v.Score!.Value.Points).ThenBy(v => v.MentorId, StringComparer.Ordinal).ToList();
        var rejected = all.Where(v => !v.Eligible).ToList();
        var unmatched = chosen is null ? result.Unmatched.FirstOrDefault(u => u.Role == PersonRole.Mentee && u.Id == menteeId) : null;
        var focus = mentorId is null ? null : all.Single(v => v.MentorId == mentorId);
        return new Explanation(menteeId, chosen, unmatched, alternatives, rejected, focus);
    }

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
        ReadinessReport.From(Prepare(batch, cancellationToken).Graph, _options, this);

    internal sealed record Prepared(CandidateGraph Graph, List<MatchedPair> Locked, int[] LockedLoad, ExactSparse? Exact)
    {
        /// <summary>Rule breaches of locked pairs kept with <see cref="MatchOptions.KeepRuleBreakingLocks"/>.</summary>
        public IReadOnlyList<LockedPairBreach> LockBreaches { get; init; } = [];
    }

    /// <summary>Rounds of pricing at most before a large batch reports its gap instead of optimality.</summary>
    private const int MaxPricingRounds = 200;

    /// <summary>Applies locked and excluded pairs and builds the candidate graph of the people left to match.</summary>
    internal Prepared Prepare(MatchBatch batch, CancellationToken cancellationToken, IProgress<MatchProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var mentors = batch.Mentors.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        var mentorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < mentors.Length; i++)
        {
            mentorIndex[mentors[i].Id] = i;
        }

        var menteeById = batch.Mentees.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var load = new int[mentors.Length];
        var locked = new List<MatchedPair>();
        var lockedMentees = new HashSet<string>(StringComparer.Ordinal);
        var breaches = new List<LockedPairBreach>();
        foreach (var l in batch.Locked)
        {
            if (!menteeById.TryGetValue(l.MenteeId, out var mentee) || !mentorIndex.TryGetValue(l.MentorId, out var m))
            {
                throw new ArgumentException($"Locked pair ({l.MenteeId}, {l.MentorId}) names a person who is not in the batch.", nameof(batch));
            }

            if (!lockedMentees.Add(l.MenteeId))
            {
                throw new ArgumentException($"Mentee '{l.MenteeId}' is locked more than once.", nameof(batch));
            }

            if (++load[m] > mentors[m].Capacity)
            {
                throw new ArgumentException($"Locked pairs give mentor '{l.MentorId}' more mentees than their capacity of {mentors[m].Capacity}.", nameof(batch));
            }

            var mode = l.Mode ?? LockedMode(mentors[m], mentee, batch.AsOf);
            breaches.AddRange(LockedPairCheck.Check(_rules, Context(mentors[m], mentee, batch.AsOf), mode, l));
            locked.Add(Pair(mentors[m], mentee, mode) with { Locked = true });
        }

        LockedPairCheck.Enforce(breaches, _options);

        foreach (var x in batch.Excluded)
        {
            if (!menteeById.ContainsKey(x.MenteeId) || !mentorIndex.ContainsKey(x.MentorId))
            {
                throw new ArgumentException($"Excluded pair ({x.MenteeId}, {x.MentorId}) names a person who is not in the batch.", nameof(batch));
            }
        }

        var mentees = batch.Mentees.Where(e => !lockedMentees.Contains(e.Id)).OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
        var capacity = mentors.Select((m, i) => m.Capacity - load[i]).ToArray();
        IReadOnlyList<IEligibilityRule> rules = batch.Excluded.Count == 0
            ? _rules.Rules
            : [.. _rules.Rules, new ExcludedPairRule(batch.Excluded.Select(x => (x.MenteeId, x.MentorId)))];
        var index = RuleIndex.Of(rules);
        var defaultTiers = (Priority.PriorityTiers.Parse(_options.Priority, out _) ?? Priority.PriorityTiers.Default).IsDefault;
        if ((long)mentors.Length * mentees.Length <= _options.DensePairLimit || !index.Indexable || !defaultTiers)
        {
            // Small batches, rule sets with a rule the index cannot state, and priority tiers beyond unmet needs
            // (which the large-batch engine does not prove yet) check every pair.
            return new Prepared(CandidateGraph.Build(mentors, mentees, capacity, batch.AsOf, rules, _scorer, _options, cancellationToken), locked, load, null) { LockBreaches = breaches };
        }

        var mentorAge = mentors.Select(m => Age.On(m.BirthDate, batch.AsOf)).ToArray();
        var menteeAge = mentees.Select(m => Age.On(m.BirthDate, batch.AsOf)).ToArray();
        var kernel = new PairKernel(mentors, mentorAge, mentees, menteeAge, index, _options);
        var exact = new ExactSparse(kernel, capacity, [.. mentees.Select(e => e.UnmetNeeds)], _options);
        exact.Candidates(_options.CandidatesPerMentee, progress, cancellationToken);
        var gate = new PairGate(rules, _scorer, _options);
        var (problem, modes) = exact.Problem();
        return new Prepared(exact.Graph(mentors, mentees, mentorAge, menteeAge, gate, problem, modes, cancellationToken), locked, load, exact) { LockBreaches = breaches };
    }

    /// <summary>
    /// The status of a large batch: optimal when the counts were proven maximal and no eligible pair left out could
    /// raise the score (certified over all eligible pairs); otherwise the proven bound (the restricted optimum plus
    /// the largest violation of each mentee's dual price) and the gap to it.
    /// </summary>
    private static MatchSummary Certify(AssignmentSolution solution, MatchSummary summary, QuotaReport? quota, ExactSparse.Stats stats)
    {
        var certified = stats.Certified;
        var bound = solution.TotalScore + (certified ? 0 : stats.ViolationBound);
        var gap = bound <= 0 ? 0 : Math.Max(0, (double)(bound - solution.TotalScore) / bound);
        string status;
        if (quota is not null)
        {
            status = quota.Gap > 0
                ? string.Create(CultureInfo.InvariantCulture, $"cross-background target: gap {quota.Gap:P3} to the bound over the priced pairs")
                : "cross-background target met; optimal over the priced pairs (the target is not certified over all eligible pairs)";
            var outcome = quota.Gap > 0 ? SolverOutcome.GapOverPricedPairs : SolverOutcome.OptimalOverPricedPairs;
            return summary with { SolverStatus = status, Outcome = outcome, CandidatesPruned = true, ScoreUpperBound = null, OptimalityGap = null };
        }

        status = certified ? "optimal (certified over all eligible pairs)" : string.Create(CultureInfo.InvariantCulture, $"gap {gap:P3} to a proven bound (pricing stopped after {stats.PriceRounds} rounds)");
        return summary with
        {
            SolverStatus = status,
            Outcome = certified ? SolverOutcome.Certified : SolverOutcome.Gap,
            CandidatesPruned = true,
            ScoreUpperBound = bound / 100.0,
            OptimalityGap = certified ? 0 : Math.Round(gap, 6),
        };
    }

    /// <summary>The mode of a locked pair given without one: the best the rules allow, else the first mode both accept, else the mentee's first.</summary>
    internal MeetingModes LockedMode(Mentor mentor, Mentee mentee, DateOnly asOf)
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

    internal MatchedPair Pair(Mentor mentor, Mentee mentee, MeetingModes mode)
    {
        var d = GeoPoint.Between(mentor.Location, mentee.Location);
        return new MatchedPair(mentee.Id, mentor.Id, mode, d, _scorer.Score(mentor, mentee, mode, d));
    }

    private PairContext Context(Mentor mentor, Mentee mentee, int mentorAge, int menteeAge)
    {
        var d = GeoPoint.Between(mentor.Location, mentee.Location);
        return new PairContext(mentor, mentee, mentorAge, menteeAge, d, _options);
    }

    private static MatchSummary Summarise(DateOnly asOf, Mentor[] mentors, Mentee[] mentees, long eligiblePairs, List<MatchedPair> pairs, List<UnmatchedEntry> unmatched, QuotaReport? quota)
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
        var unmet = mentees.Where(m => m.UnmetNeeds).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
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
            UnmetNeedsMatched = pairs.Count(p => unmet.Contains(p.MenteeId)),
            LockedPairs = pairs.Count(p => p.Locked),
            TotalScore = totalPoints / 100.0,
            MeanScore = pairs.Count == 0 ? 0 : Math.Round(totalPoints / 100.0 / pairs.Count, 2, MidpointRounding.AwayFromZero),
            CrossBackgroundPairs = cross,
            CrossBackgroundShare = pairs.Count == 0 ? 0 : Math.Round((double)cross / pairs.Count, 4, MidpointRounding.AwayFromZero),
            PairsByMode = byMode,
            MeanInPersonDistanceKm = inPerson.Count == 0 ? null : Math.Round(inPerson.Average(), 2, MidpointRounding.AwayFromZero),
            UnusedMentorPlaces = places - pairs.Count,
            UnmatchedByReason = new SortedDictionary<string, int>(
                unmatched.GroupBy(u => u.ReasonCode).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal),
            Solver = quota is null || quota.MethodKind == QuotaMethod.MetWithoutTarget ? "OR-Tools min-cost flow (two-phase lexicographic)" : $"OR-Tools {quota.Method}",
            SolverStatus = quota is null || quota.Gap == 0 ? "optimal" : string.Create(CultureInfo.InvariantCulture, $"gap {quota.Gap:P3} to the bound"),
            Outcome = quota is null || quota.Gap == 0 ? SolverOutcome.Optimal : SolverOutcome.Gap,
        };
    }
}
