using MatchEngine.Model;
using MatchEngine.Solving;

namespace MatchEngine.Analytics;

/// <summary>The allowed pairs the strategies choose from, with ids, capacities and the mentees' arrival order.</summary>
internal sealed class PairSpace
{
    public required AssignmentProblem Problem { get; init; }

    public required string[] MenteeIds { get; init; }

    public required string[] MentorIds { get; init; }

    public required int[] Capacity { get; init; }

    /// <summary>Mentee indexes in the order they arrived (input order).</summary>
    public required int[] Arrival { get; init; }

    public static PairSpace From(CandidateGraph g, MatchBatch batch)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < g.Mentees.Length; e++)
        {
            index[g.Mentees[e].Id] = e;
        }

        return new PairSpace
        {
            Problem = g.Problem,
            MenteeIds = [.. g.Mentees.Select(m => m.Id)],
            MentorIds = [.. g.Mentors.Select(m => m.Id)],
            Capacity = [.. g.Mentors.Select(m => m.Capacity)],
            Arrival = [.. batch.Mentees.Select(m => index[m.Id])],
        };
    }

    public static PairSpace From(IReadOnlyList<ScoredPair> pairs, IReadOnlyDictionary<string, int>? capacities, out decimal scale)
    {
        var menteeIds = pairs.Select(p => p.MenteeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var mentorIds = pairs.Select(p => p.MentorId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var menteeIndex = menteeIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var mentorIndex = mentorIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var decimals = pairs.Count == 0 ? 0 : pairs.Max(p => p.Score.Scale);
        if (decimals > 6)
        {
            throw new ArgumentException("Scores may have at most 6 decimal places.", nameof(pairs));
        }

        scale = (decimal)Math.Pow(10, decimals);
        var caps = mentorIds.Select(m => capacities is not null && capacities.TryGetValue(m, out var c) ? c : 1).ToArray();
        if (caps.Any(c => c < 0))
        {
            throw new ArgumentException("Capacities must not be negative.", nameof(capacities));
        }

        var problem = new AssignmentProblem(new bool[menteeIds.Length], caps);
        var seen = new HashSet<(string, string)>();
        foreach (var p in pairs.OrderBy(p => p.MenteeId, StringComparer.Ordinal).ThenBy(p => p.MentorId, StringComparer.Ordinal))
        {
            if (!seen.Add((p.MenteeId, p.MentorId)))
            {
                throw new ArgumentException($"The pair ({p.MenteeId}, {p.MentorId}) is listed more than once.", nameof(pairs));
            }

            var scaled = p.Score * scale;
            if (Math.Abs(scaled) > AssignmentProblem.MaxAbsScore)
            {
                throw new ArgumentException($"The score {p.Score} is too large.", nameof(pairs));
            }

            problem.AddArc(menteeIndex[p.MenteeId], mentorIndex[p.MentorId], (long)scaled);
        }

        var arrival = new List<int>();
        var arrived = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in pairs)
        {
            if (arrived.Add(p.MenteeId))
            {
                arrival.Add(menteeIndex[p.MenteeId]);
            }
        }

        return new PairSpace { Problem = problem, MenteeIds = menteeIds, MentorIds = mentorIds, Capacity = caps, Arrival = [.. arrival] };
    }

    public List<PairRef> Refs(IEnumerable<int> arcs) =>
        [.. arcs.Select(a => new PairRef(MenteeIds[Problem.ArcLeft(a)], MentorIds[Problem.ArcRight(a)])).OrderBy(p => p.MenteeId, StringComparer.Ordinal)];
}
