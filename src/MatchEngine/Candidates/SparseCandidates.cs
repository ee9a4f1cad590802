using MatchEngine.Model;

namespace MatchEngine;

/// <summary>
/// Candidate generation without the dense matrix, for national batches. Mentors who can take part are indexed by
/// where and how they can meet (k-d trees of those offering face-to-face or hybrid, a second set for the
/// background-checked ones who may meet under-18s; lists of those offering virtual; per region, those without
/// coordinates), and within each by the parts of the score that are rare: the sector and the gender. For a mentee
/// the search asks the index for the nearest mentors of the mentee's ideal kind (a sector among their interests, the
/// gender they asked for) and the nearest of any kind, so that it finds the best-scoring mentors without scoring
/// everyone. Every examined pair goes through the full hard rules and the scorer. The search also returns an upper
/// bound on the score of any eligible mentor it did not examine, which the matcher prices against the solver's dual
/// values to prove the result optimal or to widen the search.
/// </summary>
internal sealed class SparseCandidates
{
    private const string Any = "\u0001any";

    private readonly MatchOptions _options;
    private readonly Family<KdTree> _near;
    private readonly Family<KdTree> _nearDbs;
    private readonly Family<int[]> _virtual;
    private readonly Dictionary<string, int[]> _regionNoCoord;
    private readonly Dictionary<string, int[]> _regionNoCoordDbs;
    private readonly Dictionary<string, int[]> _regionAll;
    private readonly Dictionary<string, int[]> _regionAllDbs;
    private readonly double _radiusKm;

    /// <summary>One index per (sector, gender), per sector, per gender, and one of all.</summary>
    private sealed class Family<T>
        where T : class
    {
        public Dictionary<(string Sector, string Gender), T> ByBoth { get; } = [];

        public Dictionary<string, T> BySector { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, T> ByGender { get; } = new(StringComparer.Ordinal);

        public T? All { get; set; }
    }

    public SparseCandidates(Mentor[] mentors, int[] mentorAge, int[] capacity, MatchOptions options)
    {
        _options = options;
        _radiusKm = Math.Max(options.FaceToFaceMaxKm, options.HybridMaxKm);
        var near = new List<(GeoPoint, int, string, string)>();
        var nearDbs = new List<(GeoPoint, int, string, string)>();
        var virt = new List<(int, string, string)>();
        var noCoord = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var noCoordDbs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var all = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var allDbs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var m = 0; m < mentors.Length; m++)
        {
            var mentor = mentors[m];
            if (mentorAge[m] <= options.MentorMinAgeExclusive || !mentor.TrainingComplete || capacity[m] <= 0)
            {
                continue;
            }

            var sector = Norm(mentor.Sector);
            var gender = Norm(mentor.Gender);
            if ((mentor.Modes & (MeetingModes.FaceToFace | MeetingModes.Hybrid)) != 0)
            {
                var region = RegionKey(mentor.Region);
                Add(all, region, m);
                if (mentor.BackgroundChecked)
                {
                    Add(allDbs, region, m);
                }

                if (mentor.Location is { } p)
                {
                    near.Add((p, m, sector, gender));
                    if (mentor.BackgroundChecked)
                    {
                        nearDbs.Add((p, m, sector, gender));
                    }
                }
                else
                {
                    Add(noCoord, region, m);
                    if (mentor.BackgroundChecked)
                    {
                        Add(noCoordDbs, region, m);
                    }
                }
            }

            if ((mentor.Modes & MeetingModes.Virtual) != 0)
            {
                virt.Add((m, sector, gender));
            }
        }

        _near = Trees(near);
        _nearDbs = Trees(nearDbs);
        _virtual = Lists(virt);
        _regionNoCoord = Freeze(noCoord);
        _regionNoCoordDbs = Freeze(noCoordDbs);
        _regionAll = Freeze(all);
        _regionAllDbs = Freeze(allDbs);
    }

    private static Family<KdTree> Trees(List<(GeoPoint Point, int Mentor, string Sector, string Gender)> items)
    {
        var f = new Family<KdTree> { All = new KdTree([.. items.Select(i => (i.Point, i.Mentor))]) };
        foreach (var g in items.GroupBy(i => (i.Sector, i.Gender)))
        {
            f.ByBoth[g.Key] = new KdTree([.. g.Select(i => (i.Point, i.Mentor))]);
        }

        foreach (var g in items.GroupBy(i => i.Sector, StringComparer.Ordinal))
        {
            f.BySector[g.Key] = new KdTree([.. g.Select(i => (i.Point, i.Mentor))]);
        }

        foreach (var g in items.GroupBy(i => i.Gender, StringComparer.Ordinal))
        {
            f.ByGender[g.Key] = new KdTree([.. g.Select(i => (i.Point, i.Mentor))]);
        }

        return f;
    }

    private static Family<int[]> Lists(List<(int Mentor, string Sector, string Gender)> items)
    {
        var f = new Family<int[]> { All = [.. items.Select(i => i.Mentor)] };
        foreach (var g in items.GroupBy(i => (i.Sector, i.Gender)))
        {
            f.ByBoth[g.Key] = [.. g.Select(i => i.Mentor)];
        }

        foreach (var g in items.GroupBy(i => i.Sector, StringComparer.Ordinal))
        {
            f.BySector[g.Key] = [.. g.Select(i => i.Mentor)];
        }

        foreach (var g in items.GroupBy(i => i.Gender, StringComparer.Ordinal))
        {
            f.ByGender[g.Key] = [.. g.Select(i => i.Mentor)];
        }

        return f;
    }

    private static Dictionary<string, int[]> Freeze(Dictionary<string, List<int>> d) =>
        d.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    private static void Add(Dictionary<string, List<int>> d, string key, int m)
    {
        if (!d.TryGetValue(key, out var list))
        {
            d[key] = list = [];
        }

        list.Add(m);
    }

    private static string Norm(string? s) => string.IsNullOrWhiteSpace(s) ? string.Empty : s.Trim().ToLowerInvariant();

    private static string RegionKey(string region) => region.Trim().ToUpperInvariant();

    /// <summary>The indexes of a family that hold exactly the mentee's ideal kind (every wanted sector, the wanted gender), and the points the ideal kind adds over the rest.</summary>
    private static (List<T> Ideal, int MissingPoints) Plan<T>(Family<T> f, Mentee e, ScoreWeights w)
        where T : class
    {
        var sectors = e.Interests.Select(Norm).Where(s => s.Length > 0).Distinct().ToList();
        var pref = Norm(e.PreferredMentorGender);
        var list = new List<T>();
        int missing;
        if (sectors.Count > 0 && pref.Length > 0)
        {
            list.AddRange(sectors.Select(s => f.ByBoth.GetValueOrDefault((s, pref))).OfType<T>());
            missing = (int)Math.Round(Math.Min(w.SectorFit, w.GenderPreference) * 100);
        }
        else if (sectors.Count > 0)
        {
            list.AddRange(sectors.Select(s => f.BySector.GetValueOrDefault(s)).OfType<T>());
            missing = (int)Math.Round(w.SectorFit * 100);
        }
        else if (pref.Length > 0)
        {
            if (f.ByGender.GetValueOrDefault(pref) is { } g)
            {
                list.Add(g);
            }

            missing = (int)Math.Round(w.GenderPreference * 100);
        }
        else
        {
            missing = 0;
        }

        return (list, missing);
    }

    [ThreadStatic]
    private static List<int>? t_near;

    [ThreadStatic]
    private static (double D2, int Index)[]? t_heap;

    /// <summary>
    /// Examines candidates for one mentee and calls <paramref name="consider"/> for each examined mentor (each at
    /// most once). <paramref name="per"/> mentors are taken from each index of the ideal kind, twice as many from
    /// the index of all. Returns an upper bound (points) on the score of any eligible mentor not examined, or -1 when
    /// every one was examined.
    /// </summary>
    public int Search(Mentee mentee, int menteeAge, int per, int staticMax, HashSet<int> seen, Action<int> consider)
    {
        var o = _options;
        var w = o.Weights;
        var bound = -1;
        void Bound(int points) => bound = Math.Max(bound, points);
        int Prox(double km) => (int)Math.Ceiling(w.Proximity * Math.Clamp(1 - (km / o.ProximityScaleKm), 0, 1) * 100);
        void Take(int m)
        {
            if (seen.Add(m))
            {
                consider(m);
            }
        }

        var effective = o.RemoteOnlyForAdults && menteeAge < o.RemoteMinAge ? mentee.Modes & MeetingModes.FaceToFace : mentee.Modes;
        var needsDbs = o.RequireBackgroundCheck && menteeAge < o.BackgroundCheckUnderAge;
        var region = RegionKey(mentee.Region);
        var rot = Rotation(mentee.Id);
        if ((effective & (MeetingModes.FaceToFace | MeetingModes.Hybrid)) != 0)
        {
            var family = needsDbs ? _nearDbs : _near;
            if (mentee.Location is { } p)
            {
                var near = t_near ??= [];
                var (ideal, missing) = Plan(family, mentee, w);
                foreach (var tree in ideal)
                {
                    var beyond = tree.Nearest(p, per, _radiusKm, near, ref t_heap);
                    near.ForEach(Take);
                    if (!double.IsPositiveInfinity(beyond))
                    {
                        Bound(staticMax + Prox(beyond));
                    }
                }

                if (family.All is { } all)
                {
                    var beyond = all.Nearest(p, 2 * per, _radiusKm, near, ref t_heap);
                    near.ForEach(Take);
                    if (!double.IsPositiveInfinity(beyond))
                    {
                        // Beyond this distance: the ideal kind is bounded above; any other kind lacks at least `missing` points.
                        Bound(staticMax - missing + Prox(beyond));
                    }
                }

                var noCoord = needsDbs ? _regionNoCoordDbs : _regionNoCoord;
                if (noCoord.TryGetValue(region, out var nc))
                {
                    if (!TakeSlice(nc, rot, 2 * per, Take))
                    {
                        Bound(staticMax);
                    }
                }
            }
            else
            {
                var pool = needsDbs ? _regionAllDbs : _regionAll;
                if (pool.TryGetValue(region, out var list) && !TakeSlice(list, rot, 4 * per, Take))
                {
                    Bound(staticMax);
                }
            }
        }

        if ((effective & MeetingModes.Virtual) != 0 && !needsDbs && _virtual.All is { Length: > 0 } everyone)
        {
            var (ideal, missing) = Plan(_virtual, mentee, w);
            foreach (var list in ideal)
            {
                if (!TakeSlice(list, rot, per, Take))
                {
                    Bound(staticMax);
                }
            }

            if (!TakeSlice(everyone, rot, 2 * per, Take))
            {
                Bound(staticMax - missing);
            }
        }

        return bound;
    }

    /// <summary>Takes up to <paramref name="count"/> entries from a rotating start; returns whether the whole list was taken.</summary>
    private static bool TakeSlice(int[] list, int start, int count, Action<int> take)
    {
        var n = Math.Min(list.Length, count);
        for (var i = 0; i < n; i++)
        {
            take(list[(int)((uint)(start + i) % (uint)list.Length)]);
        }

        return n == list.Length;
    }

    private static int Rotation(string id)
    {
        // Deterministic, spreads mentees over the lists so they do not all examine the same mentors first.
        var h = 2166136261u;
        foreach (var c in id)
        {
            h = (h ^ c) * 16777619u;
        }

        return (int)(h & 0x7FFFFFFF);
    }

    /// <summary>The most points a mentee could get from any mentor's profile, without proximity.</summary>
    public static int StaticMaxPoints(Mentee e, ScoreWeights w)
    {
        double s = 0;
        if (!string.IsNullOrWhiteSpace(e.Ethnicity))
        {
            s += w.EthnicityDifference;
        }

        if (!string.IsNullOrWhiteSpace(e.Socioeconomic))
        {
            s += w.SocioeconomicDifference;
        }

        if (e.Interests.Count > 0)
        {
            s += w.SectorFit;
        }

        if (e.Languages.Count > 0)
        {
            s += w.SharedLanguage;
        }

        if (!string.IsNullOrWhiteSpace(e.PreferredMentorGender))
        {
            s += w.GenderPreference;
        }

        return (int)Math.Ceiling(s * 100);
    }
}
