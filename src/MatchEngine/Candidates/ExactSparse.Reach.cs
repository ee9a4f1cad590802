using MatchEngine.Model;

namespace MatchEngine.Candidates;

/// <summary>Which mentors a young person can reach: the buckets (or hubs) of the virtual pool, the grid cells within the travel limits, and the region, with each cell's nearest distance.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>The buckets mentee <paramref name="e"/> can draw from, each with an upper bound on proximity (0 to 1).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
                if (Fits(b, MeetingModes.Virtual, needs, slots))
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
            NearCells(_exyz[3 * e], _exyz[(3 * e) + 1], _exyz[(3 * e) + 2], Chord(Radius(ip)), cellMap, (key, buckets, d) =>
            {
                var prox = 1 - (d / _k.ProximityScale);
                foreach (var b in buckets)
                {
                    if (Fits(b, ip, needs, slots))
                    {
                        into.Add((b, prox));
                    }
                }
            });

            AddRegion(regionMap, region * 2L, ip, needs, slots, into);
        }
        else
        {
            AddRegion(regionMap, (region * 2L) + 1, ip, needs, slots, into);
            AddRegion(regionMap, region * 2L, ip, needs, slots, into);
        }
    }

    /// <summary>Whether group <paramref name="b"/> may hold a mentor for a mentee meeting by <paramref name="modes"/>, with its check need and time slots.</summary>
    private bool Fits(int b, MeetingModes modes, bool needs, int slots) =>
        (_bModes[b] & modes) != 0 && (!needs || _bChecked[b]) && PairKernel.SlotsMeet(_bSlots[b], slots);

    /// <summary>The farthest a mentee meeting in person by <paramref name="inPerson"/> may travel, km.</summary>
    private double Radius(MeetingModes inPerson) =>
        Math.Max((inPerson & MeetingModes.FaceToFace) != 0 ? _o.FaceToFaceMaxKm : 0, (inPerson & MeetingModes.Hybrid) != 0 ? _o.HybridMaxKm : 0);

    /// <summary>The straight-line reach (chord) of a travel radius, km.</summary>
    private static double Chord(double radius) => 2 * EarthKm * Math.Sin(Math.Min(radius / (2 * EarthKm), Math.PI / 2));

    /// <summary>
    /// Calls <paramref name="visit"/> with every cell of <paramref name="cellMap"/> whose box lies within
    /// <paramref name="chord"/> of the point (<paramref name="x"/>, <paramref name="y"/>, <paramref name="z"/>), with
    /// that distance.
    /// </summary>
    private void NearCells(double x, double y, double z, double chord, Dictionary<long, int[]> cellMap, Action<long, int[], double> visit)
    {
        var r = (int)Math.Ceiling(chord / _cellKm);
        void Cell(long key, int[] buckets)
        {
            var d = BoxDistance(key, x, y, z);
            if (d <= chord + 1e-9)
            {
                visit(key, buckets, d);
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
    }

    private void AddRegion(Dictionary<long, int[]> regionMap, long key, MeetingModes ip, bool needs, int slots, List<(int, double)> into)
    {
        if (regionMap.TryGetValue(key, out var buckets))
        {
            foreach (var b in buckets)
            {
                if (Fits(b, ip, needs, slots))
                {
                    into.Add((b, 0));
                }
            }
        }
    }

    /// <summary>
    /// Mentor-weighted cell occupancy (the mean, over in-person mentors with a location, of how many share their
    /// cell) above which cells are halved: a cell that holds thousands lets its bound through for mentors who are
    /// mostly far from the mentee, each then decided one by one.
    /// </summary>
    internal const double CrowdedCell = 4000;

    /// <summary>
    /// The grid's cell size, km: a sixth of the in-person reach (at least 0.5 km), halved (at most twice) while cells
    /// are crowded (see <see cref="CrowdedCell"/>). Only speed depends on it, never the result. Measured with 100,000
    /// young people against 1,000,000 mentors (mentors 10 times as dense as at 100k x 100k): candidates 25.5 s and
    /// the first pricing round 15.8 s at a sixth, 16.7 s and 6.1 s at a twelfth; at 100k x 100k a twelfth was
    /// slower (162 s against 133 s), and at 20k x 20k too.
    /// </summary>
    private double CellSize(double reach, PairKernel kernel, int[] capacity, double crowded)
    {
        var size = Math.Max(0.5, reach / 6);
        for (var halvings = 0; halvings < 2 && size / 2 >= 0.5; halvings++)
        {
            var occupancy = new Dictionary<long, int>();
            long located = 0;
            for (var m = 0; m < kernel.MentorCount; m++)
            {
                if (kernel.MentorUsable[m] && capacity[m] > 0 && (kernel.MentorModes[m] & InPerson) != 0 && kernel.MentorPoint[m] is not null)
                {
                    var key = CellKey(_mxyz, m, size);
                    occupancy[key] = occupancy.GetValueOrDefault(key) + 1;
                    located++;
                }
            }

            var weighted = located == 0 ? 0 : occupancy.Values.Sum(c => (double)c * c) / located;
            if (weighted <= crowded)
            {
                break;
            }

            size /= 2;
        }

        return size;
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

    private static long CellKey(double[] xyz, int i, double size) =>
        Pack((long)Math.Floor(xyz[3 * i] / size), (long)Math.Floor(xyz[(3 * i) + 1] / size), (long)Math.Floor(xyz[(3 * i) + 2] / size));

    /// <summary>
    /// The mentees in an order that keeps neighbours together (Morton order of their grid cells; those without a
    /// location by region, after): consecutive searches then read the same groups' trees, which stay in cache. The
    /// order changes only the speed of a search loop, never its result (each mentee's search is its own).
    /// </summary>
    private int[] NearbyOrder()
    {
        var n = _k.MenteeCount;
        var keys = new (ulong Key, int Mentee)[n];
        for (var e = 0; e < n; e++)
        {
            ulong key;
            if (_k.MenteePoint[e] is not null)
            {
                key = 0;
                for (var c = 0; c < 3; c++)
                {
                    var v = (ulong)(Math.Floor(_exyz[(3 * e) + c] / _cellKm) + (1 << 20)) & ((1UL << 21) - 1);
                    for (var bit = 0; bit < 21; bit++)
                    {
                        key |= ((v >> bit) & 1UL) << ((3 * bit) + c);
                    }
                }
            }
            else
            {
                key = (1UL << 63) | (uint)_k.MenteeRegion[e];
            }

            keys[e] = (key, e);
        }

        Array.Sort(keys);
        return [.. keys.Select(k => k.Mentee)];
    }

    private static long Pack(long i, long j, long k) => ((i + (1 << 20)) << 42) | ((j + (1 << 20)) << 21) | (k + (1 << 20));

    /// <summary>A cell's grid coordinates from its key (see <see cref="Pack"/>).</summary>
    private static (long I, long J, long K) Unpack(long key)
    {
        const long mask = (1L << 21) - 1;
        return (((key >> 42) & mask) - (1 << 20), ((key >> 21) & mask) - (1 << 20), (key & mask) - (1 << 20));
    }

    /// <summary>
    /// A lower bound on the great-circle distance from a point to any point of a cell: the straight-line distance
    /// to the cell's box, less a margin for rounding (a chord is never longer than its arc).
    /// </summary>
    private double BoxDistance(long key, double x, double y, double z)
    {
        var (i, j, k) = Unpack(key);
        static double Gap(double v, long c, double size)
        {
            double lo = c * size, hi = (c + 1) * size;
            return v < lo ? lo - v : v > hi ? v - hi : 0;
        }

        double dx = Gap(x, i, _cellKm), dy = Gap(y, j, _cellKm), dz = Gap(z, k, _cellKm);
        return Math.Max(0, Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz)) - 1e-6);
    }
}
