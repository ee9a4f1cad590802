using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;

namespace MatchEngine;

/// <summary>
/// Candidate generation without the dense matrix, for national batches. Mentors who can take part are indexed by
/// where they can meet: a spatial grid (0.5 km cells) of those offering face-to-face or hybrid, with a second grid of
/// the background-checked ones for under-18s; per region, those without coordinates; and a national pool of those
/// offering virtual, with lists per sector. For each mentee only the nearest cells (ring by ring) and a rotating
/// slice of the virtual pool are examined, up to a budget; every examined pair goes through the full hard rules and
/// scorer, and the best <c>K</c> are kept. For each mentee it also records an upper bound on the score of any
/// eligible mentor it did not examine, so the result can be certified (or its gap reported).
/// </summary>
internal sealed class SparseCandidates
{
    private readonly Mentor[] _mentors;
    private readonly MatchOptions _options;
    private readonly KdTree _tree;
    private readonly KdTree _dbsTree;
    private readonly Dictionary<string, int[]> _regionNoCoord;
    private readonly Dictionary<string, int[]> _regionNoCoordDbs;
    private readonly Dictionary<string, int[]> _regionAll;
    private readonly Dictionary<string, int[]> _regionAllDbs;
    private readonly int[] _virtual;
    private readonly Dictionary<string, int[]> _virtualBySector;
    private readonly double _radiusKm;

    public SparseCandidates(Mentor[] mentors, int[] mentorAge, int[] capacity, MatchOptions options)
    {
        _mentors = mentors;
        _options = options;
        _radiusKm = Math.Max(options.FaceToFaceMaxKm, options.HybridMaxKm);
        var points = new List<(GeoPoint, int)>();
        var dbsPoints = new List<(GeoPoint, int)>();
        var noCoord = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var noCoordDbs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var all = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var allDbs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var virt = new List<int>();
        var bySector = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var m = 0; m < mentors.Length; m++)
        {
            var mentor = mentors[m];
            if (mentorAge[m] <= options.MentorMinAgeExclusive || !mentor.TrainingComplete || capacity[m] <= 0)
            {
                continue;
            }

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
                    points.Add((p, m));
                    if (mentor.BackgroundChecked)
                    {
                        dbsPoints.Add((p, m));
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
                virt.Add(m);
                if (mentor.Sector is { Length: > 0 } s)
                {
                    Add(bySector, s.Trim().ToLowerInvariant(), m);
                }
            }
        }

        _tree = new KdTree(points);
        _dbsTree = new KdTree(dbsPoints);
        _regionNoCoord = noCoord.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _regionNoCoordDbs = noCoordDbs.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _regionAll = all.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _regionAllDbs = allDbs.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        _virtual = [.. virt];
        _virtualBySector = bySector.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Add<TKey>(Dictionary<TKey, List<int>> d, TKey key, int m)
        where TKey : notnull
    {
        if (!d.TryGetValue(key, out var list))
        {
            d[key] = list = [];
        }

        list.Add(m);
    }

    private static string RegionKey(string region) => region.Trim().ToUpperInvariant();

    /// <summary>What one mentee's search found.</summary>
    public struct Found
    {
        public int Examined;

        /// <summary>Upper bound (points) on the score of any eligible mentor not examined; -1 when none can exist.</summary>
        public int UnexploredBound;
    }

    [ThreadStatic]
    private static List<int>? t_near;

    [ThreadStatic]
    private static (double D2, int Index)[]? t_heap;

    private static List<int> Near => t_near ??= [];

    /// <summary>
    /// Examines candidates for one mentee and calls <paramref name="consider"/> for each examined mentor index
    /// (each at most once). Returns the budget used and the bound on the unexamined.
    /// </summary>
    public Found Search(Mentee mentee, int menteeAge, int budget, int staticMaxPoints, HashSet<int> seen, Action<int> consider)
    {
        var found = new Found { UnexploredBound = -1 };
        var o = _options;
        var effective = o.RemoteOnlyForAdults && menteeAge < o.RemoteMinAge ? mentee.Modes & MeetingModes.FaceToFace : mentee.Modes;
        var needsDbs = o.RequireBackgroundCheck && menteeAge < o.BackgroundCheckUnderAge;
        var inPerson = (effective & (MeetingModes.FaceToFace | MeetingModes.Hybrid)) != 0;
        var region = RegionKey(mentee.Region);
        var inPersonBudget = (effective & MeetingModes.Virtual) != 0 ? (budget * 2) / 3 : budget;

        void Bound(int points) => found.UnexploredBound = Math.Max(found.UnexploredBound, points);

        void Take(int[] list, int start, int max, ref int used, out bool exhausted)
        {
            var n = Math.Min(list.Length, max);
            for (var i = 0; i < n; i++)
            {
                var m = list[(start + i) % list.Length];
                if (seen.Add(m))
                {
                    consider(m);
                    used++;
                }
            }

            exhausted = n == list.Length;
        }

        var used = 0;
        var rot = Rotation(mentee.Id);
        if (inPerson)
        {
            var tree = needsDbs ? _dbsTree : _tree;
            if (mentee.Location is { } p)
            {
                // The nearest mentors who can meet in person, up to the budget: every one nearer than `beyond` is examined.
                var near = Near;
                var beyond = tree.Nearest(p, inPersonBudget, _radiusKm, near, ref t_heap);
                foreach (var m in near)
                {
                    if (seen.Add(m))
                    {
                        consider(m);
                        used++;
                    }
                }

                if (!double.IsPositiveInfinity(beyond))
                {
                    var prox = Math.Clamp(1 - (beyond / o.ProximityScaleKm), 0, 1);
                    Bound(staticMaxPoints + (int)Math.Ceiling(o.Weights.Proximity * prox * 100));
                }

                var noCoord = needsDbs ? _regionNoCoordDbs : _regionNoCoord;
                if (noCoord.TryGetValue(region, out var nc))
                {
                    Take(nc, rot, Math.Max(8, inPersonBudget / 4), ref used, out var done);
                    if (!done)
                    {
                        Bound(staticMaxPoints);
                    }
                }
            }
            else
            {
                var pool = needsDbs ? _regionAllDbs : _regionAll;
                if (pool.TryGetValue(region, out var list))
                {
                    Take(list, rot, inPersonBudget, ref used, out var done);
                    if (!done)
                    {
                        Bound(staticMaxPoints);
                    }
                }
            }
        }

        if ((effective & MeetingModes.Virtual) != 0 && !needsDbs && _virtual.Length > 0)
        {
            var left = Math.Max(budget - used, budget / 3);
            var share = mentee.Interests.Count == 0 ? 0 : left / (2 * mentee.Interests.Count);
            var all = true;
            foreach (var s in mentee.Interests)
            {
                if (_virtualBySector.TryGetValue(s.Trim().ToLowerInvariant(), out var list))
                {
                    var before = used;
                    Take(list, rot, share, ref used, out var done);
                    all &= done;
                    left -= used - before;
                }
            }

            Take(_virtual, rot, Math.Max(left, 1), ref used, out var doneAll);
            if (!doneAll)
            {
                Bound(staticMaxPoints);
            }
        }
        else if ((effective & MeetingModes.Virtual) != 0 && needsDbs && _virtual.Length > 0)
        {
            // Under-18s with virtual but without safeguarding exemption cannot meet virtually (handled by the rules).
        }

        found.Examined = used;
        return found;
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

    /// <summary>The most points a mentee could get from any mentor's profile, without proximity: a loose but valid bound.</summary>
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
