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

/// <summary>One strategy's pairs, figures and run time.</summary>
/// <param name="Strategy">The strategy.</param>
/// <param name="Pairs">The pairs made.</param>
/// <param name="Quality">Their figures.</param>
/// <param name="Elapsed">The time the strategy took (not counting the shared candidate pairs).</param>
public sealed record StrategyResult(Strategy Strategy, IReadOnlyList<PairRef> Pairs, QualityReport Quality, TimeSpan Elapsed);

/// <summary>Runs several strategies on the same batch and the same allowed pairs, for a side-by-side comparison.</summary>
public static class StrategyComparison
{
    /// <summary>Runs the strategies.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="strategies">Which strategies; when null, all (preference-stable only when the options hold stated preferences).</param>
    /// <param name="seed">Seed of the random strategy.</param>
    /// <param name="options">The programme's options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One result per strategy, in the order asked.</returns>
    public static IReadOnlyList<StrategyResult> Run(MatchBatch batch, IEnumerable<Strategy>? strategies = null, int seed = 1, MatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var matcher = new Matcher(options);
        var plain = batch with { Locked = [] };
        var g = matcher.Prepare(plain, cancellationToken).Graph;
        var results = new List<StrategyResult>();
        // Preference-stable joins the default list only when there are stated preferences (without them it is the stable matching).
        foreach (var s in strategies ?? Enum.GetValues<Strategy>().Where(s => s != Strategy.PreferenceStable || matcher.Options.StatedPreferences is not null))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var pairs = s switch
            {
                Strategy.Optimal => matcher.Match(plain, cancellationToken).Pairs.Select(p => new PairRef(p.MenteeId, p.MentorId)).ToList(),
                Strategy.GreedyByScore => Greedy(g),
                Strategy.FirstComeFirstServed => FirstCome(g, batch),
                Strategy.StableMatching => Stable(g),
                Strategy.Random => RandomPick(g, seed),
                Strategy.PreferenceStable => [.. PreferenceStable.Match(g, matcher.Options.StatedPreferences).Select(x => new PairRef(g.Mentees[x.Mentee].Id, g.Mentors[x.Mentor].Id)).OrderBy(x => x.MenteeId, StringComparer.Ordinal)],
                _ => throw new ArgumentOutOfRangeException(nameof(strategies), s, "Unknown strategy."),
            };
            var elapsed = clock.Elapsed;
            results.Add(new StrategyResult(s, pairs, Metrics.Evaluate(batch, matcher, g, pairs), elapsed));
        }

        return results;
    }

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

    private static int[] Capacity(CandidateGraph g) => g.Mentors.Select(m => m.Capacity).ToArray();

    private static List<PairRef> Pairs(CandidateGraph g, IEnumerable<int> arcs) =>
        [.. arcs.Select(a => new PairRef(g.Mentees[g.Problem.ArcLeft(a)].Id, g.Mentors[g.Problem.ArcRight(a)].Id)).OrderBy(p => p.MenteeId, StringComparer.Ordinal)];

    private static List<PairRef> Greedy(CandidateGraph g)
    {
        var p = g.Problem;
        var order = Enumerable.Range(0, p.ArcCount).OrderByDescending(p.ArcScore).ThenBy(p.ArcLeft).ThenBy(p.ArcRight).ToList();
        var cap = Capacity(g);
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

        return Pairs(g, chosen);
    }

    private static List<PairRef> FirstCome(CandidateGraph g, MatchBatch batch)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < g.Mentees.Length; e++)
        {
            index[g.Mentees[e].Id] = e;
        }

        var arcs = ArcsByMentee(g.Problem);
        var cap = Capacity(g);
        var chosen = new List<int>();
        foreach (var mentee in batch.Mentees)
        {
            var e = index[mentee.Id];
            foreach (var a in arcs[e])
            {
                var m = g.Problem.ArcRight(a);
                if (cap[m] > 0)
                {
                    cap[m]--;
                    chosen.Add(a);
                    break;
                }
            }
        }

        return Pairs(g, chosen);
    }

    private static List<PairRef> Stable(CandidateGraph g)
    {
        var p = g.Problem;
        var arcs = ArcsByMentee(p);
        var next = new int[p.LeftCount];
        var held = new List<int>[p.RightCount];
        for (var m = 0; m < held.Length; m++)
        {
            held[m] = [];
        }

        var free = new Queue<int>(Enumerable.Range(0, p.LeftCount));
        var cap = Capacity(g);

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

        return Pairs(g, held.SelectMany(h => h));
    }

    private static List<PairRef> RandomPick(CandidateGraph g, int seed)
    {
        var rng = new System.Random(seed);
        var p = g.Problem;
        var arcs = ArcsByMentee(p);
        var order = Enumerable.Range(0, p.LeftCount).ToArray();
        rng.Shuffle(order);
        var cap = Capacity(g);
        var chosen = new List<int>();
        foreach (var e in order)
        {
            var open = arcs[e].Where(a => cap[p.ArcRight(a)] > 0).ToList();
            if (open.Count == 0)
            {
                continue;
            }

            var a = open[rng.Next(open.Count)];
            cap[p.ArcRight(a)]--;
            chosen.Add(a);
        }

        return Pairs(g, chosen);
    }
}
