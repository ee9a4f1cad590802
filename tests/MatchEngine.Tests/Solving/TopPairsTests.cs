using MatchEngine.Candidates;
using MatchEngine.Model;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// The search's heap of best pairs (<see cref="TopPairs"/>) against a sorted list fed the same pairs the same way (a
/// pair is offered only when it beats the threshold and its mentor is not yet kept): the pairs kept, their order and
/// the threshold after every pair must be the list's.
/// </summary>
public class TopPairsTests
{
    [Theory]
    [InlineData(1, 1, 5)]
    [InlineData(2, 2, 50)]
    [InlineData(3, 8, 20)]
    [InlineData(4, 32, 400)]
    [InlineData(5, 64, 3)]
    public void Keeps_what_a_sorted_list_keeps(int seed, int keep, int spread)
    {
        var random = new Random(seed);
        var top = new TopPairs();
        for (var search = 0; search < 300; search++)
        {
            var e = random.Next(100_000);
            var salt = (uint)e * 2654435761u;
            top.Reset(e, keep);
            var list = new List<(int Mentor, long Gain)>();
            var offered = random.Next(200);
            for (var t = 0; t < offered; t++)
            {
                var m = random.Next(500);
                var gain = (long)random.Next(-spread / 4, spread) + 1;
                var threshold = list.Count >= keep ? list[^1].Gain : 0;
                Assert.Equal(threshold, top.Threshold);
                Assert.Equal(list.Exists(x => x.Mentor == m), top.Holds(m));
                if (gain <= threshold || top.Holds(m))
                {
                    continue;
                }

                top.Add((m, 0, MeetingModes.Virtual, gain));
                var at = list.Count;
                while (at > 0 && (list[at - 1].Gain < gain || (list[at - 1].Gain == gain && TopPairs.Tie(list[at - 1].Mentor, salt) > TopPairs.Tie(m, salt))))
                {
                    at--;
                }

                list.Insert(at, (m, gain));
                if (list.Count > keep)
                {
                    list.RemoveAt(list.Count - 1);
                }
            }

            var sorted = new List<(int Mentor, int Points, MeetingModes Mode, long Gain)>();
            top.Sorted(sorted);
            Assert.Equal(list, sorted.Select(x => (x.Mentor, x.Gain)).ToList());
        }
    }
}
