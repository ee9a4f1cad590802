using System.Diagnostics;
using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Solving;

namespace MatchEngine.Candidates;

/// <summary>
/// The exact engine for batches too large to check pair by pair (Lee and Orlin's method): solve on a restricted set
/// of the best pairs, prove the counts maximal over every eligible pair with an alternating search on the implicit
/// graph, price every eligible pair left out against the dual values, add those that could raise the score, and solve
/// again until none is left. The result is then optimal over all eligible pairs, and says so.
/// </summary>
/// <remarks>
/// Mentors are kept in buckets: one per profile (everyone who scores the same against every mentee) and way of
/// meeting (virtual: one bucket per profile for the whole country; in person: per profile and 3-D grid cell, or per
/// profile and region where a location is missing). A mentee's reachable mentors are the buckets it can use; a
/// bucket's score bound (its profile, and the nearest point of its cell for proximity) against the lowest dual value
/// in it lets one test rule out a whole bucket.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1502:Avoid excessive complexity", Justification = "The search, counts and pricing loops are hot paths kept whole on purpose: every pair examined passes through them, and splitting them would add calls and closures per pair.")]
internal sealed class ExactSparse
{
    private const MeetingModes InPerson = MeetingModes.FaceToFace | MeetingModes.Hybrid;

    /// <summary>Candidates per mentee drawn from across its reach (beyond the best ones).</summary>
    private const int Spread = 4;
    private const double EarthKm = GeoPoint.EarthRadiusKm;

    private readonly PairKernel _k;
    private readonly int[] _capacity;
    private readonly bool[] _priority;
    private readonly MatchOptions _o;
    private readonly double _cellKm;

    // Buckets in compressed rows: members of bucket b are _members[_start[b] .. _start[b + 1]).
    private readonly int[] _start;
    private readonly int[] _members;
    private readonly int[] _rep;
    private readonly MeetingModes[] _bModes;
    private readonly bool[] _bChecked;
    private readonly int[] _bSlots;
    private readonly int[] _virtual;
    private readonly Dictionary<long, int[]> _cells;
    private readonly Dictionary<long, int[]> _regions;

    // Hubs for the counts proof: every mentor reachable the same way (virtual; a cell or region by in-person modes and
    // check), whatever their profile, so one search draws each mentor once without visiting profiles.
    private readonly int[] _virtualHubs;
    private readonly Dictionary<long, int[]> _cellHubs;
    private readonly Dictionary<long, int[]> _regionHubs;
    private readonly double[] _mxyz;
    private readonly double[] _exyz;

    // The restricted pair set: per mentee its mentors, points and modes.
    private readonly List<(int Mentor, int Points, MeetingModes Mode)>[] _arcs;

    public ExactSparse(PairKernel kernel, int[] capacity, bool[] priority, MatchOptions options)
    {
        _k = kernel;
        _capacity = capacity;
        _priority = priority;
        _o = options;
        var reach = RuleIndex.Reach(options);
        _cellKm = Math.Max(0.5, reach / 6);
        _mxyz = Xyz(kernel.MentorPoint);
        _exyz = Xyz(kernel.MenteePoint);

        // Types: profile x modes x check.
        var typeOf = new Dictionary<(int, MeetingModes, bool, int), int>();
        var keyed = new Dictionary<(int Kind, int Type, long Key), List<int>>();
        for (var m = 0; m < kernel.MentorCount; m++)
        {
            if (!kernel.MentorUsable[m] || capacity[m] <= 0)
            {
                continue;
            }

            var modes = kernel.MentorModes[m];
            var tk = (kernel.MentorProfile[m], modes, kernel.MentorChecked[m], kernel.MentorSlots[m]);
            if (!typeOf.TryGetValue(tk, out var t))
            {
                t = typeOf.Count;
                typeOf[tk] = t;
            }

            var hubType = (kernel.MentorSlots[m] << 3) | ((int)(modes & InPerson) * 2) | (kernel.MentorChecked[m] ? 1 : 0);
            if ((modes & MeetingModes.Virtual) != 0)
            {
                Add(keyed, (0, t, 0), m);
                Add(keyed, (10, (kernel.MentorSlots[m] << 3) | (kernel.MentorChecked[m] ? 1 : 0), 0), m);
            }

            if ((modes & InPerson) != 0)
            {
                var region = kernel.MentorRegion[m];
                if (kernel.MentorPoint[m] is not null)
                {
                    var cell = CellKey(_mxyz, m);
                    Add(keyed, (1, t, cell), m);
                    Add(keyed, (2, t, (region * 2L) + 1), m);
                    Add(keyed, (11, hubType, cell), m);
                    Add(keyed, (12, hubType, (region * 2L) + 1), m);
                }
                else
                {
                    Add(keyed, (2, t, region * 2L), m);
                    Add(keyed, (12, hubType, region * 2L), m);
                }
            }
        }

        var count = keyed.Count;
        _start = new int[count + 1];
        _members = new int[keyed.Sum(k => k.Value.Count)];
        _rep = new int[count];
        _bModes = new MeetingModes[count];
        _bChecked = new bool[count];
        _bSlots = new int[count];
        var virt = new List<int>();
        var cells = new Dictionary<long, List<int>>();
        var regions = new Dictionary<long, List<int>>();
        var virtHubs = new List<int>();
        var cellHubs = new Dictionary<long, List<int>>();
        var regionHubs = new Dictionary<long, List<int>>();
        var b = 0;
        foreach (var (key, list) in keyed)
        {
            _start[b + 1] = _start[b] + list.Count;
            list.CopyTo(_members, _start[b]);
            _rep[b] = list[0];
            _bModes[b] = key.Kind < 10 ? kernel.MentorModes[list[0]] : key.Kind == 10 ? MeetingModes.Virtual : (MeetingModes)((key.Type >> 1) & 3);
            _bSlots[b] = kernel.MentorSlots[list[0]];
            _bChecked[b] = kernel.MentorChecked[list[0]];
            switch (key.Kind)
            {
                case 0: virt.Add(b); break;
                case 1: Add(cells, key.Key, b); break;
                case 2: Add(regions, key.Key, b); break;
                case 10: virtHubs.Add(b); break;
                case 11: Add(cellHubs, key.Key, b); break;
                default: Add(regionHubs, key.Key, b); break;
            }

            b++;
        }

        _virtual = [.. virt];
        _cells = cells.ToDictionary(x => x.Key, x => x.Value.ToArray());
        _regions = regions.ToDictionary(x => x.Key, x => x.Value.ToArray());
        _virtualHubs = [.. virtHubs];
        _cellHubs = cellHubs.ToDictionary(x => x.Key, x => x.Value.ToArray());
        _regionHubs = regionHubs.ToDictionary(x => x.Key, x => x.Value.ToArray());
        _arcs = new List<(int, int, MeetingModes)>[kernel.MenteeCount];
        for (var e = 0; e < _arcs.Length; e++)
        {
            _arcs[e] = [];
        }
    }

    /// <summary>Buckets of mentors (for the figures).</summary>
    public int BucketCount => _rep.Length;

    /// <summary>Pairs in the restricted set.</summary>
    public long ArcCount => _arcs.Sum(a => (long)a.Count);

    /// <summary>Pairs examined by the searches and pricing (for the figures).</summary>
    public long Examined => Interlocked.Read(ref _examined);

    private long _examined;

    /// <summary>What a run did: rounds, pairs added, seconds per stage.</summary>
    public sealed class Stats
    {
        public int CountRounds { get; set; }

        public int PriceRounds { get; set; }

        public long PathArcsAdded { get; set; }

        public long PricedArcsAdded { get; set; }

        public double CandidateSeconds { get; set; }

        public double CountSeconds { get; set; }

        public double SolveSeconds { get; set; }

        public double PriceSeconds { get; set; }

        public bool Certified { get; set; }

        public long ViolationBound { get; set; }
    }

    /// <summary>The restricted problem of the current pair set, with the mode of each arc.</summary>
    public (AssignmentProblem Problem, List<MeetingModes> Modes, int[] MenteeArcs) Problem()
    {
        var problem = new AssignmentProblem(_priority, _capacity);
        var modes = new List<MeetingModes>();
        var per = new int[_arcs.Length];
        for (var e = 0; e < _arcs.Length; e++)
        {
            _arcs[e].Sort((x, y) => x.Mentor.CompareTo(y.Mentor));
            foreach (var (m, p, mode) in _arcs[e])
            {
                problem.AddArc(e, m, p);
                modes.Add(mode);
            }

            per[e] = _arcs[e].Count;
        }

        return (problem, modes, per);
    }

    /// <summary>
    /// Solves to proven optimality over all eligible pairs: first candidates, then rounds of counts proof and pricing.
    /// </summary>
    public (AssignmentSolution Solution, AssignmentProblem Problem, List<MeetingModes> Modes, Stats Stats) Solve(
        ObjectiveOrder objective, int maxRounds, IProgress<MatchProgress>? progress, CancellationToken ct)
    {
        var stats = new Stats();
        var clock = Stopwatch.StartNew();
        for (var round = 1; ; round++)
        {
            ct.ThrowIfCancellationRequested();
            clock.Restart();
            var (problem, modes, _) = Problem();
            progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"solving round {round} ({problem.ArcCount:N0} pairs)"), round, 0));
            var solution = AssignmentSolver.Solve(problem, objective, withPrices: true, ct);
            stats.SolveSeconds += clock.Elapsed.TotalSeconds;

            clock.Restart();
            progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"counts proof round {round}"), round, 0));
            var paths = ProveCounts(problem, solution, priorityOnly: true, ct);
            if (objective == ObjectiveOrder.MostPairsFirst && paths == 0)
            {
                paths = ProveCounts(problem, solution, priorityOnly: false, ct);
            }

            stats.CountSeconds += clock.Elapsed.TotalSeconds;
            if (paths > 0)
            {
                stats.CountRounds++;
                stats.PathArcsAdded += paths;
                progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"counts round {round}: {paths:N0} augmenting paths found, their pairs added"), round, 0));
                continue;
            }

            clock.Restart();
            progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"pricing round {round}"), round, 0));
            var (added, bound) = Price(problem, solution, ct);
            stats.PriceSeconds += clock.Elapsed.TotalSeconds;
            stats.ViolationBound = bound;
            progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"priced round {round}: {added:N0} pairs added; score within {bound / 100.0:0.##} points of the optimum"), round, 0));
            if (added == 0)
            {
                stats.Certified = true;
                return (solution, problem, modes, stats);
            }

            stats.PriceRounds++;
            stats.PricedArcsAdded += added;
            if (round >= maxRounds)
            {
                return (solution, problem, modes, stats);
            }
        }
    }

    /// <summary>The buckets mentee <paramref name="e"/> can draw from, each with an upper bound on proximity (0 to 1).</summary>
    private void Access(int e, List<(int Bucket, double Prox)> into, bool hubs = false, bool withVirtual = true)
    {
        var virtualBuckets = hubs ? _virtualHubs : _virtual;
        var cellMap = hubs ? _cellHubs : _cells;
        var regionMap = hubs ? _regionHubs : _regions;
        into.Clear();
        if (!_k.MenteeUsable[e])
        {
            return;
        }

        var modes = _k.MenteeModes[e];
        var needs = _k.MenteeNeedsCheck[e];
        var slots = _k.MenteeSlots[e];
        if ((modes & MeetingModes.Virtual) != 0 && withVirtual)
        {
            foreach (var b in virtualBuckets)
            {
                if ((!needs || _bChecked[b]) && PairKernel.SlotsMeet(_bSlots[b], slots))
                {
                    into.Add((b, 0));
                }
            }
        }

        var ip = modes & InPerson;
        if (ip == 0)
        {
            return;
        }

        var region = _k.MenteeRegion[e];
        if (_k.MenteePoint[e] is not null)
        {
            var radius = Math.Max((ip & MeetingModes.FaceToFace) != 0 ? _o.FaceToFaceMaxKm : 0, (ip & MeetingModes.Hybrid) != 0 ? _o.HybridMaxKm : 0);
            var chord = 2 * EarthKm * Math.Sin(Math.Min(radius / (2 * EarthKm), Math.PI / 2));
            double x = _exyz[3 * e], y = _exyz[(3 * e) + 1], z = _exyz[(3 * e) + 2];
            var r = (int)Math.Ceiling(chord / _cellKm);
            void Cell(long key, int[] buckets)
            {
                var d = BoxDistance(key, x, y, z);
                if (d > chord + 1e-9)
                {
                    return;
                }

                var prox = 1 - (d / _k.ProximityScale);
                foreach (var b in buckets)
                {
                    if ((_bModes[b] & ip) != 0 && (!needs || _bChecked[b]) && PairKernel.SlotsMeet(_bSlots[b], slots))
                    {
                        into.Add((b, prox));
                    }
                }
            }

            void Visit(long key)
            {
                if (cellMap.TryGetValue(key, out var buckets))
                {
                    Cell(key, buckets);
                }
            }

            if ((long)(2 * r + 1) * (2 * r + 1) * 2 > cellMap.Count)
            {
                foreach (var (key, buckets) in cellMap)
                {
                    Cell(key, buckets);
                }
            }
            else
            {
                // Only the cells near the sphere's surface: per column, the z-range where the surface meets the ball.
                long cx = (long)Math.Floor(x / _cellKm), cy = (long)Math.Floor(y / _cellKm);
                var rr = EarthKm * EarthKm;
                for (var i = cx - r; i <= cx + r; i++)
                {
                    var ax = Math.Min(Math.Abs(i * _cellKm), Math.Abs((i + 1) * _cellKm));
                    var bx = Math.Max(Math.Abs(i * _cellKm), Math.Abs((i + 1) * _cellKm));
                    if (i * _cellKm <= 0 && (i + 1) * _cellKm >= 0)
                    {
                        ax = 0;
                    }

                    for (var j = cy - r; j <= cy + r; j++)
                    {
                        var ay = Math.Min(Math.Abs(j * _cellKm), Math.Abs((j + 1) * _cellKm));
                        var by = Math.Max(Math.Abs(j * _cellKm), Math.Abs((j + 1) * _cellKm));
                        if (j * _cellKm <= 0 && (j + 1) * _cellKm >= 0)
                        {
                            ay = 0;
                        }

                        var minXy = (ax * ax) + (ay * ay);
                        if (minXy > rr + 1)
                        {
                            continue;
                        }

                        var maxXy = (bx * bx) + (by * by);
                        var zHi = Math.Sqrt(Math.Max(0, rr - minXy)) + 1;
                        var zLo = Math.Max(0, Math.Sqrt(Math.Max(0, rr - maxXy)) - 1);
                        // The surface in this column lies at |z| in [zLo, zHi]; keep the part within the ball's z-range.
                        long k1 = 1, k2 = 0, k3 = 1, k4 = 0;
                        double lo = Math.Max(zLo, z - chord - 1), hi = Math.Min(zHi, z + chord + 1);
                        if (lo <= hi)
                        {
                            (k1, k2) = ((long)Math.Floor(lo / _cellKm), (long)Math.Floor(hi / _cellKm));
                        }

                        lo = Math.Max(-zHi, z - chord - 1);
                        hi = Math.Min(-zLo, z + chord + 1);
                        if (lo <= hi)
                        {
                            (k3, k4) = ((long)Math.Floor(lo / _cellKm), (long)Math.Floor(hi / _cellKm));
                        }

                        if (k1 <= k2 && k3 <= k4 && k3 <= k2 + 1 && k1 <= k4 + 1)
                        {
                            (k1, k2, k3, k4) = (Math.Min(k1, k3), Math.Max(k2, k4), 1, 0);
                        }

                        for (var k = k1; k <= k2; k++)
                        {
                            Visit(Pack(i, j, k));
                        }

                        for (var k = k3; k <= k4; k++)
                        {
                            Visit(Pack(i, j, k));
                        }
                    }
                }
            }

            AddRegion(regionMap, region * 2L, ip, needs, slots, into);
        }
        else
        {
            AddRegion(regionMap, (region * 2L) + 1, ip, needs, slots, into);
            AddRegion(regionMap, region * 2L, ip, needs, slots, into);
        }
    }

    private void AddRegion(Dictionary<long, int[]> regionMap, long key, MeetingModes ip, bool needs, int slots, List<(int, double)> into)
    {
        if (regionMap.TryGetValue(key, out var buckets))
        {
            foreach (var b in buckets)
            {
                if ((_bModes[b] & ip) != 0 && (!needs || _bChecked[b]) && PairKernel.SlotsMeet(_bSlots[b], slots))
                {
                    into.Add((b, 0));
                }
            }
        }
    }

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
                        examined++;
                        if (_k.Decide(_members[i], e, out var mode, out var points))
                        {
                            found.Add((_members[i], points, mode));
                        }
                    }
                }
            }

            _arcs[e].AddRange(found);
            Interlocked.Add(ref _examined, examined);
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

    /// <summary>
    /// Berge: the matching is maximum exactly when no augmenting path exists. Searches breadth-first from every free
    /// mentee (of the priority tier, or all) over all eligible pairs, drawing each mentor from the buckets once; every
    /// path found to a mentor with a spare place has its pairs added to the restricted set. Returns the pairs added
    /// (0: the counts are maximal over all eligible pairs).
    /// </summary>
    private long ProveCounts(AssignmentProblem problem, AssignmentSolution solution, bool priorityOnly, CancellationToken ct)
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

        // Phases in the manner of Hopcroft and Karp: a breadth-first search from every free mentee at once, then
        // augment along as many disjoint paths as it found, until a search finds none.
        long augmented = 0;
        var alive = new int[_members.Length];
        var aliveEnd = new int[_rep.Length];
        var reached = new bool[nM];
        var parent = new int[nM];
        var seen = new bool[nE];
        var usedMentee = new bool[nE];
        var usedMentor = new bool[nM];
        var queue = new Queue<int>();
        var ends = new List<int>();
        var access = new List<(int, double)>();
        var path = new List<(int Mentee, int Mentor)>();
        while (true)
        {
            _members.CopyTo(alive, 0);
            for (var b = 0; b < aliveEnd.Length; b++)
            {
                aliveEnd[b] = _start[b + 1];
            }

            Array.Clear(reached);
            Array.Clear(seen);
            Array.Clear(usedMentee);
            Array.Clear(usedMentor);
            ends.Clear();
            for (var e = 0; e < nE; e++)
            {
                if (matchedTo[e] < 0 && _k.MenteeUsable[e] && (!priorityOnly || _priority[e]))
                {
                    seen[e] = true;
                    queue.Enqueue(e);
                }
            }

            var steps = 0;
            while (queue.Count > 0)
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
                    while (i < aliveEnd[b])
                    {
                        var m = alive[i];
                        if (reached[m])
                        {
                            alive[i] = alive[--aliveEnd[b]];
                            continue;
                        }

                        _examined++;
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
                            ends.Add(m);
                            continue;
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
                }
            }

            var found = 0;
            foreach (var end in ends)
            {
                // Walk back from the mentor with a spare place to the free mentee; use the path if it is disjoint.
                path.Clear();
                var ok = !usedMentor[end];
                var m = end;
                while (ok)
                {
                    var e = parent[m];
                    if (usedMentee[e])
                    {
                        ok = false;
                        break;
                    }

                    path.Add((e, m));
                    if (matchedTo[e] < 0)
                    {
                        break;
                    }

                    m = matchedTo[e];
                    if (usedMentor[m])
                    {
                        ok = false;
                    }
                }

                if (!ok)
                {
                    continue;
                }

                foreach (var (e, to) in path)
                {
                    usedMentee[e] = true;
                    usedMentor[to] = true;
                    var from = matchedTo[e];
                    if (from >= 0)
                    {
                        byMentor[from]!.Remove(e);
                        load[from]--;
                    }

                    matchedTo[e] = to;
                    (byMentor[to] ??= []).Add(e);
                    load[to]++;
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
            return 0;
        }

        // The larger matching joins the restricted set, so the restricted optimum reaches the proven counts.
        for (var e = 0; e < nE; e++)
        {
            var m = matchedTo[e];
            if (m >= 0 && !Has(_arcs[e], m) && _k.Decide(m, e, out var mode, out var points))
            {
                _arcs[e].Add((m, points, mode));
            }
        }

        return augmented;
    }

    /// <summary>
    /// Prices every eligible pair left out against the dual values of the restricted optimum: a pair (mentee i,
    /// mentor j) could raise the score only if its points exceed <c>PriceOfLeft[i] - PriceOfRight[j]</c>. Buckets
    /// are ruled out whole by their score bound against their lowest mentor price; the survivors are enumerated in
    /// order of price. Up to a few of the most violating pairs per mentee join the restricted set. Returns the pairs
    /// added and a bound on the total violation (an upper bound of the score still missing).
    /// </summary>
    private (long Added, long Bound) Price(AssignmentProblem problem, AssignmentSolution solution, CancellationToken ct)
    {
        _ = problem;
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
            var examined = 0L;
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

                    examined++;
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

            Interlocked.Add(ref _examined, examined);
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

    private static bool Has(List<(int Mentor, int Points, MeetingModes Mode)> list, int m)
    {
        foreach (var x in list)
        {
            if (x.Mentor == m)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The candidate graph of the restricted set for the rest of the engine (reasons, explanations, summary): the
    /// pairs, and for each mentee with none the rule that excluded most of a spread sample of mentors.
    /// </summary>
    public CandidateGraph Graph(Mentor[] mentors, Mentee[] mentees, int[] mentorAge, int[] menteeAge, PairGate gate, AssignmentProblem problem, List<MeetingModes> modes, CancellationToken ct)
    {
        var menteeEligible = new int[mentees.Length];
        var mentorEligible = new int[mentors.Length];
        for (var a = 0; a < problem.ArcCount; a++)
        {
            menteeEligible[problem.ArcLeft(a)]++;
            mentorEligible[problem.ArcRight(a)]++;
        }

        var gates = gate.Gates;
        var binding = new (int, int, int)[mentees.Length];
        var checkedCount = new int[mentees.Length];
        var stride = Math.Max(1, mentors.Length / 500);
        Parallel.For(0, mentees.Length, new ParallelOptions { CancellationToken = ct }, e =>
        {
            if (menteeEligible[e] > 0)
            {
                return;
            }

            var failures = new int[gates.Length];
            var first = new int[gates.Length];
            var n = 0;
            for (var m = e % stride; m < mentors.Length; m += stride)
            {
                var (ri, _, _) = gate.Decide(mentors[m], mentees[e], mentorAge[m], menteeAge[e]);
                n++;
                if (ri >= 0 && failures[ri]++ == 0)
                {
                    first[ri] = m;
                }
            }

            var best = 0;
            for (var r = 1; r < failures.Length; r++)
            {
                if (failures[r] > failures[best])
                {
                    best = r;
                }
            }

            binding[e] = (best, failures[best], first[best]);
            checkedCount[e] = n;
        });

        var mentorBinding = new (int, int)[mentors.Length];
        var ageRule = Array.FindIndex(gates, g => g.Code == RuleCodes.MentorTooYoung);
        var trainingRule = Array.FindIndex(gates, g => g.Code == RuleCodes.MentorNotTrained);
        for (var m = 0; m < mentors.Length; m++)
        {
            mentorBinding[m] = _k.MentorUsable[m] ? (-1, 0)
                : mentorAge[m] <= _o.MentorMinAgeExclusive && ageRule >= 0 ? (ageRule, mentees.Length)
                : trainingRule >= 0 ? (trainingRule, mentees.Length) : (-1, 0);
        }

        return new CandidateGraph
        {
            Gates = gates,
            Mentors = mentors,
            Mentees = mentees,
            MentorAge = mentorAge,
            MenteeAge = menteeAge,
            Problem = problem,
            ArcMode = modes,
            MenteeEligible = menteeEligible,
            MentorEligible = mentorEligible,
            MenteeBinding = binding,
            MentorBinding = mentorBinding,
            MenteeChecked = checkedCount,
            MenteeBound = new int[mentees.Length],
        };
    }

    private sealed class Worker
    {
        public List<(int Bucket, double Prox)> Access { get; } = [];

        public List<(int Bound, int Bucket)> Order { get; } = [];

        public List<(int Mentor, int Points, MeetingModes Mode)> Found { get; } = [];

        public List<(int Mentor, int Points, MeetingModes Mode, long Gain)> Priced { get; } = [];
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> d, TKey key, int value)
        where TKey : notnull
    {
        if (!d.TryGetValue(key, out var list))
        {
            list = [];
            d[key] = list;
        }

        list.Add(value);
    }

    private static double[] Xyz(GeoPoint?[] points)
    {
        const double rad = Math.PI / 180.0;
        var xyz = new double[points.Length * 3];
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i] is { } p)
            {
                double lat = p.Latitude * rad, lon = p.Longitude * rad;
                xyz[3 * i] = EarthKm * Math.Cos(lat) * Math.Cos(lon);
                xyz[(3 * i) + 1] = EarthKm * Math.Cos(lat) * Math.Sin(lon);
                xyz[(3 * i) + 2] = EarthKm * Math.Sin(lat);
            }
        }

        return xyz;
    }

    private long CellKey(double[] xyz, int i) =>
        Pack((long)Math.Floor(xyz[3 * i] / _cellKm), (long)Math.Floor(xyz[(3 * i) + 1] / _cellKm), (long)Math.Floor(xyz[(3 * i) + 2] / _cellKm));

    private static long Pack(long i, long j, long k) => ((i + (1 << 20)) << 42) | ((j + (1 << 20)) << 21) | (k + (1 << 20));

    /// <summary>
    /// A lower bound on the great-circle distance from a point to any point of a cell: the straight-line distance
    /// to the cell's box, less a margin for rounding (a chord is never longer than its arc).
    /// </summary>
    private double BoxDistance(long key, double x, double y, double z)
    {
        const long mask = (1L << 21) - 1;
        var i = ((key >> 42) & mask) - (1 << 20);
        var j = ((key >> 21) & mask) - (1 << 20);
        var k = (key & mask) - (1 << 20);
        static double Gap(double v, long c, double size)
        {
            double lo = c * size, hi = (c + 1) * size;
            return v < lo ? lo - v : v > hi ? v - hi : 0;
        }

        double dx = Gap(x, i, _cellKm), dy = Gap(y, j, _cellKm), dz = Gap(z, k, _cellKm);
        return Math.Max(0, Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz)) - 1e-6);
    }
}
