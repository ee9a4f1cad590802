using MatchEngine.Model;

namespace MatchEngine.Candidates;

/// <summary>The first restricted set of pairs.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>
    /// The first restricted set: for each mentee the best-scoring mentors of the buckets with the highest bounds,
    /// up to <paramref name="keep"/> per mentee after examining about <paramref name="budget"/> mentors; a mentee
    /// with no candidate then is searched exhaustively, so that it gets one whenever any mentor is eligible.
    /// </summary>
    public void Candidates(int keep, int budget, IProgress<MatchProgress>? progress, CancellationToken ct)
    {
        var done = 0L;
        var n = _k.MenteeCount;
        var top = new int[_k.MenteeProfile.Length == 0 ? 0 : (_k.MenteeProfile.Max() + 1) * 16][];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = ct }, () => new Worker(), (e, _, w) =>
        {
            Access(e, w.Access, withVirtual: false);
            w.Order.Clear();
            foreach (var (b, prox) in w.Access)
            {
                w.Order.Add((_k.PointsBound(_rep[b], e, prox), b));
            }

            if ((_k.MenteeModes[e] & MeetingModes.Virtual) != 0 && _k.MenteeUsable[e])
            {
                // The best virtual profiles for this mentee's profile, worked out once per profile.
                var key = (((_k.MenteeProfile[e] * 2) + (_k.MenteeNeedsCheck[e] ? 1 : 0)) * 8) + _k.MenteeSlots[e];
                var best = Volatile.Read(ref top[key]);
                if (best is null)
                {
                    var all = new List<(int Bound, int Bucket)>();
                    foreach (var b in _virtual)
                    {
                        if ((!_k.MenteeNeedsCheck[e] || _bChecked[b]) && PairKernel.SlotsMeet(_bSlots[b], _k.MenteeSlots[e]))
                        {
                            all.Add((_k.PointsBound(_rep[b], e, 0), b));
                        }
                    }

                    all.Sort((p, q) => p.Bound != q.Bound ? q.Bound.CompareTo(p.Bound) : p.Bucket.CompareTo(q.Bucket));
                    best = [.. all.Take(4 * keep).Select(x => x.Bucket)];
                    Volatile.Write(ref top[key], best);
                }

                foreach (var b in best)
                {
                    w.Order.Add((_k.PointsBound(_rep[b], e, 0), b));
                }
            }

            // Best bound first; ties in an order of their own per mentee, so that alike mentees spread over alike mentors.
            var salt = (uint)e * 2654435761u;
            w.Order.Sort((p, q) => p.Bound != q.Bound ? q.Bound.CompareTo(p.Bound) : ((uint)p.Bucket * 40503u ^ salt).CompareTo((uint)q.Bucket * 40503u ^ salt));
            var found = w.Found;
            found.Clear();
            var examined = 0;
            var per = 2;
            foreach (var (bound, b) in w.Order)
            {
                if (found.Count >= keep && bound <= found[keep - 1].Points)
                {
                    break;
                }

                if (examined >= budget && found.Count > 0)
                {
                    break;
                }

                int s = _start[b], size = _start[b + 1] - s;
                var offset = (int)((uint)(e * 2654435761u) % (uint)size);
                var take = Math.Min(size, per);
                for (var i = 0; i < take; i++)
                {
                    var m = _members[s + ((offset + i) % size)];
                    examined++;
                    if (_k.Decide(m, e, out var mode, out var points) && !Has(found, m))
                    {
                        Insert(found, (m, points, mode), keep);
                    }
                }
            }

            // A few more from buckets spread over the mentee's reach: alike neighbours all rank the same mentors first,
            // and the spread keeps the first restricted set close to the most young people matched.
            if (w.Order.Count > 0)
            {
                var extra = 0;
                var start = (int)(salt % (uint)w.Order.Count);
                for (var t = 0; t < w.Order.Count && extra < Spread && t < 8 * Spread; t++)
                {
                    var b = w.Order[(start + (t * 7919)) % w.Order.Count].Bucket;
                    int s0 = _start[b], size = _start[b + 1] - s0;
                    var m = _members[s0 + (int)((salt >> 3) % (uint)size)];
                    examined++;
                    if (!Has(found, m) && _k.Decide(m, e, out var mode, out var points))
                    {
                        found.Add((m, points, mode));
                        extra++;
                    }
                }
            }

            if (found.Count == 0)
            {
                // Exhaustive: does any mentor at all fit this young person?
                Access(e, w.Access);
                foreach (var (b, _) in w.Access)
                {
                    for (var i = _start[b]; i < _start[b + 1] && found.Count == 0; i++)
                    {
                        if (_k.Decide(_members[i], e, out var mode, out var points))
                        {
                            found.Add((_members[i], points, mode));
                        }
                    }
                }
            }

            _arcs[e].AddRange(found);
            var now = Interlocked.Increment(ref done);
            if (progress is not null && (now & 0x3FFF) == 0)
            {
                progress.Report(new MatchProgress("candidates", now, n));
            }

            return w;
        }, _ => { });
        // Every eligible pair with a stated preference joins now: bucket bounds leave preferences out.
        foreach (var (m, e) in _k.PreferencePairs)
        {
            if (!Has(_arcs[e], m) && _k.Decide(m, e, out var mode, out var points))
            {
                _arcs[e].Add((m, points, mode));
            }
        }

        progress?.Report(new MatchProgress("candidates", n, n));
    }

    /// <summary>Keeps the list sorted by points (desc, then mentor) and at most <paramref name="keep"/> long.</summary>
    private static void Insert(List<(int Mentor, int Points, MeetingModes Mode)> list, (int Mentor, int Points, MeetingModes Mode) item, int keep)
    {
        var i = list.Count;
        while (i > 0 && (list[i - 1].Points < item.Points || (list[i - 1].Points == item.Points && list[i - 1].Mentor > item.Mentor)))
        {
            i--;
        }

        if (i >= keep)
        {
            return;
        }

        list.Insert(i, item);
        if (list.Count > keep)
        {
            list.RemoveAt(list.Count - 1);
        }
    }
}
