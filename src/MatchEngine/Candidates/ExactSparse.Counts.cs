using MatchEngine.Solving;

namespace MatchEngine.Candidates;

/// <summary>The counts proof: no augmenting path over all eligible pairs.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>
    /// Berge: the matching is maximum exactly when no augmenting path exists. Searches breadth-first from every free
    /// mentee (of the priority tier, or all) over all eligible pairs, drawing each mentor from the buckets once; every
    /// path found to a mentor with a spare place has its pairs added to the restricted set. Returns the pairs added
    /// (0: the counts are maximal over all eligible pairs).
    /// </summary>
    private long ProveCounts(AssignmentProblem problem, AssignmentSolution solution, bool priorityOnly, CancellationToken ct)
    {
        var nM = _k.MentorCount;
        var nE = _k.MenteeCount;
        var load = new int[nM];
        var matchedTo = new int[nE];
        var byMentor = new List<int>?[nM];
        for (var e = 0; e < nE; e++)
        {
            var a = solution.ArcOfLeft[e];
            matchedTo[e] = a >= 0 && (!priorityOnly || _priority[e]) ? problem.ArcRight(a) : -1;
            if (matchedTo[e] >= 0)
            {
                var m = matchedTo[e];
                load[m]++;
                (byMentor[m] ??= []).Add(e);
            }
        }

        // Phases in the manner of Hopcroft and Karp: a breadth-first search from every free mentee at once, then
        // augment along as many disjoint paths as it found, until a search finds none.
        long augmented = 0;
        var alive = new int[_members.Length];
        var aliveEnd = new int[_start.Length - 1];
        var reached = new bool[nM];
        var parent = new int[nM];
        var seen = new bool[nE];
        var usedMentee = new bool[nE];
        var usedMentor = new bool[nM];
        var queue = new Queue<int>();
        var ends = new List<int>();
        var access = new List<(int, double)>();
        var path = new List<(int Mentee, int Mentor)>();
        while (true)
        {
            _members.CopyTo(alive, 0);
            for (var b = 0; b < aliveEnd.Length; b++)
            {
                aliveEnd[b] = _start[b + 1];
            }

            Array.Clear(reached);
            Array.Clear(seen);
            Array.Clear(usedMentee);
            Array.Clear(usedMentor);
            ends.Clear();
            for (var e = 0; e < nE; e++)
            {
                if (matchedTo[e] < 0 && _k.MenteeUsable[e] && (!priorityOnly || _priority[e]))
                {
                    seen[e] = true;
                    queue.Enqueue(e);
                }
            }

            var steps = 0;
            while (queue.Count > 0)
            {
                if ((++steps & 0xFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                var e = queue.Dequeue();
                Access(e, access, hubs: true);
                foreach (var (b, _) in access)
                {
                    var i = _start[b];
                    while (i < aliveEnd[b])
                    {
                        var m = alive[i];
                        if (reached[m])
                        {
                            alive[i] = alive[--aliveEnd[b]];
                            continue;
                        }

                        if (!_k.Decide(m, e, out _, out _))
                        {
                            i++;
                            continue;
                        }

                        reached[m] = true;
                        parent[m] = e;
                        alive[i] = alive[--aliveEnd[b]];
                        if (load[m] < _capacity[m])
                        {
                            ends.Add(m);
                            continue;
                        }

                        foreach (var e2 in byMentor[m] ?? [])
                        {
                            if (!seen[e2])
                            {
                                seen[e2] = true;
                                queue.Enqueue(e2);
                            }
                        }
                    }
                }
            }

            var found = 0;
            foreach (var end in ends)
            {
                // Walk back from the mentor with a spare place to the free mentee; use the path if it is disjoint.
                path.Clear();
                var ok = !usedMentor[end];
                var m = end;
                while (ok)
                {
                    var e = parent[m];
                    if (usedMentee[e])
                    {
                        ok = false;
                        break;
                    }

                    path.Add((e, m));
                    if (matchedTo[e] < 0)
                    {
                        break;
                    }

                    m = matchedTo[e];
                    if (usedMentor[m])
                    {
                        ok = false;
                    }
                }

                if (!ok)
                {
                    continue;
                }

                foreach (var (e, to) in path)
                {
                    usedMentee[e] = true;
                    usedMentor[to] = true;
                    var from = matchedTo[e];
                    if (from >= 0)
                    {
                        byMentor[from]!.Remove(e);
                        load[from]--;
                    }

                    matchedTo[e] = to;
                    (byMentor[to] ??= []).Add(e);
                    load[to]++;
                }

                found++;
            }

            if (found == 0)
            {
                break;
            }

            augmented += found;
        }

        if (augmented == 0)
        {
            return 0;
        }

        // The larger matching joins the restricted set, so the restricted optimum reaches the proven counts.
        for (var e = 0; e < nE; e++)
        {
            var m = matchedTo[e];
            if (m >= 0 && !Has(_arcs[e], m) && _k.Decide(m, e, out var mode, out var points))
            {
                _arcs[e].Add((m, points, mode));
            }
        }

        return augmented;
    }
}
