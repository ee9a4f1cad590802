using MatchEngine.Model;
using MatchEngine.Solving;

namespace MatchEngine.Candidates;

/// <summary>Pricing the pairs left out against the dual values.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>
    /// Prices every eligible pair left out against the dual values of the restricted optimum: a pair (mentee i,
    /// mentor j) could raise the score only if its points exceed <c>PriceOfLeft[i] - PriceOfRight[j]</c>. Buckets
    /// are ruled out whole by their score bound against their lowest mentor price; the survivors are enumerated in
    /// order of price. Up to a few of the most violating pairs per mentee join the restricted set. Returns the pairs
    /// added and a bound on the total violation (an upper bound of the score still missing).
    /// </summary>
    private (long Added, long Bound) Price(AssignmentSolution solution, CancellationToken ct)
    {
        // With no pair at all there are no prices: every price is 0 (a pair is worth adding when it scores).
        // A pair (i, j) left out keeps the restricted optimum optimal when points <= PriceOfLeft[i] - PriceOfRight[j]:
        // tau_i = PriceOfLeft[i] is the mentee's threshold and v_j = -PriceOfRight[j] the mentor's price.
        var left = solution.PriceOfLeft ?? new long[_k.MenteeCount];
        var right = new long[_k.MentorCount];
        if (solution.PriceOfRight is { } pr)
        {
            for (var j = 0; j < right.Length; j++)
            {
                right[j] = -pr[j];
            }
        }

        // Members of every bucket by price, lowest first, and the lowest price per bucket.
        var byPrice = (int[])_members.Clone();
        var minPrice = new long[_rep.Length];
        Parallel.For(0, _rep.Length, new ParallelOptions { CancellationToken = ct }, b =>
        {
            var span = byPrice.AsSpan(_start[b], _start[b + 1] - _start[b]);
            var keys = new long[span.Length];
            for (var i = 0; i < span.Length; i++)
            {
                keys[i] = right[span[i]];
            }

            keys.AsSpan().Sort(span);
            minPrice[b] = keys.Length == 0 ? 0 : keys[0];
        });

        const int PerMentee = 8;
        long added = 0, bound = 0;
        var additions = new List<(int Mentor, int Points, MeetingModes Mode)>?[_k.MenteeCount];
        var virtualBound = new long[_k.MenteeProfile.Length == 0 ? 0 : (_k.MenteeProfile.Max() + 1) * 16];
        Array.Fill(virtualBound, long.MinValue);
        Parallel.For(0, _k.MenteeCount, new ParallelOptions { CancellationToken = ct }, () => new Worker(), (e, _, w) =>
        {
            var tau = left[e];
            Access(e, w.Access, withVirtual: false);
            if ((_k.MenteeModes[e] & MeetingModes.Virtual) != 0 && _k.MenteeUsable[e])
            {
                // One bound per mentee profile rules out the whole virtual block for most mentees.
                var needs = _k.MenteeNeedsCheck[e];
                var slots = _k.MenteeSlots[e];
                var key = (((_k.MenteeProfile[e] * 2) + (needs ? 1 : 0)) * 8) + slots;
                var vb = Volatile.Read(ref virtualBound[key]);
                if (vb == long.MinValue)
                {
                    vb = long.MinValue + 1;
                    foreach (var b in _virtual)
                    {
                        if ((!needs || _bChecked[b]) && PairKernel.SlotsMeet(_bSlots[b], slots))
                        {
                            vb = Math.Max(vb, _k.PointsBound(_rep[b], e, 0) - minPrice[b]);
                        }
                    }

                    Volatile.Write(ref virtualBound[key], vb);
                }

                if (vb > tau)
                {
                    foreach (var b in _virtual)
                    {
                        if ((!needs || _bChecked[b]) && PairKernel.SlotsMeet(_bSlots[b], slots))
                        {
                            w.Access.Add((b, 0));
                        }
                    }
                }
            }

            var worst = 0L;
            var found = w.Priced;
            found.Clear();
            foreach (var (b, prox) in w.Access)
            {
                var cap = _k.PointsBound(_rep[b], e, prox);
                if (cap - minPrice[b] <= tau)
                {
                    continue;
                }

                worst = Math.Max(worst, cap - minPrice[b] - tau);
                var inBucket = 0;
                for (var i = _start[b]; i < _start[b + 1]; i++)
                {
                    var m = byPrice[i];
                    if (cap - right[m] <= tau)
                    {
                        break;
                    }

                    if (!_k.Decide(m, e, out var mode, out var points) || points - right[m] <= tau || Has(_arcs[e], m))
                    {
                        continue;
                    }

                    var known = false;
                    foreach (var f in found)
                    {
                        known |= f.Mentor == m;
                    }

                    if (!known)
                    {
                        found.Add((m, points, mode, points - right[m] - tau));
                    }

                    if (++inBucket >= PerMentee)
                    {
                        break;
                    }
                }
            }

            if (found.Count > 0)
            {
                found.Sort((p, q) => p.Gain != q.Gain ? q.Gain.CompareTo(p.Gain) : p.Mentor.CompareTo(q.Mentor));
                additions[e] = [.. found.Take(PerMentee).Select(f => (f.Mentor, f.Points, f.Mode))];
            }

            Interlocked.Add(ref bound, worst);
            return w;
        }, _ => { });

        for (var e = 0; e < additions.Length; e++)
        {
            if (additions[e] is { } list)
            {
                _arcs[e].AddRange(list);
                added += list.Count;
            }
        }

        return (added, bound);
    }
}
