using System.Text;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Tests.Cli;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Rules;

public class AvailabilityTests
{
    private static readonly Matcher Matcher = new();

    private static PairAssessment Assess(Mentor mentor, Mentee mentee) => Matcher.Evaluate(mentor, mentee, AsOf).Assessment;

    [Theory]
    [InlineData(Availability.None, Availability.None, true)]
    [InlineData(Availability.Weekend, Availability.None, true)]
    [InlineData(Availability.None, Availability.WeekdayEvening, true)]
    [InlineData(Availability.Weekend | Availability.WeekdayEvening, Availability.WeekdayEvening, true)]
    [InlineData(Availability.Weekend, Availability.WeekdayEvening | Availability.WeekdayDaytime, false)]
    public void Both_stated_must_share_a_slot_and_blank_means_no_constraint(Availability mentor, Availability mentee, bool eligible)
    {
        var a = Assess(Mentor() with { Availability = mentor }, Mentee() with { Availability = mentee });
        Assert.Equal(eligible, a.IsEligible);
        if (!eligible)
        {
            Assert.Equal(RuleCodes.NoCommonAvailability, a.FailedRule!.Code);
        }
    }

    [Fact]
    public void Default_rule_set_holds_the_availability_rule()
    {
        Assert.Contains(RuleSet.Default.Rules, r => r.Code == "NO_COMMON_AVAILABILITY");
    }

    [Fact]
    public void An_unmatched_young_person_gets_the_availability_reason_with_a_sentence()
    {
        var batch = new MatchBatch(
            [Mentor("MR1") with { Availability = Availability.WeekdayDaytime }, Mentor("MR2") with { Availability = Availability.WeekdayEvening }],
            [Mentee("ME1") with { Availability = Availability.Weekend }],
            AsOf);
        var result = Matcher.Match(batch);
        var mentee = Assert.Single(result.Unmatched, u => u.Role == PersonRole.Mentee);
        Assert.Equal(RuleCodes.NoCommonAvailability, mentee.ReasonCode);
        Assert.Contains("free only weekend", mentee.Reason, StringComparison.Ordinal);
        var mentor = result.Unmatched.First(u => u.Role == PersonRole.Mentor);
        Assert.Contains("no time slot in common", mentor.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_reads_slots_and_names_a_misspelt_one_with_row_and_column()
    {
        const string text = "id,birth_date,region,modes,availability\n" +
            "ME1,2005-01-01,West Midlands,face-to-face,weekday-daytime|Weekend\n" +
            "ME2,2005-01-01,West Midlands,face-to-face,\n" +
            "ME3,2005-01-01,West Midlands,face-to-face,weekday-evenning\n";
        var r = BatchCsv.ReadMentees(new MemoryStream(Encoding.UTF8.GetBytes(text)), "mentees.csv", AsOf);
        Assert.Equal(Availability.WeekdayDaytime | Availability.Weekend, r.Records[0].Availability);
        Assert.Equal(Availability.None, r.Records[1].Availability);
        var e = Assert.Single(r.Errors);
        Assert.Equal(4, e.Row);
        Assert.Equal("availability", e.Column);
        Assert.Contains("did you mean 'weekday-evening'", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mentor_file_with_availability_round_trips_through_the_writer()
    {
        var mentors = new[] { Mentor("MR1") with { Availability = Availability.WeekdayEvening | Availability.Weekend }, Mentor("MR2") };
        var ms = new MemoryStream();
        BatchCsvWriter.WriteMentors(ms, mentors);
        var back = BatchCsv.ReadMentors(new MemoryStream(ms.ToArray()), "mentors.csv", AsOf);
        Assert.True(back.IsValid, string.Join("\n", back.Errors));
        Assert.Equal([Availability.WeekdayEvening | Availability.Weekend, Availability.None], back.Records.Select(m => m.Availability));
    }

    [Fact]
    public void Cli_match_reports_NO_COMMON_AVAILABILITY_in_unmatched_csv()
    {
        var dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "mentors.csv"), "id,birth_date,region,modes,training_complete,dbs_checked,availability\nMR1,1980-01-01,West Midlands,face-to-face,yes,yes,weekend\n");
        File.WriteAllText(Path.Combine(dir, "mentees.csv"), "id,birth_date,region,modes,availability\nME1,2005-01-01,West Midlands,face-to-face,weekday-evening\n");
        var (code, _, err) = CliRunner.Run("match", "--mentors", Path.Combine(dir, "mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"), "--out", Path.Combine(dir, "out"), "--as-of", "2026-09-01");
        Assert.True(code == 0, err);
        Assert.Contains("mentee,ME1,NO_COMMON_AVAILABILITY", File.ReadAllText(Path.Combine(dir, "out", "unmatched.csv")), StringComparison.Ordinal);
    }
}
