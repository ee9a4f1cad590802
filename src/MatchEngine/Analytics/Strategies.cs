using System.Diagnostics;
using MatchEngine.Model;
using MatchEngine.Solving;

namespace MatchEngine.Analytics;

/// <summary>A way of making pairs, for comparison with the optimum.</summary>
public enum Strategy
{
    /// <summary>MatchEngine's optimal assignment (unmet needs first, then most pairs, then best total score).</summary>
    Optimal,

    /// <summary>Greedy by score: the best-scoring allowed pair first, while both sides are free.</summary>
    GreedyByScore,

    /// <summary>First come, first served: mentees in input order each take their best mentor still free.</summary>
    FirstComeFirstServed,

    /// <summary>Stable matching: mentee-proposing deferred acceptance with capacities, preferences by score.</summary>
    StableMatching,

    /// <summary>Random: mentees in a seeded random order each take a random allowed mentor still free.</summary>
    Random,

    /// <summary>Preference-stable: mentee-proposing deferred acceptance with capacities, preferences from preferences.csv first (ranks), ties by score; no blocking pair by stated preference.</summary>
    PreferenceStable,
}

/// <summary>Mean, standard deviation, least and greatest of one figure over the random strategy's repeats.</summary>
/// <param name="Metric">The figure's tidy name (see <see cref="TidyRow"/>).</param>
/// <param name="Group">The group (<c>all</c> for a figure of the whole batch).</param>
/// <param name="Mean">Mean over the repeats.</param>
/// <param name="StandardDeviation">Sample standard deviation (0 for one repeat).</param>
/// <param name="Min">Least value.</param>
/// <param name="Max">Greatest value.</param>
public sealed record MetricSpread(string Metric, string Group, double Mean, double StandardDeviation, double Min, double Max);

/// <summary>One strategy's pairs, figures and run time.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Pairs">The pairs made (for the random strategy: those of its first repeat, seed <see cref="StrategyComparisonSettings.Seed"/>).</param>
/// <param name="Quality">Their figures.</param>
/// <param name="Elapsed">The time the strategy took (not counting the shared pair set; for random: all repeats).</param>
public sealed record StrategyResult(Strategy Strategy, IReadOnlyList<PairRef> Pairs, QualityFigures Quality, TimeSpan Elapsed)
{
    /// <summary>For the random strategy: every figure's mean, standard deviation, min and max over the repeats; empty for the others.</summary>
    public IReadOnlyList<MetricSpread> Spread { get; init; } = [];

    /// <summary>How many times the strategy ran (the random strategy's repeats; 1 for the others).</summary>
    public int Repeats { get; init; } = 1;
}

/// <summary>Settings of a strategy comparison.</summary>
public sealed record StrategyComparisonSettings
{
    /// <summary>Which strategies, in this order; all when null.</summary>
    /// <value>The default is null (all five).</value>
    public IReadOnlyList<Strategy>? Strategies { get; init; }

    /// <summary>Seed of the random strategy's first repeat; repeat i uses <c>Seed + i</c>.</summary>
    /// <value>The default is 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>How many times the random strategy is drawn.</summary>
    /// <value>The default is 20.</value>
    public int RandomRepeats { get; init; } = 20;
}

/// <summary>
/// Runs several strategies on the same batch and the same allowed pairs, for a side-by-side comparison. The pair set is
/// every eligible pair of the batch (never a shortlist), at every size: greedy, first-come, stable and random choose
/// among all of them, and blocking pairs are counted over all of them.
/// </summary>
public static class StrategyComparison
{
    /// <summary>Runs the strategies.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="strategies">Which strategies; when null, all (preference-stable only when the options hold stated preferences).</param>
    /// <param name="seed">Seed of the random strategy's first repeat.</param>
    /// <param name="options">The programme's options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One result per strategy, in the order asked.</returns>
    public static IReadOnlyList<StrategyResult> Run(MatchBatch batch, IEnumerable<Strategy>? strategies = null, int seed = 1, MatchOptions? options = null, CancellationToken cancellationToken = default) =>
        Run(batch, new StrategyComparisonSettings { Strategies = strategies?.ToList(), Seed = seed }, options, cancellationToken);

    /// <summary>Runs the strategies.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="settings">Strategies, seed and random repeats.</param>
    /// <param name="options">The programme's options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One result per strategy, in the order asked.</returns>
    /// <exception cref="ArgumentException">When the repeats are fewer than 1.</exception>
    public static IReadOnlyList<StrategyResult> Run(MatchBatch batch, StrategyComparisonSettings settings, MatchOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.RandomRepeats < 1)
        {
            throw new ArgumentException("RandomRepeats must be at least 1.", nameof(settings));
        }

        var matcher = new Matcher(options);
        var plain = batch with { Locked = [] };
        var g = EligiblePairs.Build(matcher, plain, cancellationToken);
        var space = PairSpace.From(g, plain);
        var results = new List<StrategyResult>();
        // Preference-stable joins the default list only when there are stated preferences (without them it is the stable matching).
        foreach (var s in settings.Strategies ?? Enum.GetValues<Strategy>().Where(s => s != Strategy.PreferenceStable || matcher.Options.StatedPreferences is not null))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            if (s == Strategy.PreferenceStable)
            {
                List<PairRef> stated = [.. PreferenceStable.Match(g, matcher.Options.StatedPreferences).Select(x => new PairRef(g.Mentees[x.Mentee].Id, g.Mentors[x.Mentor].Id)).OrderBy(x => x.MenteeId, StringComparer.Ordinal)];
                var spent = clock.Elapsed;
                results.Add(new StrategyResult(s, stated, Metrics.Evaluate(plain, matcher, g, stated), spent));
                continue;
            }

            if (s == Strategy.Optimal)
            {
                var pairs = matcher.Match(plain, cancellationToken).Pairs.Select(p => new PairRef(p.MenteeId, p.MentorId)).ToList();
                var elapsed = clock.Elapsed;
                results.Add(new StrategyResult(s, pairs, Metrics.Evaluate(plain, matcher, g, pairs), elapsed));
                continue;
            }

            if (s == Strategy.Random)
            {
                var draws = new List<(List<PairRef> Pairs, QualityFigures Quality)>();
                var time = TimeSpan.Zero;
                for (var i = 0; i < settings.RandomRepeats; i++)
                {
                    clock.Restart();
                    var pairs = space.Refs(RandomPick(space, unchecked(settings.Seed + i)));
                    time += clock.Elapsed;
                    draws.Add((pairs, Metrics.Evaluate(plain, matcher, g, pairs)));
                }

                results.Add(Summarise(s, draws, time));
                continue;
            }

            var arcs = Deterministic(s, space);
            var made = space.Refs(arcs);
            var took = clock.Elapsed;
            results.Add(new StrategyResult(s, made, Metrics.Evaluate(plain, matcher, g, made), took));
        }

        return results;
    }

    /// <summary>Runs the strategies on caller-scored pairs (bring your own scores): pairs not listed are not allowed.</summary>
    /// <param name="pairs">Allowed pairs with scores; each (mentee, mentor) at most once; up to 6 decimal places.</param>
    /// <param name="capacities">Mentor capacities; a mentor not listed has capacity 1.</param>
    /// <param name="settings">Strategies, seed and random repeats.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One result per strategy; the figures are those a list of scores supports (<see cref="QualityFigures.ScoresOnly"/>).</returns>
    /// <exception cref="ArgumentException">As for <see cref="ScoredPairSolver.Solve"/>, or when the repeats are fewer than 1.</exception>
    public static IReadOnlyList<StrategyResult> Run(IReadOnlyList<ScoredPair> pairs, IReadOnlyDictionary<string, int>? capacities, StrategyComparisonSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.RandomRepeats < 1)
        {
            throw new ArgumentException("RandomRepeats must be at least 1.", nameof(settings));
        }

        var space = PairSpace.From(pairs, capacities, out var scale);
        var results = new List<StrategyResult>();
        foreach (var s in settings.Strategies ?? Enum.GetValues<Strategy>().Where(s => s != Strategy.PreferenceStable))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            if (s == Strategy.Random)
            {
                var draws = new List<(List<PairRef>, QualityFigures)>();
                var time = TimeSpan.Zero;
                for (var i = 0; i < settings.RandomRepeats; i++)
                {
                    clock.Restart();
                    var arcsR = RandomPick(space, unchecked(settings.Seed + i));
                    time += clock.Elapsed;
                    draws.Add((space.Refs(arcsR), Metrics.EvaluateScores(space, arcsR, scale)));
                }

                results.Add(Summarise(s, draws, time));
                continue;
            }

            List<int> arcs;
            if (s == Strategy.Optimal)
            {
                var solution = AssignmentSolver.Solve(space.Problem, ObjectiveOrder.MostPairsFirst, cancellationToken);
                arcs = [.. solution.ArcOfLeft.Where(a => a >= 0)];
            }
            else
            {
                arcs = Deterministic(s, space);
            }

            var took = clock.Elapsed;
            results.Add(new StrategyResult(s, space.Refs(arcs), Metrics.EvaluateScores(space, arcs, scale), took));
        }

        return results;
    }

    private static StrategyResult Summarise(Strategy s, List<(List<PairRef> Pairs, QualityFigures Quality)> draws, TimeSpan time)
    {
        var perDraw = draws.Select(d => Tidy.Figures(d.Quality)).ToList();
        var spread = new List<MetricSpread>();
        foreach (var (metric, group, _) in perDraw[0])
        {
            var values = perDraw.Select(f => f.FirstOrDefault(x => x.Metric == metric && x.Group == group).Value).ToList();
            var mean = values.Average();
            var sd = values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
            spread.Add(new MetricSpread(metric, group, mean, sd, values.Min(), values.Max()));
        }

        return new StrategyResult(s, draws[0].Pairs, draws[0].Quality, time) { Spread = spread, Repeats = draws.Count };
    }

    private static List<int> Deterministic(Strategy s, PairSpace space) => s switch
    {
        Strategy.GreedyByScore => Greedy(space),
        Strategy.FirstComeFirstServed => FirstCome(space),
        Strategy.StableMatching => Stable(space),
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "Unknown strategy."),
    };

    private static List<int>[] ArcsByMentee(AssignmentProblem p)
    {
        var arcs = new List<int>[p.LeftCount];
        for (var e = 0; e < arcs.Length; e++)
        {
            arcs[e] = [];
        }

        for (var a = 0; a < p.ArcCount; a++)
        {
            arcs[p.ArcLeft(a)].Add(a);
        }

        // Best score first, ties by mentor (ids are sorted, so by id).
        foreach (var list in arcs)
        {
            list.Sort((x, y) => p.ArcScore(x) != p.ArcScore(y) ? p.ArcScore(y).CompareTo(p.ArcScore(x)) : p.ArcRight(x).CompareTo(p.ArcRight(y)));
        }

        return arcs;
    }

    private static List<int> Greedy(PairSpace space)
    {
        var p = space.Problem;
        var order = new int[p.ArcCount];
        for (var a = 0; a < order.Length; a++)
        {
            order[a] = a;
        }

        Array.Sort(order, (x, y) =>
        {
            var c = p.ArcScore(y).CompareTo(p.ArcScore(x));
            if (c != 0)
            {
                return c;
            }

            c = p.ArcLeft(x).CompareTo(p.ArcLeft(y));
            return c != 0 ? c : p.ArcRight(x).CompareTo(p.ArcRight(y));
        });
        var cap = (int[])space.Capacity.Clone();
        var taken = new bool[p.LeftCount];
        var chosen = new List<int>();
        foreach (var a in order)
        {
            int e = p.ArcLeft(a), m = p.ArcRight(a);
            if (!taken[e] && cap[m] > 0)
            {
                taken[e] = true;
                cap[m]--;
                chosen.Add(a);
            }
        }

        return chosen;
    }

    private static List<int> FirstCome(PairSpace space)
    {
        var arcs = ArcsByMentee(space.Problem);
        var cap = (int[])space.Capacity.Clone();
        var chosen = new List<int>();
        foreach (var e in space.Arrival)
        {
            foreach (var a in arcs[e])
            {
                var m = space.Problem.ArcRight(a);
                if (cap[m] > 0)
                {
                    cap[m]--;
                    chosen.Add(a);
                    break;
                }
            }
        }

        return chosen;
    }

    private static List<int> Stable(PairSpace space)
    {
        var p = space.Problem;
        var arcs = ArcsByMentee(p);
        var next = new int[p.LeftCount];
        var held = new List<int>[p.RightCount];
        for (var m = 0; m < held.Length; m++)
        {
            held[m] = [];
        }

        var free = new Queue<int>(Enumerable.Range(0, p.LeftCount));
        var cap = space.Capacity;

        // Mentors prefer a higher score; on a tie, the mentee with the smaller index (id).
        bool Better(int a, int b) => p.ArcScore(a) != p.ArcScore(b) ? p.ArcScore(a) > p.ArcScore(b) : p.ArcLeft(a) < p.ArcLeft(b);
        while (free.Count > 0)
        {
            var e = free.Dequeue();
            if (next[e] >= arcs[e].Count)
            {
                continue;
            }

            var a = arcs[e][next[e]++];
            var m = p.ArcRight(a);
            if (cap[m] <= 0)
            {
                free.Enqueue(e);
                continue;
            }

            if (held[m].Count < cap[m])
            {
                held[m].Add(a);
                continue;
            }

            var worst = held[m].Aggregate((x, y) => Better(x, y) ? y : x);
            if (Better(a, worst))
            {
                held[m].Remove(worst);
                held[m].Add(a);
                free.Enqueue(p.ArcLeft(worst));
            }
            else
            {
                free.Enqueue(e);
            }
        }

        return [.. held.SelectMany(h => h)];
    }

    private static List<int> RandomPick(PairSpace space, int seed)
    {
        var rng = new System.Random(seed);
        var p = space.Problem;
        var arcs = ArcsByMentee(p);
        var order = Enumerable.Range(0, p.LeftCount).ToArray();
        rng.Shuffle(order);
        var cap = (int[])space.Capacity.Clone();
        var chosen = new List<int>();
        var open = new List<int>();
        foreach (var e in order)
        {
            open.Clear();
            foreach (var a in arcs[e])
            {
                if (cap[p.ArcRight(a)] > 0)
                {
                    open.Add(a);
                }
            }

            if (open.Count == 0)
            {
                continue;
            }

            var pick = open[rng.Next(open.Count)];
            cap[p.ArcRight(pick)]--;
            chosen.Add(pick);
        }

        return chosen;
    }
}

/// <summary>The allowed pairs the strategies choose from, with ids, capacities and the mentees' arrival order.</summary>
internal sealed class PairSpace
{
    public required AssignmentProblem Problem { get; init; }

    public required string[] MenteeIds { get; init; }

    public required string[] MentorIds { get; init; }

    public required int[] Capacity { get; init; }

    /// <summary>Mentee indexes in the order they arrived (input order).</summary>
    public required int[] Arrival { get; init; }

    public static PairSpace From(CandidateGraph g, MatchBatch batch)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < g.Mentees.Length; e++)
        {
            index[g.Mentees[e].Id] = e;
        }

        return new PairSpace
        {
            Problem = g.Problem,
            MenteeIds = [.. g.Mentees.Select(m => m.Id)],
            MentorIds = [.. g.Mentors.Select(m => m.Id)],
            Capacity = [.. g.Mentors.Select(m => m.Capacity)],
            Arrival = [.. batch.Mentees.Select(m => index[m.Id])],
        };
    }

    public static PairSpace From(IReadOnlyList<ScoredPair> pairs, IReadOnlyDictionary<string, int>? capacities, out decimal scale)
    {
        var menteeIds = pairs.Select(p => p.MenteeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var mentorIds = pairs.Select(p => p.MentorId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var menteeIndex = menteeIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var mentorIndex = mentorIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var decimals = pairs.Count == 0 ? 0 : pairs.Max(p => p.Score.Scale);
        if (decimals > 6)
        {
            throw new ArgumentException("Scores may have at most 6 decimal places.", nameof(pairs));
        }

        scale = (decimal)Math.Pow(10, decimals);
        var caps = mentorIds.Select(m => capacities is not null && capacities.TryGetValue(m, out var c) ? c : 1).ToArray();
        if (caps.Any(c => c < 0))
        {
            throw new ArgumentException("Capacities must not be negative.", nameof(capacities));
        }

        var problem = new AssignmentProblem(new bool[menteeIds.Length], caps);
        var seen = new HashSet<(string, string)>();
        foreach (var p in pairs.OrderBy(p => p.MenteeId, StringComparer.Ordinal).ThenBy(p => p.MentorId, StringComparer.Ordinal))
        {
            if (!seen.Add((p.MenteeId, p.MentorId)))
            {
                throw new ArgumentException($"The pair ({p.MenteeId}, {p.MentorId}) is listed more than once.", nameof(pairs));
            }

            var scaled = p.Score * scale;
            if (Math.Abs(scaled) > AssignmentProblem.MaxAbsScore)
            {
                throw new ArgumentException($"The score {p.Score} is too large.", nameof(pairs));
            }

            problem.AddArc(menteeIndex[p.MenteeId], mentorIndex[p.MentorId], (long)scaled);
        }

        var arrival = new List<int>();
        var arrived = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in pairs)
        {
            if (arrived.Add(p.MenteeId))
            {
                arrival.Add(menteeIndex[p.MenteeId]);
            }
        }

        return new PairSpace { Problem = problem, MenteeIds = menteeIds, MentorIds = mentorIds, Capacity = caps, Arrival = [.. arrival] };
    }

    public List<PairRef> Refs(IEnumerable<int> arcs) =>
        [.. arcs.Select(a => new PairRef(MenteeIds[Problem.ArcLeft(a)], MentorIds[Problem.ArcRight(a)])).OrderBy(p => p.MenteeId, StringComparer.Ordinal)];
}
