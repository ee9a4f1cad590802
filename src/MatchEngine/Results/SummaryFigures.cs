using MatchEngine.Model;

namespace MatchEngine.Results;

/// <summary>The counts and quality figures of a match (<see cref="MatchSummary"/>), from its pairs and unmatched people.</summary>
internal static class SummaryFigures
{
    /// <summary>The summary of a match solved over every eligible pair (a large batch's status is then set by <see cref="Certification"/>).</summary>
    public static MatchSummary Of(DateOnly asOf, Mentor[] mentors, Mentee[] mentees, long eligiblePairs, List<MatchedPair> pairs, List<UnmatchedEntry> unmatched, QuotaReport? quota)
    {
        var byMode = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var mode in MeetingModeNames.Single)
        {
            byMode[MeetingModeNames.Name(mode)] = pairs.Count(p => p.Mode == mode);
        }

        var inPerson = pairs.Where(p => p.Mode != MeetingModes.Virtual && p.DistanceKm.HasValue).Select(p => p.DistanceKm!.Value).ToList();
        var totalPoints = pairs.Sum(p => (long)p.Score.Points);
        var cross = pairs.Count(p => p.CrossBackground);
        var places = mentors.Sum(m => m.Capacity);
        var unmet = mentees.Where(m => m.UnmetNeeds).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        return new MatchSummary
        {
            AsOf = asOf,
            Mentors = mentors.Length,
            Mentees = mentees.Length,
            MentorPlaces = places,
            EligiblePairs = eligiblePairs,
            Matched = pairs.Count,
            UnmatchedMentees = mentees.Length - pairs.Count,
            UnmetNeedsMentees = mentees.Count(m => m.UnmetNeeds),
            UnmetNeedsMatched = pairs.Count(p => unmet.Contains(p.MenteeId)),
            LockedPairs = pairs.Count(p => p.Locked),
            TotalScore = totalPoints / 100.0,
            MeanScore = pairs.Count == 0 ? 0 : Math.Round(totalPoints / 100.0 / pairs.Count, 2, MidpointRounding.AwayFromZero),
            CrossBackgroundPairs = cross,
            CrossBackgroundShare = pairs.Count == 0 ? 0 : Math.Round((double)cross / pairs.Count, 4, MidpointRounding.AwayFromZero),
            PairsByMode = byMode,
            MeanInPersonDistanceKm = inPerson.Count == 0 ? null : Math.Round(inPerson.Average(), 2, MidpointRounding.AwayFromZero),
            UnusedMentorPlaces = places - pairs.Count,
            UnmatchedByReason = new SortedDictionary<string, int>(
                unmatched.GroupBy(u => u.ReasonCode).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal),
            Solver = SolverStatusText.Solver(quota),
            SolverStatus = quota is null || quota.Gap == 0 ? SolverStatusText.Optimal : SolverStatusText.Gap(quota.Gap),
            Outcome = quota is null || quota.Gap == 0 ? SolverOutcome.Optimal : SolverOutcome.Gap,
        };
    }
}
