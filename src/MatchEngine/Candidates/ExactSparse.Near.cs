using MatchEngine.Model;

namespace MatchEngine.Candidates;

/// <summary>The searches after the first: the groups of the cells near a young person's own cell, one list per cell.</summary>
internal sealed partial class ExactSparse
{
    /// <summary>
    /// The groups of <see cref="Access"/> searched without listing them: the cells near the mentee's own cell (each
    /// checked against its own point and reach, so the same cells as <see cref="Access"/> with the same bounds), the
    /// virtual pool and the region's mentors without a location. Only the order differs, which changes the speed of a
    /// search, never its result (pairs of equal gain are ranked by mentor, not by when they were found).
    /// </summary>
    private void SearchNear(int e, long tau, Prices prices, Worker? w, List<(int Bucket, double Prox)>? listing = null)
    {
        // With a listing (tests), the groups are listed instead of searched.
        void Group(int g, double prox, MeetingModes allowed)
        {
            if (listing is not null)
            {
                listing.Add((g, prox));
            }
            else
            {
                Search(e, g, prox, allowed, tau, prices!, w!);
            }
        }

        var modes = _k.MenteeModes[e];
        var needs = _k.MenteeNeedsCheck[e];
        var slots = _k.MenteeSlots[e];
        var ip = modes & InPerson;
        var region = _k.MenteeRegion[e];
        if (ip != 0 && _k.MenteePoint[e] is not null)
        {
            var chord = Chord(Radius(ip)) + 1e-9;
            double x = _exyz[3 * e], y = _exyz[(3 * e) + 1], z = _exyz[(3 * e) + 2];
            foreach (var g in NearCellGroups(CellKey(_exyz, e, _cellKm)))
            {
                if (Fits(g, ip, needs, slots) && BoxDistance(_bCell[g], x, y, z) is var d && d <= chord)
                {
                    Group(g, 1 - (d / _k.ProximityScale), ip);
                }
            }
        }

        if ((modes & MeetingModes.Virtual) != 0)
        {
            foreach (var g in _virtual)
            {
                if (Fits(g, MeetingModes.Virtual, needs, slots))
                {
                    Group(g, 0, modes & MeetingModes.Virtual);
                }
            }
        }

        if (ip != 0)
        {
            if (_k.MenteePoint[e] is null)
            {
                SearchRegion((region * 2L) + 1);
            }

            SearchRegion(region * 2L);
        }

        void SearchRegion(long key)
        {
            if (_regions.TryGetValue(key, out var groups))
            {
                foreach (var g in groups)
                {
                    if (Fits(g, ip, needs, slots))
                    {
                        Group(g, 0, ip);
                    }
                }
            }
        }
    }

    /// <summary>For tests: the groups a later search of mentee <paramref name="e"/> reads, and those <see cref="Access"/> lists.</summary>
    internal (List<(int Bucket, double Prox)> Near, List<(int Bucket, double Prox)> Listed) GroupsOf(int e)
    {
        List<(int, double)> near = [], listed = [];
        if (_k.MenteeUsable[e])
        {
            SearchNear(e, 0, null!, null, near);
            Access(e, listed);
        }

        return (near, listed);
    }

    /// <summary>
    /// The groups of every cell within the longest reach (face to face or hybrid) of any point of cell
    /// <paramref name="cell"/>, nearest to its centre first: a point of the cell lies within half the cell's diagonal of
    /// the centre, so every cell within reach of the point lies within that reach and half-diagonal of the centre. Made
    /// once per cell and shared by the mentees in it.
    /// </summary>
    private int[] NearCellGroups(long cell) => _near.GetOrAdd(cell, key =>
    {
        var (i, j, k) = Unpack(key);

        var reach = Chord(Math.Max(_o.FaceToFaceMaxKm, _o.HybridMaxKm)) + (_cellKm * Math.Sqrt(3) / 2) + 1e-6;
        var near = new List<(double D, int Group)>();
        NearCells((i + 0.5) * _cellKm, (j + 0.5) * _cellKm, (k + 0.5) * _cellKm, reach, _cells, (_, groups, d) =>
        {
            foreach (var g in groups)
            {
                near.Add((d, g));
            }
        });
        near.Sort();
        return [.. near.Select(n => n.Group)];
    });
}
