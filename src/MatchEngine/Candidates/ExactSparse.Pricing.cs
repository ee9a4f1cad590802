using MatchEngine.Model;
using MatchEngine.Solving;

namespace MatchEngine.Candidates;

/// <summary>Pricing the pairs left out against the dual values.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>
    /// A pair whose points fall this far (hundredths) below its mentee's and mentor's prices leaves the restricted set
    /// before the next solve (Lee and Orlin drop such arcs too): it is still priced in every round, and comes back if
    /// it ever could raise the score. The pairs of the current matching always stay, so the proven counts do, and so do
    /// pairs with a stated preference (the bounds leave preferences out, so pricing would not find them again).
    /// </summary>
    private const long PruneAbove = 500;

    /// <summary>Pricing rounds that prune; later rounds only add, so the rounds cannot cycle and must end.</summary>
    private const int PruneRounds = 3;

    /// <summary>
    /// Pairs a mentor takes in a pricing round beyond twice its places (a mentee's best two are always taken). On
    /// 8k x 20k a ration of 8 halved the restricted set (234k against 515k pairs) and the solving time, for one more
    /// round; with 64 pairs found per mentee, 16 did best (20k x 20k, both places).
    /// </summary>
    private const int PerMentor = 16;

    /// <summary>The price that keeps a mentor out of every search (see <see cref="Price"/>): no pair can reach it.</summary>
    private const long PricedOut = long.MaxValue / 4;

    // What the last pricing round saw: which mentees had no violating pair, and the prices then.
    private bool[]? _clean;

    /// <summary>The pairs of the counts proof's alternating forest (never pruned: they hold the counts' duals).</summary>
    private readonly HashSet<long> _forest = [];
    private long[]? _lastLeft;
    private long[]? _lastRight;

    // Per mentee whose last search found every violating pair (fewer than PerMentee): those not taken, else null.
    private readonly (int Mentor, int Points, MeetingModes Mode)[]?[] _known;

    /// <summary>
    /// Tests set it: each mentee priced from last round's pairs and the mentors whose price fell is searched in full
    /// too, and the two must agree (<see cref="KnownChecked"/> counts those with pairs from last round).
    /// </summary>
    internal bool CheckKnown { get; set; }

    /// <summary>With <see cref="CheckKnown"/>: the mentees checked who had pairs left from last round.</summary>
    internal int KnownChecked => _knownChecked;

    private int _knownChecked;

    /// <summary>
    /// Pairs found per mentee and pricing round: the most violating ones (rationed per mentor before they join). With
    /// rounds re-solved from nothing (OR-Tools), 64 against 16 took 100k x 100k from 29 rounds to about 12; with the
    /// warm-started solver, smaller rounds are cheaper: 32 took 100k x 100k from 90 s to 71 s (18 rounds; 16 gave 82 s,
    /// 128 gave 134 s), and no other batch of benchmarks/match-scale.sh was slower (benchmarks/README.md).
    /// </summary>
    private const int PerMentee = 32;

    /// <summary>
    /// Searches mentee <paramref name="e"/> in full and throws unless it finds what <paramref name="w"/> holds: the same
    /// mentors when either found fewer than <see cref="PerMentee"/>, else both that many.
    /// </summary>
    private void Check(int e, long tau, Prices prices, Worker w, bool hadPairs)
    {
        List<(int Mentor, int Points, MeetingModes Mode, long Gain)> merged = [.. w.Best];
        SearchAll(e, tau, prices, PerMentee, w);
        var same = merged.Count < PerMentee || w.Best.Count < PerMentee
            ? merged.Count == w.Best.Count && merged.All(x => Holds(w.Best, x.Mentor))
            : merged.Count == w.Best.Count;
        if (!same)
        {
            throw new InvalidOperationException($"Pricing mentee {e} from last round's pairs found {merged.Count} pairs, a full search {w.Best.Count}.");
        }

        if (hadPairs)
        {
            Interlocked.Increment(ref _knownChecked);
        }

        w.Best.Clear();
        w.Best.AddRange(merged);
    }
    /// <summary>
    /// Prices every eligible pair left out against the dual values of the restricted optimum: a pair (mentee i,
    /// mentor j) could raise the score only if its points exceed <c>PriceOfLeft[i] - PriceOfRight[j]</c>. The bound
    /// search skips whole subtrees of mentors (by score dimensions and place) whose bound against their lowest
    /// price cannot; the up to <see cref="PerMentee"/> most violating pairs per mentee join the restricted set.
    /// Returns the pairs added and the total over mentees of their largest violation found (with
    /// <paramref name="tighten"/>, for a last round, the tighter bound of <see cref="RaisedPricesBound"/> when lower).
    /// </summary>
    private (long Added, long Bound) Price(AssignmentProblem problem, AssignmentSolution solution, bool prune, bool tighten, CancellationToken ct)
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

        var prices = new Prices(this, right, ct);

        // A mentee whose last search found every violating pair (fewer than PerMentee) and whose threshold has not
        // fallen since can only have one now with a mentor whose price fell or among the pairs found then and not
        // taken: it searches the mentors whose price fell alone, every other mentor priced out of reach, and checks
        // those pairs at the new prices (100k x 100k: full searches in the third pricing round from 59,323 to 30,260,
        // the same pairs found; 52 to 55 s in all before, 50 s after). A pair pruned since (see Prune) changes none
        // of this: it gained less than -PruneAbove then, so it cannot gain now unless its mentor's price fell.
        var clean = new bool[_k.MenteeCount];
        Prices? fallen = null;
        long[]? wasRight = null;
        if (_clean is { } wasClean && _lastLeft is { } lastLeft && _lastRight is { } lastRight)
        {
            wasRight = lastRight;
            var only = new long[right.Length];
            for (var j = 0; j < only.Length; j++)
            {
                only[j] = right[j] < lastRight[j] ? right[j] : PricedOut;
            }

            fallen = new Prices(this, only, ct);
            for (var e = 0; e < clean.Length; e++)
            {
                clean[e] = wasClean[e] && left[e] >= lastLeft[e];
            }
        }

        long added = 0, bound = 0;
        var additions = new List<(int Mentor, int Points, MeetingModes Mode, long Gain)>?[_k.MenteeCount];
        Parallel.For(0, _k.MenteeCount, new ParallelOptions { CancellationToken = ct }, () => new Worker(_dimStart[Depths]), (t, _, w) =>
        {
            var e = _nearby[t];
            var known = fallen is not null && clean[e];
            SearchAll(e, left[e], known ? fallen! : prices, PerMentee, w);
            if (known && _known[e] is { } was)
            {
                // Last round's violating pairs not taken: at a price that has not fallen, each gains no more now. They
                // join the search's best pairs, which are sorted again.
                foreach (var (m, points, mode) in was)
                {
                    var gain = points - right[m] - left[e];
                    if (right[m] >= wasRight![m] && gain > 0 && !Has(_arcs[e], m) && !w.Top.Holds(m))
                    {
                        w.Top.Add((m, points, mode, gain));
                    }
                }

                w.Top.Sorted(w.Best);

                if (CheckKnown)
                {
                    Check(e, left[e], prices, w, was.Length > 0);
                }
            }

            clean[e] = w.Best.Count < PerMentee;
            if (w.Best.Count > 0)
            {
                additions[e] = [.. w.Best];
                Interlocked.Add(ref bound, w.Best[0].Gain);
            }

            return w;
        }, _ => { });

        if (tighten)
        {
            bound = Math.Min(bound, RaisedPricesBound(additions));
        }

        // The pairs kept join the restricted set; a clean mentee remembers those not kept. The lists are read in place
        // (at 1M x 1M they hold some 30 million pairs, copied before).
        var (at, keep) = Ration(additions);
        for (var e = 0; e < additions.Length; e++)
        {
            _known[e] = null;
            if (additions[e] is not { } list)
            {
                continue;
            }

            List<(int Mentor, int Points, MeetingModes Mode)>? notTaken = clean[e] ? [] : null;
            for (var x = 0; x < list.Count; x++)
            {
                var f = list[x];
                if (keep[at[e] + x])
                {
                    _arcs[e].Add((f.Mentor, f.Points, f.Mode));
                    added++;
                }
                else
                {
                    notTaken?.Add((f.Mentor, f.Points, f.Mode));
                }
            }

            _known[e] = notTaken?.ToArray();
        }

        if (added > 0 && prune)
        {
            Prune(problem, solution, left, right);
        }

        (_clean, _lastLeft, _lastRight) = (clean, left, right);

        return (added, bound);
    }

    /// <summary>
    /// A tighter bound on the score missing than the sum of each mentee's largest violation, from the same pairs found
    /// (for a round that stops without a certificate). Any mentor prices at least the solution's give a feasible dual,
    /// whose value, each mentor's places times its raise plus each mentee's largest violation left, bounds the optimum;
    /// a mentee's pairs beyond the <see cref="PerMentee"/> found gain at most the last one found. A mentor that more
    /// mentees want than it has places is raised to what the first mentee it cannot take would still gain there over
    /// their best pair elsewhere (the value of the dual in that mentor's price alone is then least), all mentors at once
    /// against the others' raises of the pass before, in six passes. Arrays, not dictionaries: at 100k x 100k the bound
    /// took 5.0 s with dictionaries, mentor by mentor, and takes 0.6 s so, for a bound no looser (gap 25.70 % against
    /// 25.72 %; twelve passes gave 25.65 %).
    /// </summary>
    private long RaisedPricesBound(List<(int Mentor, int Points, MeetingModes Mode, long Gain)>?[] found)
    {
        // The mentees who found each mentor, in compressed rows (mentees ascending), and the mentors in the order first
        // found: plain arrays, as a 1M batch finds tens of millions of pairs.
        var first = new int[_k.MentorCount + 1];
        var order = new List<int>();
        foreach (var list in found)
        {
            foreach (var f in list ?? [])
            {
                if (first[f.Mentor + 1]++ == 0)
                {
                    order.Add(f.Mentor);
                }
            }
        }

        for (var m = 0; m < _k.MentorCount; m++)
        {
            first[m + 1] += first[m];
        }

        var wanting = new int[first[^1]];
        var gains = new long[first[^1]];
        var fill = (int[])first.Clone();
        for (var e = 0; e < found.Length; e++)
        {
            foreach (var f in found[e] ?? [])
            {
                gains[fill[f.Mentor]] = f.Gain;
                wanting[fill[f.Mentor]++] = e;
            }
        }

        var raise = new long[_k.MentorCount];

        // A mentee's largest violation left at the raised prices (its pairs beyond those found gain at most the last).
        long Left(List<(int Mentor, int Points, MeetingModes Mode, long Gain)> list)
        {
            var v = list.Count >= PerMentee ? list[^1].Gain : 0;
            foreach (ref readonly var f in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list))
            {
                v = Math.Max(v, f.Gain - raise[f.Mentor]);
            }

            return v;
        }

        // Each pass raises every mentor against the others' raises of the pass before: a mentee's best pair elsewhere
        // is then its best or second best at those raises, found once per pass.
        var top = new (long Best, int Mentor, long Second)[found.Length];
        var margins = new List<long>();
        var next = new long[_k.MentorCount];
        for (var pass = 0; pass < 6; pass++)
        {
            Parallel.For(0, found.Length, e =>
            {
                if (found[e] is not { Count: > 0 } list)
                {
                    return;
                }

                var floor = list.Count >= PerMentee ? list[^1].Gain : 0;
                (long Best, int Mentor, long Second) t = (floor, -1, floor);
                foreach (ref readonly var f in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list))
                {
                    var v = f.Gain - raise[f.Mentor];
                    if (v > t.Best)
                    {
                        t = (v, f.Mentor, t.Best);
                    }
                    else if (v > t.Second)
                    {
                        t.Second = v;
                    }
                }

                top[e] = t;
            });

            Array.Copy(raise, next, raise.Length);
            foreach (var m in order)
            {
                if (first[m + 1] - first[m] <= _capacity[m])
                {
                    continue;
                }

                margins.Clear();
                for (var x = first[m]; x < first[m + 1]; x++)
                {
                    var t = top[wanting[x]];
                    var other = t.Mentor == m ? t.Second : t.Best;
                    margins.Add(gains[x] - other);
                }

                margins.Sort((p, q) => q.CompareTo(p));
                next[m] = Math.Max(0, margins[_capacity[m]]);
            }

            Array.Copy(next, raise, raise.Length);
        }

        long total = 0;
        for (var m = 0; m < raise.Length; m++)
        {
            total += _capacity[m] * raise[m];
        }

        foreach (var list in found)
        {
            if (list is { Count: > 0 })
            {
                total += Math.Max(0, Left(list));
            }
        }

        return total;
    }

    /// <summary>
    /// Keeps of the pairs found those among their mentee's best two or their mentor's best few (by gain): a mentor
    /// many mentees want takes only a few of them, whose pairs then raise its price, instead of every one.
    /// </summary>
    private (int[] At, bool[] Keep) Ration(List<(int Mentor, int Points, MeetingModes Mode, long Gain)>?[] additions)
    {
        // Each mentee's pairs at At[e] .. in one array, best gain first (mentee, then rank, breaking ties).
        var at = new int[additions.Length + 1];
        for (var e = 0; e < additions.Length; e++)
        {
            at[e + 1] = at[e] + (additions[e]?.Count ?? 0);
        }

        // Sorted by gain, highest first, then by mentee and rank (the position in this layout): the gains and positions
        // in two arrays (12 bytes a pair, where a tuple took 16), sorted by gain, each run of equal gains then by position.
        var gain = new long[at[^1]];
        var position = new int[at[^1]];
        for (var e = 0; e < additions.Length; e++)
        {
            if (additions[e] is { } list)
            {
                for (var x = 0; x < list.Count; x++)
                {
                    gain[at[e] + x] = -list[x].Gain;
                    position[at[e] + x] = at[e] + x;
                }
            }
        }

        Array.Sort(gain, position);
        for (var run = 0; run < gain.Length;)
        {
            var end = run + 1;
            while (end < gain.Length && gain[end] == gain[run])
            {
                end++;
            }

            Array.Sort(position, run, end - run);
            run = end;
        }

        // Each position's mentee (positions ascend with mentees).
        var menteeAt = new int[at[^1]];
        for (var e = 0; e < additions.Length; e++)
        {
            Array.Fill(menteeAt, e, at[e], at[e + 1] - at[e]);
        }

        var taken = new int[_k.MentorCount];
        var keep = new bool[gain.Length];
        foreach (var p in position)
        {
            var e = menteeAt[p];
            var x = p - at[e];
            var m = additions[e]![x].Mentor;
            if (x < 2 || taken[m] < PerMentor + (2 * _capacity[m]))
            {
                keep[p] = true;
                taken[m]++;
            }
        }

        return (at, keep);
    }

    /// <summary>Drops from the restricted set the pairs far from ever being used (see <see cref="PruneAbove"/>).</summary>
    /// <remarks>
    /// A mentee who loses a pair stays clean: the pair gained less than -PruneAbove at these prices, so it can gain
    /// only once its mentor's price falls, and the next round searches such mentors for every clean mentee. (Taking
    /// such mentees as not clean searched them all again: 100k x 100k's second to fourth pricing rounds made 236,000
    /// full searches instead of 165,000, for the same pairs.)
    /// </remarks>
    private void Prune(AssignmentProblem problem, AssignmentSolution solution, long[] left, long[] right)
    {
        Parallel.For(0, _arcs.Length, e =>
        {
            var a = solution.ArcOfLeft[e];
            var keep = a >= 0 ? problem.ArcRight(a) : -1;
            _arcs[e].RemoveAll(x => x.Mentor != keep && left[e] + right[x.Mentor] - x.Points > PruneAbove && !_k.HasPreference(x.Mentor, e) && !_forest.Contains(((long)e * _k.MentorCount) + x.Mentor));
        });
    }
}
