using MatchEngine.Model;

namespace MatchEngine.Candidates;

/// <summary>
/// The up to <c>keep</c> pairs of highest gain a search has found for one mentee, in a heap whose root is the worst
/// kept (lowest gain; among equal gains, the last in the mentee's own order of ties): a new pair costs a few swaps
/// instead of shifting a sorted list, and <see cref="Sorted"/> gives them best first. The pairs kept, and so the
/// threshold a search prunes by, are those a sorted list would keep.
/// </summary>
internal sealed class TopPairs
{
    private (int Mentor, int Points, MeetingModes Mode, long Gain)[] _heap = [];
    private uint[] _tie = [];
    private int _keep;
    private uint _salt;

    public int Count { get; private set; }

    /// <summary>The gain a pair must beat to be kept: the worst kept gain once <c>keep</c> pairs are kept, else 0.</summary>
    public long Threshold => Count >= _keep ? _heap[0].Gain : 0;

    /// <summary>Empties the heap for a search of mentee <paramref name="e"/> keeping up to <paramref name="keep"/> pairs.</summary>
    public void Reset(int e, int keep)
    {
        if (_heap.Length < keep)
        {
            _heap = new (int, int, MeetingModes, long)[keep];
            _tie = new uint[keep];
        }

        (_keep, _salt, Count) = (keep, (uint)e * 2654435761u, 0);
    }

    /// <summary>
    /// Whether mentor <paramref name="m"/> is kept (a scan of at most <c>keep</c> entries: a table by mentor would cost
    /// each worker an array as long as the mentors, and Parallel.For makes a worker per task replica, thousands at 1M).
    /// </summary>
    public bool Holds(int m)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_heap[i].Mentor == m)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Keeps <paramref name="item"/> if it ranks among the best <c>keep</c> (its mentor not yet kept).</summary>
    public void Add((int Mentor, int Points, MeetingModes Mode, long Gain) item)
    {
        var tie = Tie(item.Mentor);
        if (Count < _keep)
        {
            var at = Count++;
            while (at > 0)
            {
                var up = (at - 1) / 2;
                if (!Worse(item.Gain, tie, _heap[up].Gain, _tie[up]))
                {
                    break;
                }

                (_heap[at], _tie[at]) = (_heap[up], _tie[up]);
                at = up;
            }

            (_heap[at], _tie[at]) = (item, tie);
        }
        else
        {
            if (_keep == 0 || !Worse(_heap[0].Gain, _tie[0], item.Gain, tie))
            {
                return;
            }

            var at = 0;
            while (true)
            {
                var child = (2 * at) + 1;
                if (child >= Count)
                {
                    break;
                }

                if (child + 1 < Count && Worse(_heap[child + 1].Gain, _tie[child + 1], _heap[child].Gain, _tie[child]))
                {
                    child++;
                }

                if (!Worse(_heap[child].Gain, _tie[child], item.Gain, tie))
                {
                    break;
                }

                (_heap[at], _tie[at]) = (_heap[child], _tie[child]);
                at = child;
            }

            (_heap[at], _tie[at]) = (item, tie);
        }
    }

    /// <summary>The pairs kept into <paramref name="list"/> (emptied first), best first, ties in the mentee's own order.</summary>
    public void Sorted(List<(int Mentor, int Points, MeetingModes Mode, long Gain)> list)
    {
        list.Clear();
        for (var i = 0; i < Count; i++)
        {
            list.Add(_heap[i]);
        }

        var salt = _salt;
        list.Sort((x, y) => x.Gain != y.Gain ? y.Gain.CompareTo(x.Gain) : Tie(x.Mentor, salt).CompareTo(Tie(y.Mentor, salt)));
    }

    private uint Tie(int m) => Tie(m, _salt);

    /// <summary>The mentee's own order among pairs of equal gain: alike mentees spread over alike mentors.</summary>
    internal static uint Tie(int m, uint salt) => ((uint)m * 40503u) ^ salt;

    /// <summary>Whether (gain a, tie a) ranks below (gain b, tie b).</summary>
    private static bool Worse(long gainA, uint tieA, long gainB, uint tieB) => gainA < gainB || (gainA == gainB && tieA > tieB);
}
