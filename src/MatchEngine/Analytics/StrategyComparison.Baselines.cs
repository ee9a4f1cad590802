using MatchEngine.Solving;

namespace MatchEngine.Analytics;

/// <summary>The baseline strategies a coordinator could use instead of the optimum: greedy, first come, stable, random.</summary>
public static partial class StrategyComparison
{
    private static List<int>[] ArcsByMentee(AssignmentProblem p)
    {
        var arcs = DeferredAcceptance.ArcsByMentee(p);

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

        // Mentors prefer a higher score; on a tie, the mentee with the smaller index (id).
        bool Better(int a, int b) => p.ArcScore(a) != p.ArcScore(b) ? p.ArcScore(a) > p.ArcScore(b) : p.ArcLeft(a) < p.ArcLeft(b);
        return DeferredAcceptance.Run(p, ArcsByMentee(p), space.Capacity, Better);
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
