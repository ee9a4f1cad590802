namespace MatchEngine.Solving;

/// <summary>
/// Solves a problem whose pairs fall into independent parts (no mentee or mentor shared between two) part by part with
/// OR-Tools, on every core at once, and joins the optima. Under the lexicographic objective the join is optimal for the
/// whole: the most priority nodes matched in all is the sum of each part's most, so every part must reach its own; the
/// same holds for the count, then for the score. OR-Tools' min-cost flow costs more per pair the larger the problem (a
/// million pairs about 5 us each, ten million about 15 us), and runs on one core, so parts solve faster than the whole.
/// </summary>
internal static class ComponentSolver
{
    /// <summary>Problems with fewer pairs are solved whole: splitting would gain little.</summary>
    internal const int LeastArcs = 100_000;

    /// <summary>
    /// The optimum, as <see cref="AssignmentSolver"/> gives it
    /// (without prices), found part by part when the pairs fall into parts of which none holds nearly all (the
    /// counts, when known, are then found again part by part).
    /// </summary>
    public static AssignmentSolution Solve(AssignmentProblem problem, ObjectiveOrder objective, (int Priority, int Matched)? knownCounts, int leastArcs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.ArcCount < leastArcs || Split(problem) is not { } parts)
        {
            return AssignmentSolver.Solve(problem, objective, withPrices: false, knownCounts, ct);
        }

        var solutions = new AssignmentSolution[parts.Count];
        Parallel.For(0, parts.Count, new ParallelOptions { CancellationToken = ct }, x =>
            solutions[x] = AssignmentSolver.Solve(parts[x].Problem, objective, withPrices: false, knownCounts: null, ct));

        var arcOfLeft = new int[problem.LeftCount];
        Array.Fill(arcOfLeft, -1);
        int matched = 0, priority = 0;
        long total = 0;
        for (var x = 0; x < parts.Count; x++)
        {
            var (lefts, arcs) = (parts[x].Lefts, parts[x].Arcs);
            var s = solutions[x];
            for (var i = 0; i < lefts.Length; i++)
            {
                if (s.ArcOfLeft[i] >= 0)
                {
                    arcOfLeft[lefts[i]] = arcs[s.ArcOfLeft[i]];
                }
            }

            (matched, priority, total) = (matched + s.Matched, priority + s.PriorityMatched, total + s.TotalScore);
        }

        return new AssignmentSolution(arcOfLeft, matched, priority, total);
    }

    /// <summary>
    /// The parts, each with its left nodes and arcs (global indexes, ascending) and its own problem, largest first: the
    /// connected components of the pairs, small ones packed together so that none is tiny; null when the largest
    /// component holds nearly all the pairs.
    /// </summary>
    private static List<(AssignmentProblem Problem, int[] Lefts, int[] Arcs)>? Split(AssignmentProblem p)
    {
        int l = p.LeftCount, r = p.RightCount;
        var parent = new int[l + r];
        for (var x = 0; x < parent.Length; x++)
        {
            parent[x] = x;
        }

        int Find(int x)
        {
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }

            return x;
        }

        var lefts = p.Lefts;
        var rights = p.Rights;
        for (var a = 0; a < lefts.Length; a++)
        {
            int x = Find(lefts[a]), y = Find(l + rights[a]);
            if (x != y)
            {
                parent[Math.Max(x, y)] = Math.Min(x, y);
            }
        }

        // Arcs per component, and the components in order of their first arc.
        var size = new int[l + r];
        for (var a = 0; a < lefts.Length; a++)
        {
            size[Find(lefts[a])]++;
        }

        var largest = size.Max();
        if (largest * 10L > lefts.Length * 9L)
        {
            return null;
        }

        // Components packed into bins in order of their first arc: a bin closes once it holds a sixteenth of the pairs.
        var bin = new int[l + r];
        Array.Fill(bin, -1);
        var binArcs = new List<int>();
        var open = -1;
        var target = Math.Max(1, lefts.Length / 16);
        for (var a = 0; a < lefts.Length; a++)
        {
            var c = Find(lefts[a]);
            if (bin[c] >= 0)
            {
                continue;
            }

            if (open < 0 || binArcs[open] >= target)
            {
                open = binArcs.Count;
                binArcs.Add(0);
            }

            bin[c] = open;
            binArcs[open] += size[c];
        }

        // Each bin's nodes numbered in ascending order, and its arcs in arc order.
        var parts = new List<(AssignmentProblem, int[], int[])>();
        var local = new int[l + r];
        var leftsOf = new List<int>[binArcs.Count];
        var rightsOf = new List<int>[binArcs.Count];
        var arcsOf = new List<int>[binArcs.Count];
        for (var b = 0; b < binArcs.Count; b++)
        {
            (leftsOf[b], rightsOf[b], arcsOf[b]) = ([], [], new List<int>(binArcs[b]));
        }

        for (var x = 0; x < l + r; x++)
        {
            var root = Find(x);
            if (bin[root] < 0)
            {
                continue;
            }

            var list = x < l ? leftsOf[bin[root]] : rightsOf[bin[root]];
            local[x] = list.Count;
            list.Add(x < l ? x : x - l);
        }

        for (var a = 0; a < lefts.Length; a++)
        {
            arcsOf[bin[Find(lefts[a])]].Add(a);
        }

        for (var b = 0; b < binArcs.Count; b++)
        {
            var sub = new AssignmentProblem(
                [.. leftsOf[b].Select(i => p.LeftPriority[i])], [.. rightsOf[b].Select(j => p.RightCapacity[j])], arcsOf[b].Count);
            foreach (var a in arcsOf[b])
            {
                sub.AddArc(local[lefts[a]], local[l + rights[a]], p.Scores[a]);
            }

            parts.Add((sub, [.. leftsOf[b]], [.. arcsOf[b]]));
        }

        parts.Sort((x, y) => y.Item1.ArcCount.CompareTo(x.Item1.ArcCount));
        return parts;
    }
}
