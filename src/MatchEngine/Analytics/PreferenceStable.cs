using MatchEngine.Model;
using MatchEngine.Preferences;

namespace MatchEngine.Analytics;

/// <summary>How a set of pairs honours stated preferences (<c>--preferences</c>).</summary>
/// <param name="Preferences">Preferences stated (rows of preferences.csv).</param>
/// <param name="PairsChosen">Pairs made that at least one side chose.</param>
/// <param name="PairsChosenByBoth">Pairs made that both sides chose.</param>
/// <param name="FirstChoices">Young people matched with the mentor they ranked first.</param>
/// <param name="BlockingPairs">Allowed pairs not made where the young person ranked the mentor above whom they got (or got no one), and the mentor has a free place or ranked the young person above one of theirs.</param>
public sealed record PreferenceFigures(int Preferences, int PairsChosen, int PairsChosenByBoth, int FirstChoices, long BlockingPairs);

/// <summary>Preference-stable matching and the figures of stated preferences.</summary>
internal static class PreferenceStable
{
    /// <summary>
    /// Mentee-proposing deferred acceptance with capacities. A young person proposes to the mentors they ranked (rank
    /// order), then to the other allowed mentors by score; a mentor keeps the young people they ranked best, then by
    /// score. Ties break by id. The result has no blocking pair by stated preference.
    /// </summary>
    public static List<(int Mentee, int Mentor)> Match(CandidateGraph g, StatedPreferences? prefs)
    {
        var p = g.Problem;
        var arcsOf = DeferredAcceptance.ArcsByMentee(p);
        int MenteeRank(int a) => prefs?.MenteeRank(g.Mentees[p.ArcLeft(a)].Id, g.Mentors[p.ArcRight(a)].Id) ?? StatedPreferences.MaxRanks + 1;
        int MentorRank(int a) => prefs?.MentorRank(g.Mentees[p.ArcLeft(a)].Id, g.Mentors[p.ArcRight(a)].Id) ?? StatedPreferences.MaxRanks + 1;
        foreach (var list in arcsOf)
        {
            list.Sort((x, y) => MenteeRank(x) != MenteeRank(y) ? MenteeRank(x).CompareTo(MenteeRank(y))
                : p.ArcScore(x) != p.ArcScore(y) ? p.ArcScore(y).CompareTo(p.ArcScore(x))
                : p.ArcRight(x).CompareTo(p.ArcRight(y)));
        }

        // The mentor's order: their rank, then the score, then the mentee (by id).
        bool Better(int x, int y) => MentorRank(x) != MentorRank(y) ? MentorRank(x) < MentorRank(y)
            : p.ArcScore(x) != p.ArcScore(y) ? p.ArcScore(x) > p.ArcScore(y)
            : p.ArcLeft(x) < p.ArcLeft(y);
        var cap = g.Mentors.Select(m => m.Capacity).ToArray();
        return [.. DeferredAcceptance.Run(p, arcsOf, cap, Better).Select(a => (p.ArcLeft(a), p.ArcRight(a)))];
    }

    /// <summary>The figures of stated preferences for the given pairs; null when there are no preferences.</summary>
    public static PreferenceFigures? Figures(CandidateGraph g, StatedPreferences? prefs, IEnumerable<PairRef> pairs)
    {
        if (prefs is null)
        {
            return null;
        }

        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        var ofMentor = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pr in pairs)
        {
            if (current.TryAdd(pr.MenteeId, pr.MentorId))
            {
                (ofMentor.TryGetValue(pr.MentorId, out var l) ? l : ofMentor[pr.MentorId] = []).Add(pr.MenteeId);
            }
        }

        int chosen = 0, both = 0, first = 0;
        foreach (var (e, m) in current)
        {
            var re = prefs.MenteeRank(e, m);
            var rm = prefs.MentorRank(e, m);
            chosen += re is not null || rm is not null ? 1 : 0;
            both += re is not null && rm is not null ? 1 : 0;
            first += re == 1 ? 1 : 0;
        }

        const int Unranked = StatedPreferences.MaxRanks + 1;
        long blocking = 0;
        var prob = g.Problem;
        for (var a = 0; a < prob.ArcCount; a++)
        {
            var e = g.Mentees[prob.ArcLeft(a)];
            var m = g.Mentors[prob.ArcRight(a)];
            if (prefs.MenteeRank(e.Id, m.Id) is not { } want)
            {
                continue;
            }

            var has = current.GetValueOrDefault(e.Id);
            if (has == m.Id || (has is not null && (prefs.MenteeRank(e.Id, has) ?? Unranked) <= want))
            {
                continue;
            }

            var theirs = ofMentor.GetValueOrDefault(m.Id) ?? [];
            var rankOfE = prefs.MentorRank(e.Id, m.Id) ?? Unranked;
            if (theirs.Count < m.Capacity || theirs.Any(x => (prefs.MentorRank(x, m.Id) ?? Unranked) > rankOfE))
            {
                blocking++;
            }
        }

        return new PreferenceFigures(prefs.All.Count, chosen, both, first, blocking);
    }
}
