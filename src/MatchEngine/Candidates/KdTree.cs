using MatchEngine.Model;

namespace MatchEngine;

/// <summary>
/// A static 3-d tree of points on the unit sphere, for exact k-nearest-neighbour queries by great-circle distance
/// (the straight-line chord between two points on a sphere grows with their great-circle distance, so the order is
/// the same). Built once; queries are thread-safe.
/// </summary>
internal sealed class KdTree
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _z;
    private readonly int[] _ids;

    /// <summary>Builds the tree over the given points, each with an id.</summary>
    public KdTree(IReadOnlyList<(GeoPoint Point, int Id)> points)
    {
        var n = points.Count;
        _x = new double[n];
        _y = new double[n];
        _z = new double[n];
        _ids = new int[n];
        var order = new int[n];
        var px = new double[n];
        var py = new double[n];
        var pz = new double[n];
        for (var i = 0; i < n; i++)
        {
            (px[i], py[i], pz[i]) = Unit(points[i].Point);
            order[i] = i;
        }

        Build(order, 0, n, 0, px, py, pz);
        for (var i = 0; i < n; i++)
        {
            _x[i] = px[order[i]];
            _y[i] = py[order[i]];
            _z[i] = pz[order[i]];
            _ids[i] = points[order[i]].Id;
        }
    }

    public int Count => _ids.Length;

    private static (double X, double Y, double Z) Unit(GeoPoint p)
    {
        var lat = p.Latitude * Math.PI / 180;
        var lon = p.Longitude * Math.PI / 180;
        var c = Math.Cos(lat);
        return (c * Math.Cos(lon), c * Math.Sin(lon), Math.Sin(lat));
    }

    private static void Build(int[] order, int lo, int hi, int depth, double[] px, double[] py, double[] pz)
    {
        if (hi - lo <= 1)
        {
            return;
        }

        var axis = depth % 3;
        var key = axis == 0 ? px : axis == 1 ? py : pz;
        var mid = (lo + hi) / 2;
        Select(order, lo, hi - 1, mid, key);
        Build(order, lo, mid, depth + 1, px, py, pz);
        Build(order, mid + 1, hi, depth + 1, px, py, pz);
    }

    /// <summary>Quickselect so that order[k] holds the median by key, smaller before, larger after (ties by index).</summary>
    private static void Select(int[] order, int lo, int hi, int k, double[] key)
    {
        while (hi > lo)
        {
            var pivot = key[order[(lo + hi) >>> 1]];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (key[order[i]] < pivot)
                {
                    i++;
                }

                while (key[order[j]] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (order[i], order[j]) = (order[j], order[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Chord length on the unit sphere for a great-circle distance in km.</summary>
    public static double ChordOfKm(double km) => 2 * Math.Sin(Math.Min(Math.PI, km / GeoPoint.EarthRadiusKm) / 2);

    /// <summary>Great-circle km of a chord on the unit sphere.</summary>
    public static double KmOfChord(double chord) => 2 * GeoPoint.EarthRadiusKm * Math.Asin(Math.Min(1, chord / 2));

    /// <summary>
    /// The up to <paramref name="k"/> nearest points within <paramref name="maxKm"/>, nearest first, into
    /// <paramref name="result"/> (ids). Returns the distance (km) beyond which points were left out: the k-th
    /// distance when k points were found, else +infinity (every point within the radius was returned).
    /// </summary>
    public double Nearest(GeoPoint at, int k, double maxKm, List<int> result, ref (double D2, int Index)[]? heapBuffer)
    {
        result.Clear();
        if (_ids.Length == 0 || k <= 0)
        {
            return double.PositiveInfinity;
        }

        var (qx, qy, qz) = Unit(at);
        var limit = ChordOfKm(maxKm);
        var heap = heapBuffer is { } hb && hb.Length >= k ? hb : heapBuffer = new (double, int)[k];
        var count = 0;
        var worst = limit * limit;
        Search(0, _ids.Length, 0, qx, qy, qz, k, heap, ref count, ref worst);

        // Sort the heap by distance (then index, for determinism).
        var found = heap.AsSpan(0, count).ToArray();
        Array.Sort(found, (a, b) => a.D2 != b.D2 ? a.D2.CompareTo(b.D2) : a.Index.CompareTo(b.Index));
        foreach (var (_, i) in found)
        {
            result.Add(_ids[i]);
        }

        return count == k ? KmOfChord(Math.Sqrt(found[^1].D2)) : double.PositiveInfinity;
    }

    private void Search(int lo, int hi, int depth, double qx, double qy, double qz, int k, (double D2, int Index)[] heap, ref int count, ref double worst)
    {
        while (hi > lo)
        {
            var mid = (lo + hi) / 2;
            double dx = _x[mid] - qx, dy = _y[mid] - qy, dz = _z[mid] - qz;
            var d2 = (dx * dx) + (dy * dy) + (dz * dz);
            if (d2 <= worst)
            {
                Push(heap, ref count, k, d2, mid, ref worst);
            }

            var axis = depth % 3;
            var diff = axis == 0 ? qx - _x[mid] : axis == 1 ? qy - _y[mid] : qz - _z[mid];
            int nearLo, nearHi, farLo, farHi;
            if (diff < 0)
            {
                (nearLo, nearHi, farLo, farHi) = (lo, mid, mid + 1, hi);
            }
            else
            {
                (nearLo, nearHi, farLo, farHi) = (mid + 1, hi, lo, mid);
            }

            Search(nearLo, nearHi, depth + 1, qx, qy, qz, k, heap, ref count, ref worst);
            if (diff * diff > worst)
            {
                return;
            }

            lo = farLo;
            hi = farHi;
            depth++;
        }
    }

    private static void Push((double D2, int Index)[] heap, ref int count, int k, double d2, int index, ref double worst)
    {
        if (count < k)
        {
            // Sift up in a max-heap.
            var i = count++;
            heap[i] = (d2, index);
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (Greater(heap[parent], heap[i]))
                {
                    break;
                }

                (heap[parent], heap[i]) = (heap[i], heap[parent]);
                i = parent;
            }

            if (count == k)
            {
                worst = Math.Min(worst, heap[0].D2);
            }

            return;
        }

        if (!Greater(heap[0], (d2, index)))
        {
            return;
        }

        heap[0] = (d2, index);
        var j = 0;
        while (true)
        {
            int l = (2 * j) + 1, r = l + 1, big = j;
            if (l < count && Greater(heap[l], heap[big]))
            {
                big = l;
            }

            if (r < count && Greater(heap[r], heap[big]))
            {
                big = r;
            }

            if (big == j)
            {
                break;
            }

            (heap[big], heap[j]) = (heap[j], heap[big]);
            j = big;
        }

        worst = heap[0].D2;
    }

    private static bool Greater((double D2, int Index) a, (double D2, int Index) b) => a.D2 > b.D2 || (a.D2 == b.D2 && a.Index > b.Index);
}
