namespace MatchEngine.Candidates;

/// <summary>The first restricted set of pairs.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>
    /// The first restricted set: for each mentee its <paramref name="keep"/> best-scoring eligible mentors (found by
    /// the bound search, so a mentee with any eligible mentor gets one), plus a few drawn from across its reach, and
    /// every eligible pair with a stated preference.
    /// </summary>
    public void Candidates(int keep, IProgress<MatchProgress>? progress, CancellationToken ct)
    {
        var done = 0L;
        var n = _k.MenteeCount;
        var zero = new Prices(this, new long[_k.MentorCount], ct);
        Parallel.For(0, n, new ParallelOptions { CancellationToken = ct }, () => new Worker(_dimStart[Depths]), (at, _, w) =>
        {
            var e = _nearby[at];
            // Prices 0 and a threshold of -1: every eligible pair gains (points + 1), so the search keeps the best.
            SearchAll(e, -1, zero, keep, w, listed: true);
            var found = _arcs[e];
            foreach (var (m, points, mode, _) in w.Best)
            {
                found.Add((m, points, mode));
            }

            // A few more from groups spread over the mentee's reach: alike neighbours all rank the same mentors first,
            // and the spread keeps the first restricted set close to the most young people matched.
            if (w.Access.Count > 0)
            {
                var salt = (uint)e * 2654435761u;
                var extra = 0;
                for (var t = 0; t < 8 * Spread && extra < Spread; t++)
                {
                    var g = w.Access[(int)((salt + ((uint)t * 7919u)) % (uint)w.Access.Count)].Bucket;
                    int s0 = _start[g], size = _start[g + 1] - s0;
                    var m = _members[s0 + (int)(((salt >> 3) + ((uint)t * 104729u)) % (uint)size)];
                    if (!Has(found, m) && _k.Decide(m, e, out var mode, out var points))
                    {
                        found.Add((m, points, mode));
                        extra++;
                    }
                }
            }

            var now = Interlocked.Increment(ref done);
            if (progress is not null && (now & 0x3FFF) == 0)
            {
                progress.Report(new MatchProgress("candidates", now, n) { Kind = ProgressStage.Candidates });
            }

            return w;
        }, _ => { });

        // Every eligible pair with a stated preference joins now: the bounds leave preferences out.
        foreach (var (m, e) in _k.PreferencePairs)
        {
            if (!Has(_arcs[e], m) && _k.Decide(m, e, out var mode, out var points))
            {
                _arcs[e].Add((m, points, mode));
            }
        }

        // Eligible mentors each mentee is known to have, kept past pruning: an unmatched mentee whose pairs all left
        // the restricted set still had eligible mentors, and its reason must say so.
        _firstFound = [.. _arcs.Select(a => a.Count)];
        progress?.Report(new MatchProgress("candidates", n, n) { Kind = ProgressStage.Candidates });
    }
}
