namespace MatchEngine.Solving;

/// <summary>
/// A specialised exact solver for the sparse capacitated assignment with the lexicographic objective: successive
/// shortest augmenting paths with dual potentials (the Hungarian method with Dijkstra, as in Jonker and Volgenant),
/// one search per mentee. The objective becomes one weight per pair: its score plus a large constant per matched
/// mentee (most matched) plus a larger one per matched mentee with unmet needs (those first), so that the usual
/// dual values certify the whole order at once. OR-Tools stays the oracle: a property test compares the two on
/// thousands of random problems.
/// </summary>
/// <remarks>
/// Duals: <c>u[i] + v[j] &gt;= w[i, j]</c> on every arc, equal on matched arcs, <c>u &gt;= 0</c> and 0 on an unmatched
/// mentee, <c>v &gt;= 0</c> and 0 on a mentor with a spare place. Each search starts from a new mentee and ends at
/// the cheapest of: a mentor with a spare place, a matched mentee who is let go, or the new mentee staying unmatched;
/// the duals then move by the distances, which keeps every condition.
/// </remarks>
internal static class ShortestPathAssignment
{
    /// <summary>
    /// Solves <paramref name="problem"/> exactly; null when the weights could overflow (then use
    /// <see cref="AssignmentSolver"/>). The prices it returns are the duals, in the form pricing reads:
    /// <c>PriceOfLeft[i] - (-PriceOfRight[j])</c> is the most points a pair left out may have without improving.
    /// </summary>
    public static AssignmentSolution? Solve(AssignmentProblem problem, ObjectiveOrder objective, CancellationToken ct) =>
        Solve(problem, objective, warm: null, ct).Solution;

    /// <summary>
    /// What a solve leaves for the next one on a larger arc set (pricing rounds only add arcs): the weight scale, each
    /// mentee's mentor and each mentor's dual.
    /// </summary>
    internal sealed record WarmStart(long Scale, int[] MentorOf, long[] Price);

    /// <summary>
    /// Solves, starting when <paramref name="warm"/> is given from the previous solve's matching and duals: a mentee
    /// keeps its mentor while that pair is still its best at the old prices, a mentor left with a spare place has its
    /// price cleared (and whoever that makes better off searches again), and only the mentees let go search.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1502:Avoid excessive complexity", Justification = "The Dijkstra search with its three kinds of end, the augmentation and the warm start; kept whole as the hot loop of the solver.")]
    public static (AssignmentSolution? Solution, WarmStart? Next) Solve(AssignmentProblem problem, ObjectiveOrder objective, WarmStart? warm, CancellationToken ct)
    {
        int l = problem.LeftCount, r = problem.RightCount, arcs = problem.ArcCount;
        long maxScore = 0;
        for (var a = 0; a < arcs; a++)
        {
            if (problem.ArcScore(a) < 0)
            {
                return (null, null);
            }

            maxScore = Math.Max(maxScore, problem.ArcScore(a));
        }

        // Weights: score + perPair (most matched) + perPriority (unmet needs first). Each constant exceeds the most
        // that everything below it can add up to over all mentees.
        long perPair, perPriority, scale;
        if (warm is not null && (warm.Scale <= maxScore || warm.MentorOf.Length != l || warm.Price.Length != r))
        {
            warm = null;
        }

        try
        {
            var s = scale = warm?.Scale ?? Math.Max(checked(maxScore + 1), 1L << 15);
            perPair = objective == ObjectiveOrder.MostPairsFirst ? checked(s * (l + 1)) : 0;
            perPriority = checked((perPair + s) * (l + 1));
            if (perPriority > long.MaxValue / 16)
            {
                return (null, null);
            }
        }
        catch (OverflowException)
        {
            return (null, null);
        }

        // Arcs by mentee.
        var first = new int[l + 1];
        for (var a = 0; a < arcs; a++)
        {
            first[problem.ArcLeft(a) + 1]++;
        }

        for (var i = 0; i < l; i++)
        {
            first[i + 1] += first[i];
        }

        var arcAt = new int[arcs];
        var fill = (int[])first.Clone();
        for (var a = 0; a < arcs; a++)
        {
            arcAt[fill[problem.ArcLeft(a)]++] = a;
        }

        var head = new int[arcs];
        var weight = new long[arcs];
        for (var x = 0; x < arcs; x++)
        {
            var a = arcAt[x];
            head[x] = problem.ArcRight(a);
            var i = problem.ArcLeft(a);
            weight[x] = problem.ArcScore(a) + perPair + (problem.LeftPriority[i] ? perPriority : 0);
        }

        // Places: mentor j's mentees are slot[slotStart[j] .. slotStart[j] + load[j]).
        var cap = problem.RightCapacity;
        var slotStart = new int[r + 1];
        for (var j = 0; j < r; j++)
        {
            slotStart[j + 1] = slotStart[j] + Math.Min(cap[j], l);
        }

        var slot = new int[slotStart[r]];
        var load = new int[r];
        var mentorOf = new int[l];
        var arcOf = new int[l];
        Array.Fill(mentorOf, -1);
        Array.Fill(arcOf, -1);
        var u = new long[l];
        var v = new long[r];

        // Search state, reset through the lists of what was touched.
        var dist = new long[r];
        Array.Fill(dist, long.MaxValue);
        var done = new bool[r];
        var pred = new int[r];
        var predArc = new int[r];
        var touched = new List<int>();
        var settled = new List<int>();
        var heap = new PriorityQueue<int, long>();
        const int Stay = int.MinValue;

        var pending = new bool[l];
        Array.Fill(pending, true);
        if (warm is not null)
        {
            Resume(warm);
        }

        // Priority mentees first: not needed for optimality, but their searches are the ones that displace others.
        var order = Enumerable.Range(0, l).Where(i => pending[i]).OrderBy(i => problem.LeftPriority[i] ? 0 : 1).ThenBy(i => i).ToArray();
        var steps = 0;
        foreach (var root in order)
        {
            pending[root] = false;
            if (first[root] == first[root + 1])
            {
                continue;
            }

            if ((++steps & 0x3FF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            // The new mentee's dual: the best it can get at today's prices (or 0, staying unmatched).
            long ur = 0;
            for (var x = first[root]; x < first[root + 1]; x++)
            {
                ur = Math.Max(ur, weight[x] - v[head[x]]);
            }

            u[root] = ur;
            heap.Clear();
            heap.Enqueue(Stay, ur);
            Relax(root, 0);

            var end = Stay;
            long total;
            while (true)
            {
                heap.TryDequeue(out var item, out total);
                if (item == Stay)
                {
                    break;
                }

                if (item < 0)
                {
                    end = item;
                    break;
                }

                var j = item;
                if (done[j] || dist[j] != total)
                {
                    continue;
                }

                done[j] = true;
                settled.Add(j);
                if (load[j] < cap[j])
                {
                    end = j;
                    break;
                }

                for (var s = slotStart[j]; s < slotStart[j] + load[j]; s++)
                {
                    var i = slot[s];

                    // Letting mentee i go: it loses its pair, worth u[i] in the duals.
                    heap.Enqueue(-(i + 1), total + u[i]);
                    Relax(i, total);
                }
            }

            // Move the duals by the distances: settled mentors up, their mentees (and the root) down.
            foreach (var j in settled)
            {
                var delta = total - dist[j];
                if (delta > 0)
                {
                    v[j] += delta;
                    for (var s = slotStart[j]; s < slotStart[j] + load[j]; s++)
                    {
                        u[slot[s]] -= delta;
                    }
                }
            }

            u[root] -= total;

            // Augment along the path, from its end back to the root.
            if (end != Stay)
            {
                int j;
                if (end < 0)
                {
                    var gone = -end - 1;
                    j = mentorOf[gone];
                    Unseat(gone, j);
                    mentorOf[gone] = -1;
                    arcOf[gone] = -1;
                }
                else
                {
                    j = end;
                }

                while (true)
                {
                    var i = pred[j];
                    var from = mentorOf[i];
                    if (from >= 0)
                    {
                        Unseat(i, from);
                    }

                    slot[slotStart[j] + load[j]++] = i;
                    mentorOf[i] = j;
                    arcOf[i] = predArc[j];
                    if (i == root)
                    {
                        break;
                    }

                    j = from;
                }
            }

            foreach (var j in touched)
            {
                dist[j] = long.MaxValue;
                done[j] = false;
            }

            touched.Clear();
            settled.Clear();
        }

        // The solution in the problem's own arcs, and the duals in the form pricing reads.
        var arcOfLeft = new int[l];
        int matched = 0, priorityMatched = 0;
        long score = 0;
        var priceLeft = new long[l];
        for (var i = 0; i < l; i++)
        {
            arcOfLeft[i] = arcOf[i] < 0 ? -1 : arcAt[arcOf[i]];
            if (arcOf[i] >= 0)
            {
                matched++;
                priorityMatched += problem.LeftPriority[i] ? 1 : 0;
                score += problem.ArcScore(arcOfLeft[i]);
            }

            priceLeft[i] = u[i] - perPair - (problem.LeftPriority[i] ? perPriority : 0);
        }

        var priceRight = new long[r];
        long maxRight = 0;
        for (var j = 0; j < r; j++)
        {
            priceRight[j] = -v[j];
            maxRight = Math.Max(maxRight, priceRight[j]);
        }

        var solution = new AssignmentSolution(arcOfLeft, matched, priorityMatched, score)
        {
            PriceOfLeft = priceLeft,
            PriceOfRight = priceRight,
            MaxPriceOfRight = maxRight,
        };
        return (solution, new WarmStart(scale, mentorOf, v));

        // The previous matching and duals, kept where they still hold on the larger arc set.
        void Resume(WarmStart w)
        {
            w.Price.CopyTo(v, 0);
            for (var i = 0; i < l; i++)
            {
                long best = 0;
                var keep = -1;
                for (var x = first[i]; x < first[i + 1]; x++)
                {
                    best = Math.Max(best, weight[x] - v[head[x]]);
                }

                for (var x = first[i]; x < first[i + 1] && w.MentorOf[i] >= 0; x++)
                {
                    if (head[x] == w.MentorOf[i] && weight[x] - v[head[x]] == best)
                    {
                        keep = x;
                    }
                }

                if (keep >= 0 && load[head[keep]] < cap[head[keep]])
                {
                    var j = head[keep];
                    slot[slotStart[j] + load[j]++] = i;
                    (mentorOf[i], arcOf[i], u[i], pending[i]) = (j, keep, best, false);
                }
                else if (w.MentorOf[i] < 0 && best == 0)
                {
                    (u[i], pending[i]) = (0, false);
                }
            }

            // Arcs by mentor, to find who a cleared price makes better off.
            var byMentor = new int[r + 1];
            for (var x = 0; x < arcs; x++)
            {
                byMentor[head[x] + 1]++;
            }

            for (var j = 0; j < r; j++)
            {
                byMentor[j + 1] += byMentor[j];
            }

            var tailAt = new int[arcs];
            var at = (int[])byMentor.Clone();
            for (var i = 0; i < l; i++)
            {
                for (var x = first[i]; x < first[i + 1]; x++)
                {
                    tailAt[at[head[x]]++] = x;
                }
            }

            var tail = new int[arcs];
            for (var i = 0; i < l; i++)
            {
                for (var x = first[i]; x < first[i + 1]; x++)
                {
                    tail[x] = i;
                }
            }

            var work = new Stack<int>();
            for (var j = 0; j < r; j++)
            {
                if (load[j] < cap[j] && v[j] > 0)
                {
                    work.Push(j);
                }
            }

            while (work.Count > 0)
            {
                var j = work.Pop();
                if (v[j] == 0)
                {
                    continue;
                }

                v[j] = 0;
                for (var y = byMentor[j]; y < byMentor[j + 1]; y++)
                {
                    var x = tailAt[y];
                    var i = tail[x];
                    if (pending[i] || u[i] >= weight[x])
                    {
                        continue;
                    }

                    // Mentee i would now do better at j: it searches again, and its mentor's place is free.
                    pending[i] = true;
                    var from = mentorOf[i];
                    if (from >= 0)
                    {
                        Unseat(i, from);
                        (mentorOf[i], arcOf[i]) = (-1, -1);
                        if (v[from] > 0)
                        {
                            work.Push(from);
                        }
                    }
                }
            }
        }

        void Relax(int i, long at)
        {
            for (var x = first[i]; x < first[i + 1]; x++)
            {
                var j = head[x];
                if (done[j] || j == mentorOf[i])
                {
                    continue;
                }

                var nd = at + u[i] + v[j] - weight[x];
                if (nd < dist[j])
                {
                    if (dist[j] == long.MaxValue)
                    {
                        touched.Add(j);
                    }

                    dist[j] = nd;
                    pred[j] = i;
                    predArc[j] = x;
                    heap.Enqueue(j, nd);
                }
            }
        }

        void Unseat(int i, int j)
        {
            var s0 = slotStart[j];
            for (var s = s0; s < s0 + load[j]; s++)
            {
                if (slot[s] == i)
                {
                    slot[s] = slot[s0 + load[j] - 1];
                    load[j]--;
                    return;
                }
            }
        }
    }
}
