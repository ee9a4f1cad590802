using MatchEngine.Solving;

namespace MatchEngine.Candidates;

/// <summary>The counts proof: no augmenting path over all eligible pairs.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>
    /// Berge: the matching is maximum exactly when no augmenting path exists. Searches breadth-first from each free
    /// mentee (of the priority tier, or all) over all eligible pairs, drawing each mentor from the hubs once per
    /// phase, and augments along every path found; the larger matching's pairs then join the restricted set. Returns
    /// the augmentations (0: the counts are maximal over all eligible pairs). When it finds none, the pairs of the
    /// alternating forest its last phase grew join the restricted set too; <paramref name="forest"/> counts them.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal long ProveCounts(AssignmentProblem problem, AssignmentSolution solution, bool priorityOnly, ref long forest, CancellationToken ct)
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

        // Phases: a search from each free mentee in turn, marks shared within the phase, augmenting at once along
        // the path found (so the paths of a phase are disjoint). A phase that augments nothing proves the matching
        // maximum: every search failed against marks of searches that failed too.
        long augmented = 0;
        var reached = new bool[nM];
        var parent = new int[nM];
        var seen = new bool[nE];
        var alive = new int[_members.Length];
        var aliveEnd = new int[_start.Length - 1];
        var queue = new Queue<int>();
        var access = new List<(int, double)>();
        var steps = 0;
        while (true)
        {
            _members.CopyTo(alive, 0);
            for (var b = 0; b < aliveEnd.Length; b++)
            {
                aliveEnd[b] = _start[b + 1];
            }

            Array.Clear(reached);
            Array.Clear(seen);
            var found = 0;
            for (var root = 0; root < nE; root++)
            {
                if (matchedTo[root] >= 0 || seen[root] || !_k.MenteeUsable[root] || (priorityOnly && !_priority[root]))
                {
                    continue;
                }

                queue.Clear();
                queue.Enqueue(root);
                seen[root] = true;
                var end = -1;
                while (queue.Count > 0 && end < 0)
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
                        while (i < aliveEnd[b] && end < 0)
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
                                end = m;
                                break;
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

                        if (end >= 0)
                        {
                            break;
                        }
                    }
                }

                if (end < 0)
                {
                    continue;
                }

                // Augment: each mentee on the path moves to the mentor after it; the root becomes matched.
                for (var m = end; ;)
                {
                    var e = parent[m];
                    var from = matchedTo[e];
                    if (from >= 0)
                    {
                        byMentor[from]!.Remove(e);
                        load[from]--;
                    }

                    matchedTo[e] = m;
                    (byMentor[m] ??= []).Add(e);
                    load[m]++;
                    if (from < 0)
                    {
                        break;
                    }

                    m = from;
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
            // The last phase's searches reached, from the free mentees, every mentor an alternating path reaches over
            // all eligible pairs. The pairs they were reached by join the restricted set: its alternating forest is
            // then the whole one, so the restricted duals must price every reached mentor as the full problem does
            // (CS: a free mentee's dual is 0), and pricing is left with the score alone to settle.
            for (var m = 0; m < nM; m++)
            {
                var e = reached[m] ? parent[m] : -1;
                if (e >= 0 && !Has(_arcs[e], m) && _k.Decide(m, e, out var mode, out var points))
                {
                    _arcs[e].Add((m, points, mode));
                    _forest.Add(((long)e * nM) + m);
                    forest++;
                }
            }

            return 0;
        }

        // The larger matching joins the restricted set, so the restricted optimum reaches the proven counts.
        var joined = 0;
        for (var e = 0; e < nE; e++)
        {
            var m = matchedTo[e];
            if (m >= 0 && !Has(_arcs[e], m) && _k.Decide(m, e, out var mode, out var points))
            {
                _arcs[e].Add((m, points, mode));
                joined++;
            }
        }

        // Paths found over pairs that were all in the restricted set mean its optimum did not match the most it could:
        // solving again would give the same optimum and the same paths, so the rounds would never end.
        return joined > 0 ? augmented : throw new InvalidOperationException(
            $"Internal error: the counts proof found {augmented} augmenting paths over pairs already solved over, so the solver's optimum of the restricted pairs was not optimal.");
    }
}
