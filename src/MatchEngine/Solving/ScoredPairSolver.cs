using System.Globalization;
using MatchEngine.Model;

namespace MatchEngine.Solving;

/// <summary>The optimal choice among caller-scored pairs.</summary>
/// <param name="Pairs">Chosen pairs, by mentee id.</param>
/// <param name="TotalScore">Sum of the chosen scores.</param>
/// <param name="Mentees">Distinct mentees in the input.</param>
internal sealed record ScoredPairSolution(IReadOnlyList<ScoredPair> Pairs, decimal TotalScore, int Mentees);

/// <summary>Chooses pairs that maximise first the number of mentees matched, then the total score, with OR-Tools.</summary>
internal static class ScoredPairSolver
{
    /// <summary>Solves.</summary>
    /// <param name="pairs">Allowed pairs with scores; each (mentee, mentor) at most once. Scores up to 6 decimal places.</param>
    /// <param name="capacities">Mentor capacities; a mentor not listed has capacity 1.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The optimal pairs.</returns>
    /// <exception cref="ArgumentException">When a pair repeats, a capacity is negative, or scores need more than 6 decimal places or span more than 10^12 units of their last decimal.</exception>
    public static ScoredPairSolution Solve(IReadOnlyList<ScoredPair> pairs, IReadOnlyDictionary<string, int>? capacities = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var mentees = pairs.Select(p => p.MenteeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var mentors = pairs.Select(p => p.MentorId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var menteeIndex = Index(mentees);
        var mentorIndex = Index(mentors);
        var scale = pairs.Count == 0 ? 0 : pairs.Max(p => p.Score.Scale);
        if (scale > 6)
        {
            throw new ArgumentException("Scores may have at most 6 decimal places.", nameof(pairs));
        }

        var factor = (decimal)Math.Pow(10, scale);
        var caps = mentors.Select(m => capacities is not null && capacities.TryGetValue(m, out var c) ? c : 1).ToArray();
        if (caps.Any(c => c < 0))
        {
            throw new ArgumentException("Capacities must not be negative.", nameof(capacities));
        }

        var ordered = pairs.OrderBy(p => p.MenteeId, StringComparer.Ordinal).ThenBy(p => p.MentorId, StringComparer.Ordinal).ToArray();
        var problem = new AssignmentProblem(new bool[mentees.Length], caps, ordered.Length);
        ScoredPair? previous = null;
        foreach (var p in ordered)
        {
            if (previous is not null && previous.MenteeId == p.MenteeId && previous.MentorId == p.MentorId)
            {
                throw new ArgumentException($"The pair ({p.MenteeId}, {p.MentorId}) is listed more than once.", nameof(pairs));
            }

            var scaled = p.Score * factor;
            if (Math.Abs(scaled) > AssignmentProblem.MaxAbsScore)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The score {p.Score} is too large."), nameof(pairs));
            }

            problem.AddArc(menteeIndex[p.MenteeId], mentorIndex[p.MentorId], (long)scaled);
            previous = p;
        }

        var solution = AssignmentSolver.Solve(problem, cancellationToken);
        var chosen = new List<ScoredPair>(solution.Matched);
        decimal total = 0;
        foreach (var arc in solution.ArcOfLeft)
        {
            if (arc >= 0)
            {
                chosen.Add(ordered[arc]);
                total += ordered[arc].Score;
            }
        }

        return new ScoredPairSolution(chosen, total, mentees.Length);
    }

    private static Dictionary<string, int> Index(string[] ids)
    {
        var d = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            d[ids[i]] = i;
        }

        return d;
    }
}
