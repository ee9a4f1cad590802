using MatchEngine.Solving;

namespace MatchEngine.Analytics;

/// <summary>
/// Mentee-proposing deferred acceptance (Gale and Shapley) with capacities over the arcs of an assignment problem:
/// the stable matching baseline and preference-stable matching differ only in the orders they give it.
/// </summary>
internal static class DeferredAcceptance
{
    /// <summary>The arcs of each mentee (left node), in arc order.</summary>
    public static List<int>[] ArcsByMentee(AssignmentProblem p)
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

        return arcs;
    }

    /// <summary>
    /// Each free mentee proposes along their arcs in the order given (mentees queued by index); a mentor with room
    /// holds the proposal, a full mentor keeps it only when <paramref name="better"/> prefers it to the worst arc held,
    /// whose mentee is then free again. A mentor without places holds nothing.
    /// </summary>
    /// <param name="p">The problem.</param>
    /// <param name="arcs">The arcs of each mentee, in the order they propose.</param>
    /// <param name="capacity">The places of each mentor.</param>
    /// <param name="better">Whether the mentor of both arcs prefers the first to the second.</param>
    /// <returns>The arcs held at the end, mentor by mentor.</returns>
    public static List<int> Run(AssignmentProblem p, List<int>[] arcs, int[] capacity, Func<int, int, bool> better)
    {
        var next = new int[p.LeftCount];
        var held = new List<int>[p.RightCount];
        for (var m = 0; m < held.Length; m++)
        {
            held[m] = [];
        }

        var free = new Queue<int>(Enumerable.Range(0, p.LeftCount));
        while (free.Count > 0)
        {
            var e = free.Dequeue();
            if (next[e] >= arcs[e].Count)
            {
                continue;
            }

            var a = arcs[e][next[e]++];
            var m = p.ArcRight(a);
            if (capacity[m] <= 0)
            {
                free.Enqueue(e);
                continue;
            }

            if (held[m].Count < capacity[m])
            {
                held[m].Add(a);
                continue;
            }

            var worst = held[m].Aggregate((x, y) => better(x, y) ? y : x);
            if (better(a, worst))
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
}
