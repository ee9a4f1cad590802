using Google.OrTools.Graph;

namespace MatchEngine.Solving;

/// <summary>
/// Solves <see cref="AssignmentProblem"/> to proven optimality with OR-Tools' min-cost flow, under a lexicographic
/// objective: first the most priority nodes matched, then the most nodes matched, then the highest total score.
/// </summary>
/// <remarks>
/// The matchable sets of left nodes form a transversal matroid, so a maximum matching that covers the most
/// priority nodes exists; phase 1 finds its two counts (u*, m*) with two OR-Tools max flows (all left nodes, then the
/// priority ones only). Phase 2 fixes them
/// by capacity (source to the priority hub u*, to the other hub m* - u*) and minimises (maxScore - score), so no
/// big-M weights are needed and no cost can overflow.
/// </remarks>
internal static class AssignmentSolver
{
    /// <summary>Solves the problem with the default objective order (<see cref="ObjectiveOrder.MostPairsFirst"/>).</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="cancellationToken">Checked between phases.</param>
    /// <returns>The optimal solution.</returns>
    public static AssignmentSolution Solve(AssignmentProblem problem, CancellationToken cancellationToken) =>
        Solve(problem, ObjectiveOrder.MostPairsFirst, cancellationToken);

    /// <summary>Solves the problem.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="objective">Most pairs first (priority, count, score) or best pairs first (priority, score).</param>
    /// <param name="cancellationToken">Checked between phases.</param>
    /// <returns>The optimal solution.</returns>
    /// <exception cref="InvalidOperationException">When OR-Tools reports a status other than optimal (not expected for valid input).</exception>
    public static AssignmentSolution Solve(AssignmentProblem problem, ObjectiveOrder objective = ObjectiveOrder.MostPairsFirst, CancellationToken cancellationToken = default) =>
        Solve(problem, objective, withPrices: false, cancellationToken);

    /// <summary>Solves, optionally returning dual prices for pricing pairs left out of the problem.</summary>
    internal static AssignmentSolution Solve(AssignmentProblem problem, ObjectiveOrder objective, bool withPrices, CancellationToken cancellationToken) =>
        Solve(problem, objective, withPrices, knownCounts: null, cancellationToken);

    /// <summary>
    /// Solves with the counts phase skipped when <paramref name="knownCounts"/> gives the largest numbers of priority
    /// nodes and of nodes that can be matched (the caller has proven them, and the problem holds a matching reaching
    /// them): the large-batch engine proves them once over every eligible pair and keeps them for later rounds.
    /// </summary>
    internal static AssignmentSolution Solve(AssignmentProblem problem, ObjectiveOrder objective, bool withPrices, (int Priority, int Matched)? knownCounts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        // (Best pairs first leaves a pair optional, so a complete square is matched in full only when no score is
        // below 0.)
        if (!withPrices && (objective == ObjectiveOrder.MostPairsFirst || NoneBelowZero(problem)) && CompleteSquare(problem) is { } arcAt)
        {
            return SolveComplete(problem, arcAt, cancellationToken);
        }

        var (priority, matched) = knownCounts ?? Counts(problem, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (objective == ObjectiveOrder.BestPairsFirst)
        {
            var others = problem.LeftPriority.Count(p => !p);
            return SolveFixed(problem, priority, others, optionalOthers: true, arcBonus: null, cancellationToken, withPrices);
        }

        return SolveFixed(problem, priority, matched - priority, optionalOthers: false, arcBonus: null, cancellationToken, withPrices);
    }

    private static bool NoneBelowZero(AssignmentProblem p)
    {
        foreach (var s in p.Scores)
        {
            if (s < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// When every left node is allowed with every right node, as many of each, capacities 1 (a perfect assignment is
    /// certain): the arc of each (left, right) cell, else null.
    /// </summary>
    private static int[]? CompleteSquare(AssignmentProblem p)
    {
        if (p.LeftCount == 0 || p.LeftCount != p.RightCount || (long)p.ArcCount != (long)p.LeftCount * p.RightCount || p.RightCapacity.Any(c => c != 1))
        {
            return null;
        }

        var arcAt = new int[p.ArcCount];
        Array.Fill(arcAt, -1);
        for (var a = 0; a < p.ArcCount; a++)
        {
            ref var cell = ref arcAt[(p.ArcLeft(a) * p.RightCount) + p.ArcRight(a)];
            if (cell >= 0)
            {
                return null;
            }

            cell = a;
        }

        return arcAt;
    }

    /// <summary>
    /// The dense square case (every pair allowed, capacities 1): every node is matched in any optimum, so only the
    /// score is left to maximise. A specialised Jonker-Volgenant solver (<see cref="DenseAssignment"/>) does it on the
    /// dense matrix, faster than a min-cost flow or OR-Tools' LinearSumAssignment, which is its oracle in the tests
    /// (see benchmarks/compare-scipy.sh).
    /// </summary>
    private static AssignmentSolution SolveComplete(AssignmentProblem p, int[] arcAt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var top = long.MinValue;
        for (var a = 0; a < p.ArcCount; a++)
        {
            top = Math.Max(top, p.ArcScore(a));
        }

        // A dense cost matrix for the specialised JV solver (OR-Tools' LinearSumAssignment is its oracle in the tests).
        var n = p.LeftCount;
        var least = long.MaxValue;
        for (var a = 0; a < p.ArcCount; a++)
        {
            least = Math.Min(least, p.ArcScore(a));
        }

        int[] mate;
        if ((top - least + 1) * (long)(n + 1) * 4 < int.MaxValue)
        {
            // Small enough for int costs, whose scans read half the memory.
            var cost = new int[(long)n * n];
            for (var x = 0; x < cost.Length; x++)
            {
                cost[x] = (int)(top - p.ArcScore(arcAt[x]));
            }

            mate = DenseAssignment.Solve(cost, n, cancellationToken);
        }
        else
        {
            var cost = new long[(long)n * n];
            for (var x = 0; x < cost.Length; x++)
            {
                cost[x] = top - p.ArcScore(arcAt[x]);
            }

            mate = DenseAssignment.Solve(cost, n, cancellationToken);
        }
        var arcOfLeft = new int[p.LeftCount];
        long total = 0;
        var priority = 0;
        for (var i = 0; i < p.LeftCount; i++)
        {
            var a = arcAt[(i * p.RightCount) + mate[i]];
            arcOfLeft[i] = a;
            total += p.ArcScore(a);
            priority += p.LeftPriority[i] ? 1 : 0;
        }

        return new AssignmentSolution(arcOfLeft, p.LeftCount, priority, total);
    }

    /// <summary>
    /// Phase 1: the largest number of priority nodes that can be matched and, with it, the largest number of nodes
    /// (the two are reached together: matchable sets form a matroid).
    /// </summary>
    internal static (int Priority, int Matched) Counts(AssignmentProblem problem, CancellationToken cancellationToken)
    {
        if (problem.ArcCount == 0)
        {
            return (0, 0);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var anyPriority = problem.LeftPriority.Any(p => p);
        var matched = MaxMatching(problem, onlyPriority: false);
        var priority = !anyPriority ? 0 : problem.LeftPriority.All(p => p) ? matched : MaxMatching(problem, onlyPriority: true);
        return (priority, matched);
    }

    /// <summary>The size of a maximum matching (OR-Tools max flow), over all left nodes or the priority ones only.</summary>
    private static int MaxMatching(AssignmentProblem p, bool onlyPriority) =>
        MaxFlowMatching.Size(p, i => !onlyPriority || p.LeftPriority[i], "the counts");

    /// <summary>
    /// Phase 2: exactly <paramref name="priority"/> priority nodes and <paramref name="others"/> other nodes matched
    /// (or up to <paramref name="others"/> when <paramref name="optionalOthers"/>), maximising the total of
    /// score + bonus over the chosen arcs.
    /// </summary>
    internal static AssignmentSolution SolveFixed(AssignmentProblem problem, int priority, int others, bool optionalOthers, long[]? arcBonus, CancellationToken cancellationToken, bool withPrices = false)
    {
        int l = problem.LeftCount, r = problem.RightCount, arcs = problem.ArcCount;
        var arcOfLeft = new int[l];
        Array.Fill(arcOfLeft, -1);
        if (arcs == 0)
        {
            return new AssignmentSolution(arcOfLeft, 0, 0, 0);
        }

        long maxValue = long.MinValue;
        for (var a = 0; a < arcs; a++)
        {
            maxValue = Math.Max(maxValue, problem.ArcScore(a) + (arcBonus?[a] ?? 0));
        }

        // Costs are maxValue - value >= 0; an unmatched optional node costs maxValue (as a pair of value 0 would).
        var top = Math.Max(maxValue, 0);
        int source = l + r, sink = source + 1, hubP = sink + 1, hubN = hubP + 1;
        cancellationToken.ThrowIfCancellationRequested();
        using var flow = BuildFlow(problem, source, sink, hubP, hubN, priority, others,
            arcCost: a => top - (problem.ArcScore(a) + (arcBonus?[a] ?? 0)), bypassCost: optionalOthers ? top : null);
        Check(flow.SolveMaxFlowWithMinCost(), "phase 2");
        int m = 0, pm = 0;
        long total = 0;
        for (var a = 0; a < arcs; a++)
        {
            if (flow.Flow(a) > 0)
            {
                var left = problem.ArcLeft(a);
                arcOfLeft[left] = a;
                m++;
                if (problem.LeftPriority[left])
                {
                    pm++;
                }

                total += problem.ArcScore(a);
            }
        }

        if (!withPrices)
        {
            return new AssignmentSolution(arcOfLeft, m, pm, total);
        }

        // Node potentials of the optimal flow: shortest distances in the residual network (no negative cycle at an optimum).
        var d = PotentialsFromSink(flow, sink);
        var used = new bool[r];
        for (var a = 0; a < arcs; a++)
        {
            if (flow.Flow(a) > 0)
            {
                used[problem.ArcRight(a)] = true;
            }
        }

        var (priceLeft, priceRight, maxRight) = Prices(problem, top, d, used);
        return new AssignmentSolution(arcOfLeft, m, pm, total)
        {
            PriceOfLeft = priceLeft,
            PriceOfRight = priceRight,
            MaxPriceOfRight = maxRight,
        };
    }

    /// <summary>
    /// The prices pricing reads, from the node potentials <paramref name="d"/> (minus the distances to the sink) of an
    /// optimal flow: a mentee's is top + d, a mentor's its d, or for a mentor without flow the lowest it may be.
    /// </summary>
    internal static (long[] Left, long[] Right, long MaxRight) Prices(AssignmentProblem problem, long top, long[] d, bool[] used)
    {
        int l = problem.LeftCount, r = problem.RightCount, sink = l + r + 1;
        var priceLeft = new long[l];
        var priceRight = new long[r];
        for (var i = 0; i < l; i++)
        {
            priceLeft[i] = top + d[i];
        }

        var maxRight = long.MinValue;
        for (var j = 0; j < r; j++)
        {
            // A right node without flow only needs d >= d[sink]; the lowest such potential is the strongest certificate.
            priceRight[j] = used[j] ? d[l + j] : Math.Min(d[l + j], d[sink]);
            if (problem.RightCapacity[j] > 0)
            {
                maxRight = Math.Max(maxRight, priceRight[j]);
            }
        }

        return (priceLeft, priceRight, maxRight == long.MinValue ? 0 : maxRight);
    }

    /// <summary>
    /// The mentee-optimal potentials: d[v] = -(shortest residual distance from v to the sink), with every node also
    /// allowed to stop at a large constant (so that all are finite). Shortest distances satisfy the triangle
    /// inequality on every residual arc, so these are feasible potentials; taking distances to the sink (rather than
    /// from a root) keeps mentor prices as low and mentee prices as high as the optimum allows, which is what
    /// pricing pairs left out needs: a pair is then flagged only when it could truly improve the match.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static long[] PotentialsFromSink(MinCostFlow f, int sinkNode)
    {
        var n = f.NumNodes();
        var arcs = f.NumArcs();
        var tails = new int[2 * arcs];
        var heads = new int[2 * arcs];
        var costs = new long[2 * arcs];
        var k = 0;
        for (var a = 0; a < arcs; a++)
        {
            var t = f.Tail(a);
            var h = f.Head(a);
            var c = f.UnitCost(a);
            var flow = f.Flow(a);
            if (flow < f.Capacity(a))
            {
                (tails[k], heads[k], costs[k]) = (t, h, c);
                k++;
            }

            if (flow > 0)
            {
                (tails[k], heads[k], costs[k]) = (h, t, -c);
                k++;
            }
        }

        return PotentialsFromSink(n, sinkNode, tails.AsSpan(0, k).ToArray(), heads.AsSpan(0, k).ToArray(), costs.AsSpan(0, k).ToArray());
    }

    /// <summary>The potentials of <see cref="PotentialsFromSink(MinCostFlow, int)"/> over residual arcs given as arrays.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static long[] PotentialsFromSink(int n, int sinkNode, int[] tails, int[] heads, long[] costs)
    {
        var k = tails.Length;
        // Reverse adjacency (by head): relax q[tail] <= cost + q[head].
        var (count, order) = ArcsBy(heads, k, n);

        // A node may stop at "big" instead of reaching the sink; big exceeds any path's cost, so it never decides a
        // price of a node that reaches the sink, and it cannot overflow.
        long maxCost = 0;
        for (var i = 0; i < k; i++)
        {
            maxCost = Math.Max(maxCost, Math.Abs(costs[i]));
        }

        long big;
        try
        {
            big = checked((maxCost + 1) * (n + 1));
        }
        catch (OverflowException)
        {
            big = long.MaxValue / 4;
        }

        var q = new long[n];
        Array.Fill(q, big);
        q[sinkNode] = 0;
        var inQueue = new bool[n];
        var queue = new Queue<int>(n);
        for (var i = 0; i < n; i++)
        {
            queue.Enqueue(i);
            inQueue[i] = true;
        }

        while (queue.Count > 0)
        {
            var u = queue.Dequeue();
            inQueue[u] = false;
            for (var x = count[u]; x < count[u + 1]; x++)
            {
                var i = order[x];
                var v = tails[i];
                var nd = q[u] + costs[i];
                if (nd < q[v])
                {
                    q[v] = nd;
                    if (!inQueue[v])
                    {
                        inQueue[v] = true;
                        queue.Enqueue(v);
                    }
                }
            }
        }

        var d = new long[n];
        for (var i = 0; i < n; i++)
        {
            d[i] = -q[i];
        }

        return d;
    }

    /// <summary>
    /// Arcs grouped by a node of theirs (compressed rows): the arcs whose <paramref name="key"/> is v are
    /// <c>Order[First[v] .. First[v + 1])</c>, in arc order.
    /// </summary>
    private static (int[] First, int[] Order) ArcsBy(int[] key, int count, int nodes)
    {
        var first = new int[nodes + 1];
        for (var e = 0; e < count; e++)
        {
            first[key[e] + 1]++;
        }

        for (var v = 0; v < nodes; v++)
        {
            first[v + 1] += first[v];
        }

        var order = new int[count];
        var fill = (int[])first.Clone();
        for (var e = 0; e < count; e++)
        {
            order[fill[key[e]]++] = e;
        }

        return (first, order);
    }

    private static MinCostFlow BuildFlow(AssignmentProblem p, int source, int sink, int hubP, int hubN, long priorityCap, long otherCap, Func<int, long>? arcCost, long? bypassCost)
    {
        int l = p.LeftCount, r = p.RightCount;
        var f = new MinCostFlow(l + r + 4, p.ArcCount + l + r + 3);

        // Pair arcs first so that arc index == problem arc index.
        for (var a = 0; a < p.ArcCount; a++)
        {
            f.AddArcWithCapacityAndUnitCost(p.ArcLeft(a), l + p.ArcRight(a), 1, arcCost?.Invoke(a) ?? 0);
        }

        f.AddArcWithCapacityAndUnitCost(source, hubP, priorityCap, 0);
        f.AddArcWithCapacityAndUnitCost(source, hubN, otherCap, 0);
        for (var i = 0; i < l; i++)
        {
            var pri = p.LeftPriority[i];
            f.AddArcWithCapacityAndUnitCost(pri ? hubP : hubN, i, 1, 0);
        }

        for (var j = 0; j < r; j++)
        {
            if (p.RightCapacity[j] > 0)
            {
                f.AddArcWithCapacityAndUnitCost(l + j, sink, p.RightCapacity[j], 0);
            }
        }

        if (bypassCost is { } bypass)
        {
            // Optional other nodes may stay unmatched at a cost, so a max flow does not force pairs that lower the score.
            f.AddArcWithCapacityAndUnitCost(hubN, sink, otherCap, bypass);
        }

        f.SetNodeSupply(source, l);
        f.SetNodeSupply(sink, -l);
        return f;
    }

    private static void Check(MinCostFlowBase.Status status, string phase)
    {
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"OR-Tools min-cost flow returned {status} in {phase}; the assignment could not be proven optimal.");
        }
    }
}
