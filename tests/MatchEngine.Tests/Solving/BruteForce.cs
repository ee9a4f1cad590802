namespace MatchEngine.Tests.Solving;

/// <summary>
/// Exhaustive optimum of a small assignment: dynamic programming over mentees with the vector of remaining
/// capacities as state, trying every allowed mentor or none. Returns the best (unmet-needs matched, matched, points).
/// </summary>
internal static class BruteForce
{
    public static (int Priority, int Matched, long Points) Optimum(bool[] priority, int[] capacity, IReadOnlyList<(int Mentee, int Mentor, long Points)> arcs)
    {
        var byMentee = arcs.GroupBy(a => a.Mentee).ToDictionary(g => g.Key, g => g.ToArray());
        var memo = new Dictionary<(int, string), (int, int, long)>();
        return Best(0, (int[])capacity.Clone());

        (int, int, long) Best(int e, int[] caps)
        {
            if (e == priority.Length)
            {
                return (0, 0, 0);
            }

            var key = (e, string.Join(',', caps));
            if (memo.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var best = Best(e + 1, caps);
            foreach (var (_, m, pts) in byMentee.GetValueOrDefault(e, []))
            {
                if (caps[m] == 0)
                {
                    continue;
                }

                caps[m]--;
                var (p, n, s) = Best(e + 1, caps);
                caps[m]++;
                var cand = (p + (priority[e] ? 1 : 0), n + 1, s + pts);
                if (cand.CompareTo(best) > 0)
                {
                    best = cand;
                }
            }

            memo[key] = best;
            return best;
        }
    }
}
