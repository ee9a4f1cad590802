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
internal sealed partial class ExactSparse
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
    private readonly MeetingModes[] _bModes;
    private readonly bool[] _bChecked;
    private readonly int[] _bKind;
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

    // The mentees, neighbours together (see NearbyOrder): the order the search loops take them in.
    private readonly int[] _nearby;

    // Per group of a cell, its cell's key (see BoxDistance); and per cell holding mentees, the groups of the cells
    // near it (see NearCellGroups), made when first needed.
    private readonly long[] _bCell;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, int[]> _near = new();

    // The restricted pair set: per mentee its mentors, points and modes.
    private readonly List<(int Mentor, int Points, MeetingModes Mode)>[] _arcs;

    // Per mentee, the eligible mentors of its first restricted set (0 only for a mentee with no eligible mentor).
    private int[]? _firstFound;

    /// <summary>Indexes a batch's mentors for the search, the counts proof and pricing.</summary>
    /// <param name="kernel">The pair kernel of the batch.</param>
    /// <param name="capacity">Each mentor's places.</param>
    /// <param name="priority">Each mentee's priority (unmet needs).</param>
    /// <param name="options">The options.</param>
    /// <param name="crowdedCell">The cell occupancy above which grid cells are halved (see <see cref="CrowdedCell"/>); tests lower it to force small cells.</param>
    public ExactSparse(PairKernel kernel, int[] capacity, bool[] priority, MatchOptions options, double crowdedCell = CrowdedCell)
    {
        _k = kernel;
        _capacity = capacity;
        _priority = priority;
        _o = options;
        var reach = RuleIndex.Reach(options);
        _mxyz = Xyz(kernel.MentorPoint);
        _exyz = Xyz(kernel.MenteePoint);
        _cellKm = CellSize(reach, kernel, capacity, crowdedCell);

        // Groups (virtual pool; a cell; a region) for the search, and hubs for the counts proof. Inside a group,
        // mentors are sorted into a tree by the score's dimensions (see Search).
        var typeOf = new Dictionary<(MeetingModes, bool, int), int>();
        var mentorType = new int[kernel.MentorCount];
        var keyed = new Dictionary<(int Kind, int Type, long Key), List<int>>();
        for (var m = 0; m < kernel.MentorCount; m++)
        {
            if (!kernel.MentorUsable[m] || capacity[m] <= 0)
            {
                continue;
            }

            var modes = kernel.MentorModes[m];
            var tk = (modes, kernel.MentorChecked[m], kernel.MentorSlots[m]);
            if (!typeOf.TryGetValue(tk, out var t))
            {
                t = typeOf.Count;
                typeOf[tk] = t;
            }

            mentorType[m] = t;
            var hubType = (kernel.MentorSlots[m] << 3) | ((int)(modes & InPerson) * 2) | (kernel.MentorChecked[m] ? 1 : 0);
            if ((modes & MeetingModes.Virtual) != 0)
            {
                Add(keyed, (0, 0, 0), m);
                Add(keyed, (10, (kernel.MentorSlots[m] << 3) | (kernel.MentorChecked[m] ? 1 : 0), 0), m);
            }

            if ((modes & InPerson) != 0)
            {
                var region = kernel.MentorRegion[m];
                if (kernel.MentorPoint[m] is not null)
                {
                    var cell = CellKey(_mxyz, m, _cellKm);
                    Add(keyed, (1, 0, cell), m);
                    Add(keyed, (2, 0, (region * 2L) + 1), m);
                    Add(keyed, (11, hubType, cell), m);
                    Add(keyed, (12, hubType, (region * 2L) + 1), m);
                }
                else
                {
                    Add(keyed, (2, 0, region * 2L), m);
                    Add(keyed, (12, hubType, region * 2L), m);
                }
            }
        }

        _tModes = new MeetingModes[typeOf.Count];
        _tChecked = new bool[typeOf.Count];
        _tSlots = new int[typeOf.Count];
        foreach (var ((modes, isChecked, slots), t) in typeOf)
        {
            (_tModes[t], _tChecked[t], _tSlots[t]) = (modes, isChecked, slots);
        }

        var count = keyed.Count;
        _start = new int[count + 1];
        _members = new int[keyed.Sum(k => k.Value.Count)];
        var groups = new List<int>();
        _bKind = new int[count];
        _bModes = new MeetingModes[count];
        _bChecked = new bool[count];
        _bSlots = new int[count];
        _bCell = new long[count];
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
            _bKind[b] = key.Kind;
            _bCell[b] = key.Kind is 1 or 11 ? key.Key : 0;
            if (key.Kind < 10)
            {
                // A group: the union of its members' modes, checks and slots, so that the filter only ever lets more in.
                foreach (var m in list)
                {
                    _bModes[b] |= kernel.MentorModes[m];
                    _bChecked[b] |= kernel.MentorChecked[m];
                }

                _bSlots[b] = list.Any(m => kernel.MentorSlots[m] == 0) ? 0 : list.Aggregate(0, (a, m) => a | kernel.MentorSlots[m]);
                groups.Add(b);
            }
            else
            {
                _bModes[b] = key.Kind == 10 ? MeetingModes.Virtual : (MeetingModes)((key.Type >> 1) & 3);
                _bSlots[b] = kernel.MentorSlots[list[0]];
                _bChecked[b] = kernel.MentorChecked[list[0]];
            }

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
        BuildTrees(groups, mentorType);
        _nearby = NearbyOrder();
        _arcs = new List<(int, int, MeetingModes)>[kernel.MenteeCount];
        _known = new (int, int, MeetingModes)[]?[kernel.MenteeCount];
        for (var e = 0; e < _arcs.Length; e++)
        {
            _arcs[e] = [];
        }
    }

    /// <summary>The least pairs of a hard round (see <see cref="FewAdded"/>) that is still tried warm (tests lower it).</summary>
    internal int HardWarmFrom { get; set; } = 400_000;

    /// <summary>A warm round's budget per pair and mentee instead of <see cref="WarmBudget"/> (tests lower it, so that rounds give up).</summary>
    internal long? WarmBudgetForTests { get; set; }

    /// <summary>Whether hard rounds are tried warm where places are fewer than young people too (tests set it).</summary>
    internal bool HardWarmWhenScarce { get; set; }

    /// <summary>The grid's cell size, km.</summary>
    internal double CellKm => _cellKm;

    /// <summary>The restricted problem of the current pair set, with the mode of each arc.</summary>
    public (AssignmentProblem Problem, List<MeetingModes> Modes) Problem()
    {
        var count = _arcs.Sum(list => list.Count);
        var problem = new AssignmentProblem(_priority, _capacity, count);
        var modes = new List<MeetingModes>(count);
        for (var e = 0; e < _arcs.Length; e++)
        {
            _arcs[e].Sort((x, y) => x.Mentor.CompareTo(y.Mentor));
            foreach (var (m, p, mode) in _arcs[e])
            {
                problem.AddArc(e, m, p);
                modes.Add(mode);
            }

        }

        return (problem, modes);
    }

    /// <summary>
    /// Solves to proven optimality over all eligible pairs: first candidates, then rounds of counts proof and pricing.
    /// </summary>
    public (AssignmentSolution Solution, AssignmentProblem Problem, List<MeetingModes> Modes, Stats Stats) Solve(
        ObjectiveOrder objective, int maxRounds, IProgress<MatchProgress>? progress, CancellationToken ct, RoundLimits? limits = null)
    {
        var stats = new Stats();
        // Once proven over all eligible pairs, the counts stay proven: pricing only adds pairs, and no pair can raise
        // a maximum taken over all of them.
        var countsProven = false;
        (int Priority, int Matched) proven = default;
        SparseWarm? warm = null;
        var gaveUp = 0;
        var hardSkips = 0;
        var scarce = _capacity.Sum(c => (long)Math.Max(0, c)) < _k.MenteeCount;
        long lastAdded = 0;
        limits?.Begin();
        for (var round = 1; ; round++)
        {
            ct.ThrowIfCancellationRequested();
            limits?.SolveBegins();
            var (problem, modes) = Problem();
            progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"solving round {round} ({problem.ArcCount:N0} pairs)"), round, 0) { Kind = ProgressStage.Solving });
            // A round starts from the last optimum (SparseAssignment: only what its added pairs change is searched).
            // The first round, a hard one (below), one where most mentees would search again (SolveRound) and one
            // whose searches outgrow their budget are solved by SparseAssignment's auction, from the last optimum's
            // prices after the first round (100k x 100k round 1: 3.5 s against OR-Tools' 7.7 s), or by OR-Tools where
            // the auction gives up. After a pricing round that added more than a third of the pairs, nearly everyone
            // may search again, and the budget is the smaller one: 100k x 100k's round 3 gave up warm after 4.1 s
            // (the auction then took about 3 s), while 20k x 20k co-located's such rounds take 0.2 s warm.
            var many = lastAdded * 3 > problem.ArcCount;
            var budget = (WarmBudgetForTests ?? (gaveUp > 0 || many ? WarmBudgetAfterGivingUp : WarmBudget)) * ((long)problem.ArcCount + problem.LeftCount);
            // After two rounds in a row that gave up, a round is hard until a pricing round adds few pairs (hard rounds
            // come in runs: 40k x 100k gave up in eight rounds in a row). A small hard round is solved by auction; a
            // large one is still tried warm: 300k x 300k gave up in rounds 3 and 4, and its later rounds (4 to 7 million
            // pairs) took 40 to 60 s each by OR-Tools, against about 3 s warm. A hard round whose warm attempt gives up
            // again is followed by two solved by auction (40k x 100k's never succeed). Where places are fewer than
            // young people, hard rounds are solved by auction whatever their size: 40k x 100k's warm attempts there
            // never succeeded, and with them its solving took 42 s (28 to 36 s without, on the same noisy day).
            var hard = gaveUp >= 2 && lastAdded * FewAdded > problem.ArcCount;
            var tryWarm = warm is not null && (!hard || (problem.ArcCount >= HardWarmFrom && hardSkips == 0 && (!scarce || HardWarmWhenScarce)));
            hardSkips -= hard && !tryWarm && hardSkips > 0 ? 1 : 0;
            var (solution, warmGaveUp, adopted) = SolveRound(problem, objective, tryWarm ? warm : null, warm, budget, countsProven ? proven : null, beside: gaveUp > 0, ct);
            gaveUp = !tryWarm ? gaveUp : warmGaveUp ? gaveUp + 1 : 0;
            hardSkips = hard && tryWarm && warmGaveUp ? HardSkips : hardSkips;
            stats.HardWarmRounds += hard && tryWarm ? 1 : 0;
            stats.WarmGaveUp += warmGaveUp ? 1 : 0;
            warm = solution.SparseWarm;
            limits?.SolveEnded();

            if (!countsProven)
            {
                progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"counts proof round {round}"), round, 0) { Kind = ProgressStage.Counts });
                long forest = 0;
                var paths = ProveCounts(problem, solution, priorityOnly: true, ref forest, ct);
                if (objective == ObjectiveOrder.MostPairsFirst && paths == 0)
                {
                    paths = ProveCounts(problem, solution, priorityOnly: false, ref forest, ct);
                }

                if (paths > 0)
                {
                    progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"counts round {round}: {paths:N0} augmenting paths found, their pairs added"), round, 0) { Kind = ProgressStage.Counts });
                    continue;
                }

                countsProven = true;
                proven = (solution.PriorityMatched, solution.Matched);
                if (forest > 0)
                {
                    // The pairs of the alternating forest were added: solve again before pricing (no pair may be
                    // added without being solved over, or pricing, which skips it, could certify a wrong optimum).
                    progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"counts round {round}: proven; {forest:N0} pairs of the alternating forest added"), round, 0) { Kind = ProgressStage.Counts });
                    continue;
                }
            }

            // The first pricing starts from the lowest mentor prices the optimum allows (as OR-Tools' optimum is
            // adopted): the searches' duals may put a count's bonus on a mentor where the full problem does not need
            // it, and every pair to that mentor would then look as if it raised the counts (100k x 100k: a first
            // bound of 1.9e11 points, 2.4e6 with these; 18 rounds, 16 with these).
            if (stats.PriceRounds == 0 && !adopted && SparseAssignment.Adopt(problem, objective, solution, ct) is { } lowest)
            {
                solution = lowest;
                warm = solution.SparseWarm;
            }

            progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"pricing round {round}"), round, 0) { Kind = ProgressStage.Pricing });
            // The limits are checked before each pricing round (see RoundLimits): this round is the last once one has
            // passed or going on would pass it, and its bound is tightened (it becomes the status's gap if pairs are
            // still left).
            var stoppedBy = limits?.PricingBegins() ?? StoppedBy.None;
            var last = round >= maxRounds || stoppedBy != StoppedBy.None;
            Reclaim(problem.ArcCount);
            var (added, bound) = Price(problem, solution, prune: stats.PriceRounds < PruneRounds, tighten: last, ct);
            limits?.PricingEnded();
            lastAdded = added;
            stats.ViolationBound = bound;
            progress?.Report(new MatchProgress(string.Create(CultureInfo.InvariantCulture, $"priced round {round}: {added:N0} pairs added; score within {bound / 100.0:0.##} points of the optimum"), round, 0) { Kind = ProgressStage.Pricing });
            if (added == 0)
            {
                stats.Certified = true;
                return (solution, problem, modes, stats);
            }

            stats.PriceRounds++;
            if (last)
            {
                stats.StoppedBy = round < maxRounds ? stoppedBy : StoppedBy.None;
                return SolveOnceMore(objective, limits, warm, proven, (solution, problem, modes, stats), progress, ct);
            }
        }
    }

    /// <summary>
    /// How many pairs a warm-started round may scan in its searches, per pair and mentee of the problem, before it gives
    /// up and the round is solved by the auction (or OR-Tools where it gives up), whose optimum the next
    /// round then starts from. A scanned pair costs about 20 to 80 ns, an OR-Tools solve about 2 to 5 us per pair: 100
    /// is about where those broke even (8k x 20k and 100k x 100k; 20k x 20k co-located never reaches it). The auction
    /// takes about 2.5 us per pair at 100k x 100k, so the break-even may now be lower; not measured again.
    /// </summary>
    private const long WarmBudget = 100;

    /// <summary>
    /// The budget of the round after one that gave up: hard rounds tend to come in runs (40k x 100k gave up in five
    /// rounds in a row), and there most either end well below 30 or run far past 100.
    /// </summary>
    private const long WarmBudgetAfterGivingUp = 30;

    /// <summary>
    /// After two warm rounds in a row gave up, a round of fewer pairs than HardWarmFrom is tried warm again only when the
    /// last pricing added at most one pair in this many of the problem's.
    /// </summary>
    private const long FewAdded = 50;

    /// <summary>Hard rounds solved by auction after a hard round's warm attempt gave up.</summary>
    private const int HardSkips = 2;

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

    private sealed class Worker(int earned)
    {
        /// <summary>The best pairs of the search under way (sorted into <see cref="Best"/> when it ends).</summary>
        public TopPairs Top { get; } = new();

        /// <summary>What each value of each dimension earns with the mentee searched (see <see cref="Begin"/>).</summary>
        public int[] Earned { get; } = new int[earned];

        public int[] Acc { get; } = new int[Depths];

        public int[] Rem { get; } = new int[Depths + 1];

        public List<(int Mentor, int Points, MeetingModes Mode, long Gain)> Best { get; } = [];

        public List<(int Bucket, double Prox)> Access { get; } = [];

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
}
