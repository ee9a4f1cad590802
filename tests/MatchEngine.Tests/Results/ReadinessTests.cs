using MatchEngine.Model;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Results;

/// <summary>The readiness check that <c>validate</c> prints and summary.json carries: demand against supply before solving.</summary>
public class ReadinessTests
{
    private static ReadinessReport Check(Mentor[] mentors, Mentee[] mentees) =>
        new Matcher(MatchOptions.Default).Readiness(new MatchBatch(mentors, mentees, AsOf));

    [Fact]
    public void A_region_with_fewer_places_than_young_people_is_short_and_gets_a_warning()
    {
        var r = Check([Mentor("MR1", capacity: 1)], [Mentee("ME1"), Mentee("ME2")]);
        var row = Assert.Single(r.ByRegion);
        Assert.Equal(new CapacityRow("West Midlands", 2, 1), row);
        Assert.True(row.IsShort);
        Assert.Contains(r.Warnings, w => w.StartsWith("West Midlands: 2 young people for 1 mentor places in the region", StringComparison.Ordinal));
    }

    [Fact]
    public void Untrained_and_too_young_mentors_bring_no_places_and_are_listed_as_unmatchable()
    {
        var r = Check([Mentor("MR1", capacity: 3), Mentor("MR2", trained: false, capacity: 2), Mentor("MR3", age: 22, capacity: 2)], [Mentee("ME1")]);
        Assert.Equal(3, Assert.Single(r.ByRegion).MentorPlaces);
        Assert.Equal(["MR2", "MR3"], r.Unmatchable.Where(u => u.Role == PersonRole.Mentor).Select(u => u.Id).Order(StringComparer.Ordinal));
        Assert.Empty(r.Warnings);
    }

    [Fact]
    public void Under_18s_count_only_for_face_to_face_and_only_background_checked_places_serve_them()
    {
        var r = Check(
            [Mentor("MR1", dbs: false, capacity: 2), Mentor("MR2", modes: MeetingModes.Virtual, capacity: 5)],
            [Mentee("ME1", age: 15), Mentee("ME2", age: 20)]);
        Assert.Equal(new CapacityRow("under 18", 1, 0), r.Under18);
        Assert.Equal(2, r.ByMode.Single(m => m.Group == MeetingModeNames.Name(MeetingModes.FaceToFace)).Mentees);
        Assert.Equal(1, r.ByMode.Single(m => m.Group == MeetingModeNames.Name(MeetingModes.Virtual)).Mentees);
        Assert.Contains(r.Warnings, w => w == "under 18: 1 young people, but background-checked mentors offering face-to-face have only 0 places.");
        var me1 = Assert.Single(r.Unmatchable, u => u.Id == "ME1");
        Assert.Equal(PersonRole.Mentee, me1.Role);
        Assert.Contains(r.Warnings, w => w == "1 young people cannot be matched with anyone in this batch (see the list).");
    }

    [Fact]
    public void A_batch_with_enough_places_everywhere_has_no_warnings()
    {
        var r = Check([Mentor("MR1", capacity: 2)], [Mentee("ME1"), Mentee("ME2", age: 16)]);
        Assert.Empty(r.Warnings);
        Assert.Empty(r.Unmatchable);
        Assert.All(r.ByRegion.Concat(r.ByMode), row => Assert.False(row.IsShort));
    }
}
