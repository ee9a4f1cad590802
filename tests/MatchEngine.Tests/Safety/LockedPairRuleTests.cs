using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Tests.Solving;
using static MatchEngine.Tests.Cli.CliRunner;

namespace MatchEngine.Tests.Safety;

/// <summary>Locked pairs are checked against every hard rule; safeguarding can never be overridden.</summary>
public class LockedPairRuleTests
{
    private const string Mentors = "id,birth_date,region,latitude,longitude,modes,capacity,training_complete,dbs_checked\n" +
        "BAD,2005-01-01,Aberdeen,57.1,-2.1,virtual,1,no,no\n" +
        "OK1,1980-01-01,West Midlands,52.49,-1.88,face-to-face,2,yes,yes\n";

    private const string Mentees = "id,birth_date,region,latitude,longitude,modes\n" +
        "KID,2014-06-01,West Midlands,52.49,-1.88,face-to-face\n" +
        "ADULT,2000-06-01,West Midlands,52.49,-1.88,face-to-face|virtual\n";

    private static (string Dir, string[] Args) Setup(string locked, params string[] extra)
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "mentors.csv"), Mentors);
        File.WriteAllText(Path.Combine(dir, "mentees.csv"), Mentees);
        File.WriteAllText(Path.Combine(dir, "locked.csv"), locked);
        return (dir, ["match", "--mentors", Path.Combine(dir, "mentors.csv"), "--mentees", Path.Combine(dir, "mentees.csv"),
            "--locked", Path.Combine(dir, "locked.csv"), "--out", Path.Combine(dir, "out"), "--as-of", "2026-09-01", .. extra]);
    }

    [Fact]
    public void The_issues_example_stops_with_exit_2_naming_the_pair_the_row_and_every_rule()
    {
        var (dir, args) = Setup("mentee_id,mentor_id,mode\nKID,BAD,virtual\n");
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains("error: 1 locked pair breaks the programme's hard rules (5 breaches); nothing was written.", err, StringComparison.Ordinal);
        foreach (var rule in new[] { "MENTOR_TOO_YOUNG", "MENTOR_NOT_TRAINED", "REMOTE_UNDER_18", "NO_COMMON_MODE", "NO_BACKGROUND_CHECK" })
        {
            Assert.Contains($"locked.csv, row 2: locked pair (KID, BAD) meeting virtual breaks {rule}:", err, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(dir, "out")) && Directory.EnumerateFiles(Path.Combine(dir, "out")).Any());
    }

    [Fact]
    public void Safeguarding_breaches_cannot_be_kept_even_with_the_keep_option()
    {
        var (_, args) = Setup("mentee_id,mentor_id,mode\nKID,BAD,virtual\n", "--keep-rule-breaking-locks");
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains("[safeguarding: can never be kept]", err, StringComparison.Ordinal);
        Assert.Contains("never overridden", err, StringComparison.Ordinal);
    }

    [Fact]
    public void A_face_to_face_lock_of_an_under_18_with_an_unchecked_mentor_is_refused_with_the_keep_option()
    {
        var mentors = "id,birth_date,region,latitude,longitude,modes,capacity,training_complete,dbs_checked\nNODBS,1980-01-01,West Midlands,52.49,-1.88,face-to-face,1,yes,no\n";
        var (dir, args) = Setup("mentee_id,mentor_id\nKID,NODBS\n", "--keep-rule-breaking-locks");
        File.WriteAllText(Path.Combine(dir, "mentors.csv"), mentors);
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains("locked.csv, row 2: locked pair (KID, NODBS) meeting face-to-face breaks NO_BACKGROUND_CHECK", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_breaches_stop_the_run_unless_kept_knowingly_and_then_are_listed_in_summary_and_on_the_terminal()
    {
        var (dir, args) = Setup("mentee_id,mentor_id\nADULT,BAD\n");
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains("locked.csv, row 2: locked pair (ADULT, BAD) meeting virtual breaks MENTOR_NOT_TRAINED", err, StringComparison.Ordinal);
        Assert.Contains("--keep-rule-breaking-locks", err, StringComparison.Ordinal);

        var (code2, stdout2, err2) = Run([.. args, "--keep-rule-breaking-locks"]);
        Assert.True(code2 == 0, err2);
        Assert.Contains("warning: keeping 1 locked pair that breaks the programme's hard rules", err2, StringComparison.Ordinal);
        Assert.Contains("KEPT RULE BREACHES:     3 in 1 locked pairs", stdout2, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
        var kept = summary.RootElement.GetProperty("locked_rule_breaches_kept").EnumerateArray().Select(e => e.GetProperty("rule").GetString()).ToList();
        Assert.Equal(["MENTOR_TOO_YOUNG", "MENTOR_NOT_TRAINED", "MENTEE_AGE_OUT_OF_RANGE"], kept);
    }

    [Fact]
    public void A_pair_both_locked_and_excluded_names_both_rows()
    {
        var (dir, args) = Setup("mentee_id,mentor_id\nADULT,OK1\n");
        File.WriteAllText(Path.Combine(dir, "excluded.csv"), "mentee_id,mentor_id\nKID,OK1\nADULT,OK1\n");
        var (code, _, err) = Run([.. args, "--excluded", Path.Combine(dir, "excluded.csv")]);
        Assert.Equal(2, code);
        Assert.Contains("excluded.csv, row 3, column mentee_id: 'ADULT' with mentor 'OK1' is excluded here and locked in locked.csv, row 2", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_library_refuses_safeguarding_breaches_whatever_the_options()
    {
        var kid = People.Mentee("KID", age: 12, modes: MeetingModes.FaceToFace);
        var unchecked_ = People.Mentor("M", dbs: false);
        var batch = new MatchBatch([unchecked_], [kid], People.AsOf) { Locked = [new LockedPair("KID", "M")] };
        var keep = MatchOptions.Default with { KeepRuleBreakingLocks = true };
        var e = Assert.Throws<LockedPairRuleException>(() => new Matcher(keep).Match(batch));
        Assert.Contains(e.Breaches, b => b.RuleCode == RuleCodes.NoBackgroundCheck && b.IsSafeguarding);
        Assert.Throws<LockedPairRuleException>(() => new Matcher(keep).Readiness(batch));
        await Assert.ThrowsAsync<LockedPairRuleException>(() => new Matcher(keep).MatchAsync(batch));

        var remote = new MatchBatch([People.Mentor("M")], [kid with { Modes = MeetingModes.All }], People.AsOf) { Locked = [new LockedPair("KID", "M", MeetingModes.Hybrid)] };
        var e2 = Assert.Throws<LockedPairRuleException>(() => new Matcher(keep).Match(remote));
        Assert.Equal([RuleCodes.RemoteUnder18], e2.Breaches.Select(b => b.RuleCode));
    }

    [Fact]
    public void The_library_keeps_other_breaches_only_when_asked_and_reports_them()
    {
        var batch = new MatchBatch([People.Mentor("M", trained: false)], [People.Mentee("E", age: 20)], People.AsOf) { Locked = [new LockedPair("E", "M")] };
        var e = Assert.Throws<LockedPairRuleException>(() => new Matcher().Match(batch));
        Assert.Equal(RuleCodes.MentorNotTrained, Assert.Single(e.Breaches).RuleCode);
        var r = new Matcher(MatchOptions.Default with { KeepRuleBreakingLocks = true }).Match(batch);
        Assert.Equal(RuleCodes.MentorNotTrained, Assert.Single(r.Summary.LockedRuleBreaches).RuleCode);
        Assert.True(Assert.Single(r.Pairs).Locked);
    }

    private static Gen<(MatchBatch Batch, int Seed)> Cases =>
        from b in BatchGen.Batch(5, 6)
        from s in Gen.Choose(0, 10_000)
        select (b, s);

    /// <summary>Random locks, rule-abiding or not: the match keeps a locked pair only when every rule allows it in its mode, and otherwise names exactly the rules that do not.</summary>
    [Property(MaxTest = 200)]
    public Property A_locked_pair_is_kept_only_when_the_rules_allow_it() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var rng = new Random(c.Seed);
        var load = new Dictionary<string, int>();
        var locked = new List<LockedPair>();
        foreach (var e in c.Batch.Mentees)
        {
            var free = c.Batch.Mentors.Where(m => load.GetValueOrDefault(m.Id) < m.Capacity).ToList();
            if (free.Count == 0 || rng.Next(2) == 0)
            {
                continue;
            }

            var m = free[rng.Next(free.Count)];
            load[m.Id] = load.GetValueOrDefault(m.Id) + 1;
            MeetingModes? mode = rng.Next(3) switch { 0 => null, 1 => MeetingModes.Virtual, _ => MeetingModes.FaceToFace };
            locked.Add(new LockedPair(e.Id, m.Id, mode));
        }

        var batch = c.Batch with { Locked = locked };
        var matcher = new Matcher();
        var allowed = locked.All(l =>
        {
            var (a, best, _) = matcher.Evaluate(c.Batch.Mentors.Single(m => m.Id == l.MentorId), c.Batch.Mentees.Single(m => m.Id == l.MenteeId), c.Batch.AsOf);
            return a.IsEligible && (l.Mode is null || (a.Allowed & l.Mode.Value) != 0);
        });
        try
        {
            var r = matcher.Match(batch);
            return allowed.Label("kept only when allowed").And(r.Pairs.Count(p => p.Locked) == locked.Count);
        }
        catch (LockedPairRuleException e)
        {
            var found = LockedPairCheck.Find(batch);
            return (!allowed).Label("refused only when a rule is broken")
                .And(e.Breaches.SequenceEqual(found).Label("the exception lists what Find finds"))
                .And(e.Breaches.All(b => locked.Any(l => l.MenteeId == b.MenteeId && l.MentorId == b.MentorId)).Label("names locked pairs"));
        }
    });
}
