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
public static partial class StrategyComparison
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
}
