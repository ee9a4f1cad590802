using MatchEngine.Model;
using MatchEngine.Rules;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Rules;

public class RuleBoundaryTests
{
    private static readonly Matcher Matcher = new();

    private static PairAssessment Assess(Mentor mentor, Mentee mentee) => Matcher.Evaluate(mentor, mentee, AsOf).Assessment;

    private static string? FailedCode(Mentor mentor, Mentee mentee) => Assess(mentor, mentee).FailedRule?.Code;

    [Fact]
    public void Mentor_who_turns_26_on_the_as_of_date_is_eligible()
    {
        var mentor = Mentor() with { BirthDate = AsOf.AddYears(-26) };
        Assert.True(Assess(mentor, Mentee()).IsEligible);
    }

    [Fact]
    public void Mentor_aged_25_is_not_eligible()
    {
        var mentor = Mentor() with { BirthDate = AsOf.AddYears(-26).AddDays(1) };
        Assert.Equal(25, Age.On(mentor.BirthDate, AsOf));
        Assert.Equal(RuleCodes.MentorTooYoung, FailedCode(mentor, Mentee()));
    }

    [Theory]
    [InlineData(11, true)]
    [InlineData(25, true)]
    [InlineData(10, false)]
    [InlineData(26, false)]
    public void Mentee_age_limits_are_inclusive(int age, bool eligible)
    {
        var mentee = Mentee(age: age, modes: MeetingModes.FaceToFace) with { BirthDate = AsOf.AddYears(-age) };
        Assert.Equal(eligible, Assess(Mentor(), mentee).IsEligible);
        if (!eligible)
        {
            Assert.Equal(RuleCodes.MenteeAgeOutOfRange, FailedCode(Mentor(), mentee));
        }
    }

    [Fact]
    public void Mentee_exactly_11_on_the_as_of_date_is_eligible_and_one_day_younger_is_not()
    {
        var eleven = Mentee(modes: MeetingModes.FaceToFace) with { BirthDate = AsOf.AddYears(-11) };
        var almost = eleven with { BirthDate = AsOf.AddYears(-11).AddDays(1) };
        Assert.True(Assess(Mentor(), eleven).IsEligible);
        Assert.Equal(RuleCodes.MenteeAgeOutOfRange, FailedCode(Mentor(), almost));
    }

    [Fact]
    public void Seventeen_year_old_who_accepts_only_virtual_cannot_be_matched()
    {
        var mentee = Mentee(age: 17, modes: MeetingModes.Virtual);
        Assert.Equal(RuleCodes.RemoteUnder18, FailedCode(Mentor(modes: MeetingModes.All), mentee));
    }

    [Fact]
    public void Seventeen_year_old_is_offered_face_to_face_only()
    {
        var a = Assess(Mentor(modes: MeetingModes.All), Mentee(age: 17, modes: MeetingModes.All));
        Assert.Equal(MeetingModes.FaceToFace, a.Allowed);
    }

    [Fact]
    public void Eighteen_year_old_may_meet_virtually()
    {
        var a = Assess(Mentor(modes: MeetingModes.Virtual, dbs: false), Mentee(age: 18, modes: MeetingModes.Virtual));
        Assert.Equal(MeetingModes.Virtual, a.Allowed);
    }

    [Fact]
    public void Under_18_needs_a_background_checked_mentor()
    {
        Assert.Equal(RuleCodes.NoBackgroundCheck, FailedCode(Mentor(dbs: false), Mentee(age: 15)));
        Assert.True(Assess(Mentor(dbs: true), Mentee(age: 15)).IsEligible);
        Assert.True(Assess(Mentor(dbs: false), Mentee(age: 18)).IsEligible);
    }

    [Fact]
    public void Untrained_mentor_is_not_eligible()
    {
        Assert.Equal(RuleCodes.MentorNotTrained, FailedCode(Mentor(trained: false), Mentee()));
    }

    [Fact]
    public void No_common_mode_is_not_eligible()
    {
        Assert.Equal(RuleCodes.NoCommonMode, FailedCode(Mentor(modes: MeetingModes.Virtual), Mentee(modes: MeetingModes.FaceToFace)));
    }

    [Theory]
    [InlineData(24.9, MeetingModes.FaceToFace | MeetingModes.Hybrid | MeetingModes.Virtual)]
    [InlineData(25.1, MeetingModes.Hybrid | MeetingModes.Virtual)]
    [InlineData(49.9, MeetingModes.Hybrid | MeetingModes.Virtual)]
    [InlineData(50.1, MeetingModes.Virtual)]
    public void Travel_limits_are_25_km_face_to_face_and_50_km_hybrid(double km, MeetingModes expected)
    {
        var a = Assess(Mentor(at: North(km)), Mentee());
        Assert.Equal(expected, a.Allowed);
        Assert.Equal(km, a.DistanceKm!.Value, 2);
    }

    [Fact]
    public void Face_to_face_only_pair_too_far_apart_is_excluded_for_distance()
    {
        Assert.Equal(RuleCodes.TooFar, FailedCode(Mentor(at: North(30), modes: MeetingModes.FaceToFace), Mentee(modes: MeetingModes.FaceToFace)));
    }

    [Fact]
    public void Missing_coordinate_needs_the_same_region_for_in_person_modes()
    {
        var mentee = Mentee(noLocation: true, modes: MeetingModes.FaceToFace);
        Assert.True(Assess(Mentor(region: "west midlands"), mentee).IsEligible);
        Assert.Equal(RuleCodes.TooFar, FailedCode(Mentor(region: "East London"), mentee));
        Assert.Equal(MeetingModes.Virtual, Assess(Mentor(region: "East London"), mentee with { Modes = MeetingModes.All }).Allowed);
    }

    [Fact]
    public void Distance_is_great_circle()
    {
        var london = new GeoPoint(51.5074, -0.1278);
        Assert.InRange(Birmingham.DistanceKm(london), 162.0, 163.0); // about 162.5 km
    }

    [Fact]
    public void Age_counts_completed_years_and_leap_day_birthdays()
    {
        Assert.Equal(17, Age.On(new DateOnly(2008, 2, 29), new DateOnly(2026, 2, 28)));
        Assert.Equal(18, Age.On(new DateOnly(2008, 2, 29), new DateOnly(2026, 3, 1)));
    }
}
