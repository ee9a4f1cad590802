using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Analytics;
using MatchEngine.Csv;
using MatchEngine.Model;
using MatchEngine.Preferences;
using MatchEngine.Tests.Cli;
using MatchEngine.Tests.Solving;
using static MatchEngine.Tests.People;

namespace MatchEngine.Tests.Preferences;

public class PreferenceTests
{
    /// <summary>A small batch with up to three choices per person, drawn from the other side (eligible or not).</summary>
    private static Gen<(MatchBatch Batch, StatedPreferences Prefs)> WithPreferences() =>
        from batch in BatchGen.Batch()
        from menteeChoices in Seq(batch.Mentees.Select(e => Choices(e.Id, batch.Mentors.Select(m => m.Id).ToArray(), PersonRole.Mentee)))
        from mentorChoices in Seq(batch.Mentors.Select(m => Choices(m.Id, batch.Mentees.Select(e => e.Id).ToArray(), PersonRole.Mentor)))
        select (batch, new StatedPreferences(menteeChoices.Concat(mentorChoices).SelectMany(x => x)));

    private static Gen<List<T>> Seq<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Constant(new List<T>()), (acc, g) => from list in acc from x in g select new List<T>(list) { x });

    private static Gen<StatedPreference[]> Choices(string chooser, string[] others, PersonRole role) =>
        others.Length == 0 ? Gen.Constant(Array.Empty<StatedPreference>())
        : from order in Gen.Shuffle(others)
          from k in Gen.Choose(0, Math.Min(3, others.Length))
          select order.Take(k).Select((o, i) => new StatedPreference(chooser, o, i + 1, role)).ToArray();

    [Property(MaxTest = 100)]
    public Property With_weight_0_results_equal_todays() => Prop.ForAll(WithPreferences().ToArbitrary(), x =>
    {
        var today = new Matcher().Match(x.Batch);
        var withPrefs = new Matcher(MatchOptions.Default with { StatedPreferences = x.Prefs }).Match(x.Batch);
        return today.Pairs.SequenceEqual(withPrefs.Pairs) && today.Summary.TotalScore == withPrefs.Summary.TotalScore;
    });

    [Property(MaxTest = 100)]
    public Property Preference_stable_result_has_no_blocking_pair_by_stated_preference() => Prop.ForAll(WithPreferences().ToArbitrary(), x =>
    {
        var options = MatchOptions.Default with { StatedPreferences = x.Prefs };
        var r = StrategyComparison.Run(x.Batch, [Strategy.PreferenceStable], options: options).Single();
        var mentors = x.Batch.Mentors.ToDictionary(m => m.Id);
        var mentees = x.Batch.Mentees.ToDictionary(m => m.Id);
        var current = r.Pairs.ToDictionary(p => p.MenteeId, p => p.MentorId);
        const int Unranked = 99;
        var blocking = new List<string>();
        foreach (var e in x.Batch.Mentees)
        {
            foreach (var m in x.Batch.Mentors)
            {
                // Independent check: the reference rules, and the stated ranks only.
                if (ReferenceRules.Allowed(m, e, x.Batch.AsOf) == MeetingModes.None || x.Prefs.MenteeRank(e.Id, m.Id) is not { } want)
                {
                    continue;
                }

                var has = current.GetValueOrDefault(e.Id);
                if (has == m.Id || (has is not null && (x.Prefs.MenteeRank(e.Id, has) ?? Unranked) <= want))
                {
                    continue;
                }

                var theirs = current.Where(c => c.Value == m.Id).Select(c => c.Key).ToList();
                var rank = x.Prefs.MentorRank(e.Id, m.Id) ?? Unranked;
                if (theirs.Count < m.Capacity || theirs.Any(t => (x.Prefs.MentorRank(t, m.Id) ?? Unranked) > rank))
                {
                    blocking.Add($"({e.Id}, {m.Id})");
                }
            }
        }

        var capacityOk = r.Pairs.GroupBy(p => p.MentorId).All(g => g.Count() <= mentors[g.Key].Capacity);
        var legal = r.Pairs.All(p => ReferenceRules.Allowed(mentors[p.MentorId], mentees[p.MenteeId], x.Batch.AsOf) != MeetingModes.None);
        return (blocking.Count == 0 && capacityOk && legal && r.Quality.StatedPreferences!.BlockingPairs == 0)
            .Label($"blocking: {string.Join(' ', blocking)}; capacity {capacityOk}; legal {legal}");
    });

    private static readonly MatchBatch Batch = new(
        [Mentor("MR1"), Mentor("MR2", dbs: false), Mentor("MR3")],
        [Mentee("ME1"), Mentee("ME2", age: 15, modes: MeetingModes.FaceToFace), Mentee("ME3")],
        AsOf);

    private static CsvReadResult<StatedPreference> Read(string text) =>
        PreferencesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "preferences.csv", Batch);

    [Fact]
    public void Every_bad_preference_row_is_an_error_with_row_and_column()
    {
        var r = Read("chooser_id,chosen_id,rank\n" +
            "ME1,MR1,1\n" +       // 2 fine
            "ME1,MR2,1\n" +       // 3 duplicate rank
            "ME9,MR1,1\n" +       // 4 unknown chooser
            "ME1,MR9,2\n" +       // 5 unknown chosen
            "ME1,ME1,3\n" +       // 6 self
            "ME1,MR3,6\n" +       // 7 rank out of range
            "ME1,ME2,4\n" +       // 8 same side
            "ME1,MR1,5\n");       // 9 same person twice
        Assert.Contains(r.Errors, e => e.Row == 3 && e.Column == "rank" && e.Message.Contains("used twice", StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.Row == 4 && e.Column == "chooser_id");
        Assert.Contains(r.Errors, e => e.Row == 5 && e.Column == "chosen_id");
        Assert.Contains(r.Errors, e => e.Row == 6 && e.Column == "chosen_id" && e.Message.Contains("themselves", StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.Row == 7 && e.Column == "rank");
        Assert.Contains(r.Errors, e => e.Row == 8 && e.Column == "chosen_id" && e.Message.Contains("ranks mentors", StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.Row == 9 && e.Column == "chosen_id" && e.Message.Contains("ranked twice", StringComparison.Ordinal));
        Assert.Equal(7, r.Errors.Count);
    }

    [Fact]
    public void More_than_five_ranks_is_an_error_on_the_sixth()
    {
        var mentors = Enumerable.Range(1, 6).Select(i => Mentor($"MR{i}")).ToArray();
        var batch = new MatchBatch(mentors, [Mentee("ME1")], AsOf);
        var text = "chooser_id,chosen_id,rank\nME1,MR1,1\nME1,MR2,2\nME1,MR3,3\nME1,MR4,4\nME1,MR5,5\nMR6,ME1,1\nME1,MR6,5\n";
        var r = PreferencesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "preferences.csv", batch);
        var e = Assert.Single(r.Errors);
        Assert.Equal(8, e.Row);
    }

    [Fact]
    public void Points_run_from_rank_1_to_rank_5_with_a_mutual_bonus()
    {
        var prefs = new StatedPreferences(
        [
            new StatedPreference("ME1", "MR1", 1, PersonRole.Mentee), new StatedPreference("ME1", "MR2", 5, PersonRole.Mentee),
            new StatedPreference("MR1", "ME1", 2, PersonRole.Mentor),
        ]);
        Assert.Equal(1.0, prefs.Value("ME1", "MR1"), 6);
        Assert.Equal(0.16, prefs.Value("ME1", "MR2"), 6);
        Assert.Equal(0, prefs.Value("ME1", "MR3"));
        var options = MatchOptions.Default with { Weights = ScoreWeights.Default with { StatedPreference = 10 }, StatedPreferences = prefs };
        var plain = new Matcher().Evaluate(Batch.Mentors[0], Batch.Mentees[0], AsOf).Score;
        var scored = new Matcher(options).Evaluate(Batch.Mentors[0], Batch.Mentees[0], AsOf).Score;
        Assert.Equal(plain.Total + 10, scored.Total, 6);
        Assert.Equal(1.0, scored.StatedPreference);
    }

    [Fact]
    public void A_preference_never_overrides_a_hard_rule_and_is_reported_with_the_rule()
    {
        var prefs = new StatedPreferences([new StatedPreference("ME2", "MR2", 1, PersonRole.Mentee, 2), new StatedPreference("ME2", "MR1", 2, PersonRole.Mentee, 3)]);
        var options = MatchOptions.Default with { Weights = ScoreWeights.Default with { StatedPreference = 100 }, StatedPreferences = prefs };
        var result = new Matcher(options).Match(Batch);
        Assert.DoesNotContain(result.Pairs, p => p is { MenteeId: "ME2", MentorId: "MR2" });
        var blocked = Assert.Single(PreferenceCheck.Blocked(Batch, prefs, new Matcher(options)));
        Assert.Equal("NO_BACKGROUND_CHECK", blocked.RuleCode);
        Assert.Equal(2, blocked.Preference.Row);
    }

    [Fact]
    public void Cli_reads_preferences_reports_blocked_ones_explains_the_part_and_counts_them()
    {
        var dir = CliRunner.TempDir();
        var prefs = Path.Combine(dir, "preferences.csv");
        File.WriteAllText(prefs, "chooser_id,chosen_id,rank\nME0001,MR0065,1\nME0006,MR0130,1\nMR0130,ME0006,1\n");
        var policy = Path.Combine(dir, "policy.json");
        File.WriteAllText(policy, "{ \"weights\": { \"stated_preference\": 10 } }");
        string[] batch = ["--mentors", CliRunner.Samples("mentors.csv"), "--mentees", CliRunner.Samples("mentees.csv"), "--as-of", "2026-09-01", "--preferences", prefs, "--policy", policy];
        var (code, _, err) = CliRunner.Run(["match", .. batch, "--out", Path.Combine(dir, "out")]);
        Assert.True(code == 0, err);
        Assert.Contains("row 2: ME0001 -> MR0065 (rank 1) blocked by", err, StringComparison.Ordinal);
        (code, var text, err) = CliRunner.Run(["explain", .. batch, "--mentee", "ME0006"]);
        Assert.True(code == 0, err);
        Assert.Contains("stated preference", text, StringComparison.Ordinal);
        (code, text, err) = CliRunner.Run(["compare", .. batch]);
        Assert.True(code == 0, err);
        Assert.Contains("preference-stable", text, StringComparison.Ordinal);
        Assert.Contains("blocking pairs (stated)", text, StringComparison.Ordinal);

        File.WriteAllText(prefs, "chooser_id,chosen_id,rank\nME0001,ME0001,1\nME0001,MR0010,0\n");
        (code, _, err) = CliRunner.Run(["match", .. batch, "--out", Path.Combine(dir, "bad")]);
        Assert.Equal(2, code);
        Assert.Contains("preferences.csv, row 2, column chosen_id", err, StringComparison.Ordinal);
        Assert.Contains("preferences.csv, row 3, column rank", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "bad")) && Directory.EnumerateFiles(Path.Combine(dir, "bad")).Any());
    }
}
