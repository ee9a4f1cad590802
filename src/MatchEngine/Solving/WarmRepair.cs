using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MatchEngine.Solving;

/// <summary>
/// What an optimal solve leaves for the next one on a larger pair set: the cost offset, each left node's right node,
/// and the node potentials of the flow network (mentees, mentors, source, sink, the two hubs), as distances to the
/// sink.
/// </summary>
internal sealed record WarmStart(long Top, int[] RightOfLeft, long[] Potential);

/// <summary>
/// Re-solves a restricted problem after pairs were added, starting from the previous optimum instead of from nothing
/// (the warm start the pricing rounds need): every added pair whose reduced cost is negative carries flow at once,
/// which leaves a unit too many at its mentor and one too few at its mentee, and successive shortest paths (Dijkstra
/// on reduced costs, potentials moved by the distances) send each unit back to a node short of one. Every other
/// residual arc keeps a reduced cost of at least 0 throughout, so the flow is optimal when no unit is left.
/// </summary>
/// <remarks>
/// The network is the one <see cref="AssignmentSolver"/> gives OR-Tools (pairs, hubs for priority and other mentees
/// with the counts fixed, a bypass for optional mentees), so the optimum and its prices mean the same. Before it
/// returns, the repair checks every residual arc's reduced cost; if any is negative (not expected) it returns null and
/// the caller solves from nothing.
/// </remarks>
internal static class WarmRepair
{
    /// <summary>
    /// The optimum of <paramref name="problem"/> (whose pairs include every matched pair of <paramref name="warm"/>)
    /// with prices, or null when a warm start does not apply (another cost offset, more than
    /// <paramref name="maxViolations"/> pairs to repair, or a failed final check).
    /// </summary>
    [SuppressMessage("Maintainability", "CA1502:Avoid excessive complexity", Justification = "Building the residual network, the repair searches and the final check are one algorithm, kept whole.")]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static AssignmentSolution? Solve(AssignmentProblem problem, ObjectiveOrder objective, (int Priority, int Matched) counts, WarmStart warm, int maxViolations, CancellationToken ct)
    {
        int l = problem.LeftCount, r = problem.RightCount, arcs = problem.ArcCount;
        if (arcs == 0 || warm.RightOfLeft.Length != l || warm.Potential.Length != l + r + 4)
        {
            return null;
        }

        long maxValue = long.MinValue;
        for (var a = 0; a < arcs; a++)
        {
            maxValue = Math.Max(maxValue, problem.ArcScore(a));
        }

        var top = Math.Max(maxValue, 0);
        if (top != warm.Top)
        {
            return null;
        }

        // Declined before anything is built when too many added pairs break the dual values (the count below is at most
        // the one the repair makes, so it declines no round the repair would take).
        var q = (long[])warm.Potential.Clone();
        var breaking = 0;
        for (var a = 0; a < arcs; a++)
        {
            var i = problem.ArcLeft(a);
            var j = problem.ArcRight(a);
            if (warm.RightOfLeft[i] != j && top - problem.ArcScore(a) + q[l + j] - q[i] < 0 && ++breaking > maxViolations)
            {
                return null;
            }
        }

        int source = l + r, sink = source + 1, hubP = sink + 1, hubN = hubP + 1, nodes = hubN + 1;
        var bestPairs = objective == ObjectiveOrder.BestPairsFirst;
        var others = problem.LeftPriority.Count(p => !p);
        long otherCap = bestPairs ? others : counts.Matched - counts.Priority;

        // Arcs in pairs (e, e ^ 1 its reverse): pair arcs first, in problem order, so that arc 2a is problem arc a.
        var total = 2 * (arcs + l + r + 3);
        var tail = new int[total];
        var head = new int[total];
        var residual = new int[total];
        var cost = new long[total];
        var n = 0;
        void Add(int from, int to, int capacity, long unitCost, int flow)
        {
            (tail[n], head[n], cost[n], residual[n]) = (from, to, unitCost, capacity - flow);
            (tail[n + 1], head[n + 1], cost[n + 1], residual[n + 1]) = (to, from, -unitCost, flow);
            n += 2;
        }

        var mate = warm.RightOfLeft;
        var load = new int[r];
        var seen = new bool[l];
        var matchedPriority = 0;
        var matchedOthers = 0;
        for (var a = 0; a < arcs; a++)
        {
            var i = problem.ArcLeft(a);
            var j = problem.ArcRight(a);
            var flow = 0;
            if (mate[i] == j && !seen[i])
            {
                (flow, seen[i]) = (1, true);
                load[j]++;
            }

            Add(i, l + j, 1, top - problem.ArcScore(a), flow);
        }

        for (var i = 0; i < l; i++)
        {
            if (mate[i] >= 0 && !seen[i])
            {
                return null; // a matched pair left the set
            }

            if (seen[i])
            {
                if (problem.LeftPriority[i])
                {
                    matchedPriority++;
                }
                else
                {
                    matchedOthers++;
                }
            }
        }

        if (matchedPriority != counts.Priority || (!bestPairs && matchedOthers != counts.Matched - counts.Priority))
        {
            return null;
        }

        var supplyOthers = bestPairs ? others : matchedOthers;
        Add(source, hubP, counts.Priority, 0, counts.Priority);
        Add(source, hubN, (int)otherCap, 0, supplyOthers);
        for (var i = 0; i < l; i++)
        {
            Add(problem.LeftPriority[i] ? hubP : hubN, i, 1, 0, seen[i] ? 1 : 0);
        }

        for (var j = 0; j < r; j++)
        {
            if (problem.RightCapacity[j] > 0)
            {
                if (load[j] > problem.RightCapacity[j])
                {
                    return null;
                }

                Add(l + j, sink, problem.RightCapacity[j], 0, load[j]);
            }
        }

        if (bestPairs)
        {
            Add(hubN, sink, others, top, others - matchedOthers);
        }

        // Adjacency by tail.
        var (first, order) = AssignmentSolver.ArcsBy(tail, n, nodes);

        // Potentials q: reduced cost c + q[head] - q[tail] >= 0 on every residual arc. Added pairs that break it carry
        // a unit now.
        var excess = new int[nodes];
        var violations = 0;
        for (var e = 0; e < n; e++)
        {
            if (residual[e] > 0 && cost[e] + q[head[e]] - q[tail[e]] < 0)
            {
                if (e >= 2 * arcs || (e & 1) != 0 || ++violations > maxViolations)
                {
                    return null;
                }

                residual[e]--;
                residual[e ^ 1]++;
                excess[head[e]]++;
                excess[tail[e]]--;
            }
        }

        // Successive shortest paths from each unit too many to the nearest node short of one. (Keeping the sink's and
        // the hubs' many arcs sorted by potential and reading them lazily was tried: no faster on 20k x 20k.)
        var dist = new long[nodes];
        Array.Fill(dist, long.MaxValue);
        var pred = new int[nodes];
        var done = new bool[nodes];
        var touched = new List<int>();
        var heap = new PriorityQueue<int, long>();

        // A budget of settled nodes: a repair that would cost more than solving from nothing declines instead.
        var budget = 2L * n;
        for (var s = 0; s < nodes; s++)
        {
            while (excess[s] > 0)
            {
                ct.ThrowIfCancellationRequested();
                var (end, reach) = Nearest(s);
                if (end < 0)
                {
                    return null; // over budget (a path always exists: the unit's own pair leads back)
                }

                // Settled nodes rise by how much nearer they were than the end (every reduced cost stays >= 0, those
                // on the path become 0); then the unit goes along the path.
                foreach (var v in touched)
                {
                    if (done[v])
                    {
                        q[v] += reach - dist[v];
                    }

                    dist[v] = long.MaxValue;
                    done[v] = false;
                }

                touched.Clear();
                for (var v = end; v != s;)
                {
                    var e = pred[v];
                    residual[e]--;
                    residual[e ^ 1]++;
                    v = tail[e];
                }

                excess[s]--;
                excess[end]++;
            }
        }

        // The check that makes the result safe to use: every residual arc has a reduced cost of at least 0.
        for (var e = 0; e < n; e++)
        {
            if (residual[e] > 0 && cost[e] + q[head[e]] - q[tail[e]] < 0)
            {
                return null;
            }
        }

        return Result(problem, top, l, r, sink, arcs, residual, tail, head, cost, q);

        // Dijkstra on reduced costs from s to the nearest node short of a unit: that node and its distance.
        (int End, long Reach) Nearest(int s)
        {
            heap.Clear();
            dist[s] = 0;
            touched.Add(s);
            heap.Enqueue(s, 0);
            while (heap.TryDequeue(out var x, out var dx))
            {
                if (done[x] || dx != dist[x])
                {
                    continue;
                }

                done[x] = true;
                if (excess[x] < 0)
                {
                    return (x, dx);
                }

                if (--budget < 0)
                {
                    return (-1, 0);
                }

                for (var k = first[x]; k < first[x + 1]; k++)
                {
                    var e = order[k];
                    if (residual[e] <= 0)
                    {
                        continue;
                    }

                    var y = head[e];
                    var nd = dx + cost[e] + q[y] - q[x];
                    if (nd < dist[y])
                    {
                        if (dist[y] == long.MaxValue)
                        {
                            touched.Add(y);
                        }

                        dist[y] = nd;
                        pred[y] = e;
                        heap.Enqueue(y, nd);
                    }
                }
            }

            return (-1, 0);
        }
    }

    /// <summary>The solution, and prices from the distances to the sink (as <see cref="AssignmentSolver"/> gives them).</summary>
    private static AssignmentSolution Result(AssignmentProblem problem, long top, int l, int r, int sink, int arcs, int[] residual, int[] tail, int[] head, long[] cost, long[] q)
    {
        var arcOfLeft = new int[l];
        Array.Fill(arcOfLeft, -1);
        int m = 0, pm = 0;
        long score = 0;
        var used = new bool[r];
        var mate = new int[l];
        Array.Fill(mate, -1);
        for (var a = 0; a < arcs; a++)
        {
            if (residual[(2 * a) + 1] > 0)
            {
                var i = problem.ArcLeft(a);
                arcOfLeft[i] = a;
                mate[i] = problem.ArcRight(a);
                used[problem.ArcRight(a)] = true;
                m++;
                pm += problem.LeftPriority[i] ? 1 : 0;
                score += problem.ArcScore(a);
            }
        }

        var k = 0;
        for (var e = 0; e < residual.Length; e++)
        {
            k += residual[e] > 0 ? 1 : 0;
        }

        var (ts, hs, cs) = (new int[k], new int[k], new long[k]);
        k = 0;
        for (var e = 0; e < residual.Length; e++)
        {
            if (residual[e] > 0)
            {
                (ts[k], hs[k], cs[k]) = (tail[e], head[e], cost[e]);
                k++;
            }
        }

        var d = AssignmentSolver.PotentialsFromSink(q.Length, sink, ts, hs, cs);
        var (priceLeft, priceRight, maxRight) = AssignmentSolver.Prices(problem, top, d, used);
        return new AssignmentSolution(arcOfLeft, m, pm, score)
        {
            PriceOfLeft = priceLeft,
            PriceOfRight = priceRight,
            MaxPriceOfRight = maxRight,
            Warm = new WarmStart(top, mate, [.. d.Select(x => -x)]),
        };
    }
}
