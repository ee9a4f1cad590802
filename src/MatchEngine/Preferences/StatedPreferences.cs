using MatchEngine.Model;

namespace MatchEngine.Preferences;

/// <summary>Who chose whom: a chooser (mentee or mentor) ranks up to five people of the other side, rank 1 first.</summary>
/// <param name="ChooserId">The person who chose.</param>
/// <param name="ChosenId">The person chosen (of the other side).</param>
/// <param name="Rank">1 (first choice) to 5.</param>
/// <param name="ChooserRole">Whether the chooser is a mentee or a mentor.</param>
/// <param name="Row">The row it was read from (header = 1); 0 when not read from a file.</param>
public sealed record StatedPreference(string ChooserId, string ChosenId, int Rank, PersonRole ChooserRole, int Row = 0);

/// <summary>
/// The stated preferences of a batch, looked up by pair. The score part <c>stated_preference</c> (0 to 1) of a pair
/// is 0.8 x the better side's rank points (rank 1 = 1.0, 2 = 0.8, 3 = 0.6, 4 = 0.4, 5 = 0.2) plus a mutual bonus of
/// 0.2 when both chose each other. Immutable.
/// </summary>
public sealed class StatedPreferences
{
    /// <summary>The most people one chooser may rank.</summary>
    public const int MaxRanks = 5;

    /// <summary>The share of the part that the mutual bonus is worth.</summary>
    public const double MutualBonus = 0.2;

    private readonly Dictionary<(string Mentee, string Mentor), int> _menteeRank = [];
    private readonly Dictionary<(string Mentee, string Mentor), int> _mentorRank = [];

    /// <summary>Creates the lookup.</summary>
    /// <param name="preferences">The preferences (already checked: ranks 1 to 5, no repeats).</param>
    public StatedPreferences(IEnumerable<StatedPreference> preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        All = [.. preferences];
        foreach (var p in All)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(p.Rank, 1, nameof(preferences));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(p.Rank, MaxRanks, nameof(preferences));
            if (p.ChooserRole == PersonRole.Mentee)
            {
                _menteeRank[(p.ChooserId, p.ChosenId)] = p.Rank;
            }
            else
            {
                _mentorRank[(p.ChosenId, p.ChooserId)] = p.Rank;
            }
        }
    }

    /// <summary>Every preference, in the order given.</summary>
    public IReadOnlyList<StatedPreference> All { get; }

    /// <summary>The rank the mentee gave the mentor, or null.</summary>
    /// <param name="menteeId">The mentee.</param>
    /// <param name="mentorId">The mentor.</param>
    /// <returns>1 to 5, or null when not ranked.</returns>
    public int? MenteeRank(string menteeId, string mentorId) => _menteeRank.TryGetValue((menteeId, mentorId), out var r) ? r : null;

    /// <summary>The rank the mentor gave the mentee, or null.</summary>
    /// <param name="menteeId">The mentee.</param>
    /// <param name="mentorId">The mentor.</param>
    /// <returns>1 to 5, or null when not ranked.</returns>
    public int? MentorRank(string menteeId, string mentorId) => _mentorRank.TryGetValue((menteeId, mentorId), out var r) ? r : null;

    /// <summary>The points of one rank: 1.0 for rank 1 down to 0.2 for rank 5; 0 when not ranked.</summary>
    /// <param name="rank">The rank or null.</param>
    /// <returns>The points, 0 to 1.</returns>
    public static double RankPoints(int? rank) => rank is { } r ? (MaxRanks + 1 - r) / (double)MaxRanks : 0;

    /// <summary>The score part of a pair, 0 to 1: 0.8 x the better side's rank points, plus 0.2 when both chose each other.</summary>
    /// <param name="menteeId">The mentee.</param>
    /// <param name="mentorId">The mentor.</param>
    /// <returns>The part.</returns>
    public double Value(string menteeId, string mentorId)
    {
        var e = MenteeRank(menteeId, mentorId);
        var m = MentorRank(menteeId, mentorId);
        if (e is null && m is null)
        {
            return 0;
        }

        var best = Math.Max(RankPoints(e), RankPoints(m));
        return ((1 - MutualBonus) * best) + (e is not null && m is not null ? MutualBonus : 0);
    }
}

/// <summary>Checks stated preferences against the hard rules.</summary>
public static class PreferenceCheck
{
    /// <summary>The preferences for a person the rules (or the excluded list) do not allow, each with the rule that blocks it. A preference never overrides a rule.</summary>
    /// <param name="batch">The batch (its excluded pairs count as a rule).</param>
    /// <param name="preferences">The preferences.</param>
    /// <param name="matcher">The matcher whose rules apply.</param>
    /// <returns>The blocked preferences, in the order given.</returns>
    public static IReadOnlyList<BlockedPreference> Blocked(MatchBatch batch, StatedPreferences preferences, Matcher matcher)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(preferences);
        ArgumentNullException.ThrowIfNull(matcher);
        var mentors = batch.Mentors.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var mentees = batch.Mentees.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var excluded = batch.Excluded.ToHashSet();
        var blocked = new List<BlockedPreference>();
        foreach (var p in preferences.All)
        {
            var (menteeId, mentorId) = p.ChooserRole == PersonRole.Mentee ? (p.ChooserId, p.ChosenId) : (p.ChosenId, p.ChooserId);
            if (!mentors.TryGetValue(mentorId, out var mentor) || !mentees.TryGetValue(menteeId, out var mentee))
            {
                continue;
            }

            var (a, _, _) = matcher.Evaluate(mentor, mentee, batch.AsOf);
            if (!a.IsEligible)
            {
                blocked.Add(new BlockedPreference(p, a.FailedRule!.Code, a.FailedRule.Describe(matcher.Context(mentor, mentee, batch.AsOf))));
            }
            else if (excluded.Contains(new PairRef(menteeId, mentorId)))
            {
                blocked.Add(new BlockedPreference(p, Rules.RuleCodes.Excluded, "the pair is on the excluded list"));
            }
        }

        return blocked;
    }
}
