using System.Globalization;
using MatchEngine.Model;

namespace MatchEngine;

/// <summary>Demand against supply for one group of the batch.</summary>
/// <param name="Group">The group: a region, a meeting mode, or <c>under 18</c>.</param>
/// <param name="Mentees">Young people of the group who can take part (age in range).</param>
/// <param name="MentorPlaces">Places of mentors who can take part (age and training) and serve the group.</param>
public sealed record CapacityRow(string Group, int Mentees, int MentorPlaces)
{
    /// <summary>Whether there are fewer places than young people.</summary>
    public bool IsShort => MentorPlaces < Mentees;
}

/// <summary>The readiness check of a batch: mentor places against demand, made before solving (a result, not an output file: the writers of those are in <c>MatchEngine.Reports</c>).</summary>
/// <param name="ByRegion">Young people and mentor places per region (mentor places counted in the mentor's region).</param>
/// <param name="ByMode">Young people who accept each mode (under-18s count for face-to-face only) and places of mentors who offer it.</param>
/// <param name="Under18">Young people under 18 against places of background-checked mentors who offer face-to-face.</param>
/// <param name="Unmatchable">Everyone no one in the batch could be matched with, with the reason.</param>
/// <param name="Warnings">Plain sentences for the shortages found.</param>
public sealed record ReadinessReport(
    IReadOnlyList<CapacityRow> ByRegion,
    IReadOnlyList<CapacityRow> ByMode,
    CapacityRow Under18,
    IReadOnlyList<UnmatchedEntry> Unmatchable,
    IReadOnlyList<string> Warnings)
{
    internal static ReadinessReport From(CandidateGraph g, MatchOptions o, Rules.RuleSet ruleSet)
    {
        // The rules in force say who can take part and which modes a young person can use (one source of truth).
        var rules = Rules.RuleIndex.Of(ruleSet.Rules);
        var usable = new bool[g.Mentors.Length];
        for (var m = 0; m < g.Mentors.Length; m++)
        {
            usable[m] = rules.MentorUsable(g.Mentors[m], g.MentorAge[m], o);
        }

        var inRange = new bool[g.Mentees.Length];
        for (var e = 0; e < g.Mentees.Length; e++)
        {
            inRange[e] = rules.MenteeUsable(g.MenteeAge[e], o);
        }

        // Modes an under-18 can use: face-to-face only while the remote safeguard is on, else any.
        var youngModes = rules.MenteeModes(new Mentee { Id = string.Empty, BirthDate = default, Region = string.Empty, Modes = MeetingModes.All }, Math.Min(o.BackgroundCheckUnderAge, o.RemoteMinAge) - 1, o);
        var needsCheck = rules.NeedsBackgroundCheck(o.BackgroundCheckUnderAge - 1, o);

        var regions = g.Mentors.Select(m => m.Region.Trim()).Concat(g.Mentees.Select(e => e.Region.Trim()))
            .GroupBy(r => r, StringComparer.OrdinalIgnoreCase).Select(gr => gr.Min(StringComparer.Ordinal)!).Order(StringComparer.Ordinal).ToList();
        var byRegion = regions.Select(r => new CapacityRow(
            r,
            g.Mentees.Where((e, i) => inRange[i] && Same(e.Region, r)).Count(),
            g.Mentors.Where((m, i) => usable[i] && Same(m.Region, r)).Sum(m => m.Capacity))).ToList();

        var byMode = MeetingModeNames.Single.Select(mode => new CapacityRow(
            MeetingModeNames.Name(mode),
            g.Mentees.Where((e, i) => inRange[i] && (rules.MenteeModes(e, g.MenteeAge[i], o) & mode) != 0).Count(),
            g.Mentors.Where((m, i) => usable[i] && (m.Modes & mode) != 0).Sum(m => m.Capacity))).ToList();

        var under18 = new CapacityRow(
            "under " + o.BackgroundCheckUnderAge.ToString(CultureInfo.InvariantCulture),
            g.Mentees.Where((e, i) => inRange[i] && g.MenteeAge[i] < o.BackgroundCheckUnderAge).Count(),
            g.Mentors.Where((m, i) => usable[i] && (m.BackgroundChecked || !needsCheck) && (m.Modes & youngModes) != 0).Sum(m => m.Capacity));

        var unmatchable = new List<UnmatchedEntry>();
        for (var e = 0; e < g.Mentees.Length; e++)
        {
            if (g.MenteeEligible[e] == 0)
            {
                unmatchable.Add(new Results.Reasons(o).MenteeReason(g, e));
            }
        }

        for (var m = 0; m < g.Mentors.Length; m++)
        {
            if (g.MentorEligible[m] == 0 && (!g.Sparse || g.MentorBinding[m].Rule >= 0))
            {
                unmatchable.Add(new Results.Reasons(o).MentorReason(g, m, 0));
            }
        }

        var warnings = ShortageWarnings(byRegion, byMode, under18, unmatchable, needsCheck, youngModes);
        return new ReadinessReport(byRegion, byMode, under18, unmatchable, warnings);
    }

    private static List<string> ShortageWarnings(List<CapacityRow> byRegion, List<CapacityRow> byMode, CapacityRow under18, List<UnmatchedEntry> unmatchable, bool needsCheck, MeetingModes youngModes)
    {
        var warnings = new List<string>();
        foreach (var row in byRegion.Where(r => r.IsShort && r.Mentees > 0))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Group}: {row.Mentees} young people for {row.MentorPlaces} mentor places in the region (in-person pairs need a mentor nearby; virtual pairs can cross regions)."));
        }

        foreach (var row in byMode.Where(r => r.IsShort && r.Mentees > 0))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Group}: {row.Mentees} young people accept it, but mentors offering it have only {row.MentorPlaces} places."));
        }

        if (under18.IsShort && under18.Mentees > 0)
        {
            var who = (needsCheck ? "background-checked mentors" : "mentors") + (youngModes == MeetingModes.FaceToFace ? " offering face-to-face" : string.Empty);
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{under18.Group}: {under18.Mentees} young people, but {who} have only {under18.MentorPlaces} places."));
        }

        var noOneMentees = unmatchable.Count(u => u.Role == PersonRole.Mentee);
        if (noOneMentees > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{noOneMentees} young people cannot be matched with anyone in this batch (see the list)."));
        }

        return warnings;
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b, StringComparison.OrdinalIgnoreCase);
}
