using MatchEngine.Solving;

namespace MatchEngine.Analytics;

/// <summary>The baseline strategies a coordinator could use instead of the optimum: greedy, first come, stable, random.</summary>
public static partial class StrategyComparison
{
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
