using MatchEngine.Model;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Safety;

/// <summary>The Low items of issue 11: each a clear message or a documented behaviour.</summary>
public class LowItemTests
{
    [Fact]
    public void A_policy_field_given_twice_is_an_error()
    {
        var dir = TempDir();
        var policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, "{ \"objective\": \"best-pairs-first\", \"objective\": \"most-pairs-first\" }");
        var (code, _, err) = Run("validate", "--mentors", Samples("mentors.csv"), "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01", "--policy", policy);
        Assert.Equal(2, code);
        Assert.Contains("policy.json: field 'objective' is given more than once; give it once.", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_birth_date_more_than_120_years_before_the_as_of_date_is_an_error()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "mentors.csv"), "id,birth_date,region,modes,training_complete\nOLD,0001-01-01,West Midlands,virtual,yes\n");
        var (code, _, err) = Run("validate", "--mentors", Path.Combine(dir, "mentors.csv"), "--mentees", Samples("mentees.csv"), "--as-of", "2026-09-01");
        Assert.Equal(2, code);
        Assert.Contains("mentors.csv, row 2, column birth_date: '0001-01-01' is more than 120 years before the as-of date 2026-09-01", err, StringComparison.Ordinal);
    }

    [Fact]
    public void An_as_of_date_in_year_1_is_handled_without_a_crash()
    {
        var (code, _, err) = Run("validate", "--mentors", Samples("mentors.csv"), "--mentees", Samples("mentees.csv"), "--as-of", "0001-01-01");
        Assert.Equal(2, code);
        Assert.Contains("after the as-of date 0001-01-01", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Look_alike_ids_and_regions_are_warned_about_naming_both_rows()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "mentees.csv"),
            "id,birth_date,region,modes\nE1,2005-01-01,West Midlands,face-to-face\ne1,2005-01-01,West Midlands\u200b,face-to-face\n E1\u200b,2005-01-01,West Midlands,face-to-face\n");
        var (code, _, err) = Run("validate", "--mentors", Samples("mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"), "--as-of", "2026-09-01");
        Assert.True(code == 0, err);
        Assert.Contains("warning: mentees.csv, row 3, column id: 'e1' looks like a duplicate of 'E1' on row 2", err, StringComparison.Ordinal);
        Assert.Contains("warning: mentees.csv, row 4, column id: ' E1\\u200B' looks like a duplicate of 'E1' on row 2", err, StringComparison.Ordinal);
        Assert.Contains("warning: mentees.csv, row 3, column region: 'West Midlands\\u200B' differs from 'West Midlands' on row 2", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_misuse_throws_ArgumentException()
    {
        var m = People.Mentor("M");
        var e = People.Mentee("E");
        Assert.ThrowsAny<ArgumentException>(() => new MatchBatch([m with { Region = null! }], [e], People.AsOf));
        Assert.ThrowsAny<ArgumentException>(() => new MatchBatch([m with { Languages = null! }], [e], People.AsOf));
        Assert.ThrowsAny<ArgumentException>(() => new MatchBatch([m], [e with { Interests = null! }], People.AsOf));
        Assert.ThrowsAny<ArgumentException>(() => new MatchBatch([m], [e], People.AsOf) { Locked = null! });
        Assert.ThrowsAny<ArgumentException>(() => new MatchBatch([m with { Capacity = int.MaxValue }, People.Mentor("M2") with { Capacity = int.MaxValue }], [e], People.AsOf));
        Assert.ThrowsAny<ArgumentException>(() => new MatchBatch([m with { Location = new GeoPoint(1000, 0) }], [e], People.AsOf));
        Assert.ThrowsAny<ArgumentException>(() => new MatchBatch([m with { Id = " " }], [e], People.AsOf));
        var noMode = new MatchBatch([m], [e], People.AsOf) { Locked = [new LockedPair("E", "M", MeetingModes.None)] };
        Assert.ThrowsAny<ArgumentException>(() => new Matcher().Match(noMode));
    }
}
