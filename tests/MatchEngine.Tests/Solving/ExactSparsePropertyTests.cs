using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Candidates;
using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Scoring;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// The exact engine for large batches, forced on small ones (dense_pair_limit 0), against the dense engine that
/// checks every pair: the same counts and the same total score, certified, under custom rule sets and policy
/// switches; and the pair kernel against the rules and the scorer, pair by pair.
/// </summary>
public class ExactSparsePropertyTests
{
    private static readonly Func<MatchOptions, MatchOptions>[] Switches =
    [
        o => o,
        o => o with { RemoteMinAge = 21 },
        o => o with { BackgroundCheckUnderAge = 21 },
        o => o with { Objective = ObjectiveOrder.BestPairsFirst },
        o => o with { MinPairScore = 40 },
        o => o with { FaceToFaceMaxKm = 5, HybridMaxKm = 30, ProximityScaleKm = 20 },
        o => o with { Weights = new ScoreWeights { EthnicityDifference = 10, SocioeconomicDifference = 10, Proximity = 40, SectorFit = 20, SharedLanguage = 10, GenderPreference = 10 } },
        o => o with { CandidatesPerMentee = 1, CandidateSearchBudget = 1 },
    ];

    private static readonly Func<RuleSet>[] RuleSets =
    [
        () => RuleSet.Default,
        () => new RuleSet(RuleSet.Default.Rules.Reverse()),
        () => new RuleSet(RuleSet.Default.Rules.Where(r => r is not MentorTrainingRule and not MenteeAgeRule)),
        () => new RuleSet(RuleSet.Default.Rules.Where(r => r is not TravelDistanceRule)),
        () => new RuleSet(RuleSet.Default.Rules.Where(r => r is not RemoteAgeRule and not BackgroundCheckRule)),
    ];

    private static Gen<(MatchBatch Batch, int Switch, int Rules, bool Excluded)> Cases =>
        from seed in Gen.Choose(1, 1_000_000)
        from mentors in Gen.Choose(1, 90)
        from mentees in Gen.Choose(1, 90)
        from scatter in Gen.Elements(0.0, 2.0, 15.0, 40.0)
        from sw in Gen.Choose(0, Switches.Length - 1)
        from rs in Gen.Choose(0, RuleSets.Length - 1)
        from excluded in Gen.Elements(false, true)
        from slots in Gen.Elements(false, true)
        select (WithSlots(BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, ScatterKm = scatter }), slots ? seed : 0), sw, rs, excluded);

    /// <summary>Gives about half the people a stated availability (0 to 7 as bits), so the availability rule bites.</summary>
    private static MatchBatch WithSlots(MatchBatch batch, int seed)
    {
        if (seed == 0)
        {
            return batch;
        }

        static Availability Slot(int seed, int i) => (Availability)(((seed * 31) + (i * 17)) % 13 % 8 is var v && v < 8 && ((seed + i) % 2 == 0) ? v : 0);
        return new MatchBatch(
            [.. batch.Mentors.Select((m, i) => m with { Availability = Slot(seed, i) })],
            [.. batch.Mentees.Select((m, i) => m with { Availability = Slot(seed + 7, i) })],
            batch.AsOf);
    }

    [Property(MaxTest = 300)]
    public Property Forced_sparse_equals_the_dense_optimum_and_is_certified() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var batch = c.Batch;
        if (c.Excluded && batch.Mentors.Count > 0 && batch.Mentees.Count > 0)
        {
            batch = batch with
            {
                Excluded = [.. batch.Mentees.Take(5).Select((e, i) => new PairRef(e.Id, batch.Mentors[i % batch.Mentors.Count].Id))],
            };
        }

        var options = Switches[c.Switch](MatchOptions.Default);
        if (c.Excluded && batch.Mentors.Count > 1)
        {
            // Stated preferences with a weight: per-pair points on top of the profile scores.
            var prefs = new List<MatchEngine.Preferences.StatedPreference>();
            for (var i = 0; i < Math.Min(12, batch.Mentees.Count); i++)
            {
                prefs.Add(new(batch.Mentees[i].Id, batch.Mentors[i % batch.Mentors.Count].Id, 1, PersonRole.Mentee));
                prefs.Add(new(batch.Mentees[i].Id, batch.Mentors[(i * 7 + 1) % batch.Mentors.Count].Id, 2, PersonRole.Mentee));
                prefs.Add(new(batch.Mentors[i % batch.Mentors.Count].Id, batch.Mentees[i].Id, 1 + (i % 5), PersonRole.Mentor));
            }

            options = options with
            {
                Weights = options.Weights with { StatedPreference = 10 },
                StatedPreferences = new MatchEngine.Preferences.StatedPreferences(prefs.DistinctBy(p => (p.ChooserId, p.ChosenId)).DistinctBy(p => (p.ChooserId, p.Rank))),
            };
        }

        var rules = RuleSets[c.Rules]();
        var exact = new Matcher(options, rules).Match(batch);
        var sparse = new Matcher(options with { DensePairLimit = 0 }, rules).Match(batch);
        var s = sparse.Summary;
        var e = exact.Summary;
        var indexable = rules.Rules.Any(r => r is TravelDistanceRule);
        // Best-pairs-first weighs young people with unmet needs, then the score: a pair scoring 0 may or may not be
        // made, so the number matched is compared only under most-pairs-first.
        var sameMatched = options.Objective == ObjectiveOrder.BestPairsFirst || s.Matched == e.Matched;
        return sameMatched.Label($"matched {s.Matched} vs {e.Matched}")
            .And((s.UnmetNeedsMatched == e.UnmetNeedsMatched).Label($"unmet needs {s.UnmetNeedsMatched} vs {e.UnmetNeedsMatched}"))
            .And((Math.Abs(s.TotalScore - e.TotalScore) < 1e-6).Label($"score {s.TotalScore} vs {e.TotalScore}"))
            .And((!indexable || s.SolverStatus.StartsWith("optimal (certified", StringComparison.Ordinal)).Label($"status {s.SolverStatus}"))
            .And((sparse.Pairs.Count + sparse.Unmatched.Count(u => u.Role == PersonRole.Mentee) == batch.Mentees.Count).Label("every mentee once"))
            .And((NoEligibleClaimsDiffering(sparse, exact) is null).Label($"reasons: {NoEligibleClaimsDiffering(sparse, exact)}"))
            .And((FreePlaceClaimWrong(sparse, batch, options, rules) is null).Label($"free places: {FreePlaceClaimWrong(sparse, batch, options, rules)}"));
    });

    /// <summary>
    /// The first unmatched mentee whose reason is wrong about free places, checked pair by pair against every mentor:
    /// "all their places went to other young people" (CAPACITY_TAKEN) while an eligible mentor still has a free place,
    /// or NO_SCORE_GAIN while none has; null when every such reason holds.
    /// </summary>
    internal static string? FreePlaceClaimWrong(MatchResult result, MatchBatch batch, MatchOptions options, RuleSet rules)
    {
        var index = RuleIndex.Of(rules.Rules);
        if (!index.Indexable)
        {
            return null;
        }

        var (mentors, mentees, _, _, kernel) = KernelOf.Batch(batch, options, index);
        var excluded = batch.Excluded.ToHashSet();
        var used = result.Pairs.GroupBy(p => p.MentorId).ToDictionary(g => g.Key, g => g.Count());
        var at = mentees.Select((x, i) => (x.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var u in result.Unmatched.Where(u => u.Role == PersonRole.Mentee && u.ReasonCode is ReasonCodes.CapacityTaken or ReasonCodes.NoScoreGain))
        {
            var e = at[u.Id];
            var open = Enumerable.Range(0, mentors.Length).Any(m =>
                kernel.Decide(m, e, out _, out _) && !excluded.Contains(new PairRef(u.Id, mentors[m].Id)) && mentors[m].Capacity > used.GetValueOrDefault(mentors[m].Id));
            if (open != (u.ReasonCode == ReasonCodes.NoScoreGain))
            {
                return $"{u.Id}: {u.ReasonCode} ({u.Reason}), but an eligible mentor with a free place {(open ? "exists" : "does not exist")}";
            }
        }

        return null;
    }

    /// <summary>
    /// The first unmatched mentee whose reason says "no eligible mentor" (a rule's code, eligible count 0) in one result
    /// and not in the other, or whose eligible count in the sparse result exceeds the dense one (a large batch counts
    /// only the mentors it considered, so its count is a lower bound); null when the reasons agree so.
    /// </summary>
    internal static string? NoEligibleClaimsDiffering(MatchResult sparse, MatchResult dense)
    {
        var denseOf = dense.Unmatched.Where(u => u.Role == PersonRole.Mentee).ToDictionary(u => u.Id);
        foreach (var u in sparse.Unmatched.Where(u => u.Role == PersonRole.Mentee))
        {
            if (!denseOf.TryGetValue(u.Id, out var d))
            {
                continue;
            }

            if ((u.EligibleCount == 0) != (d.EligibleCount == 0) || u.EligibleCount > d.EligibleCount)
            {
                return $"{u.Id}: sparse {u.ReasonCode} ({u.EligibleCount} eligible), dense {d.ReasonCode} ({d.EligibleCount} eligible)";
            }
        }

        return null;
    }

    /// <summary>
    /// Larger batches, scarce and abundant, scattered and co-located: enough pricing rounds for the incremental
    /// pricing (a clean mentee searching only mentors whose price fell) and the warm re-solve to do real work.
    /// </summary>
    [Theory]
    [InlineData(101, 120, 300, 0.0)]
    [InlineData(102, 300, 300, 0.0)]
    [InlineData(103, 130, 320, 2.0)]
    [InlineData(104, 320, 320, 15.0)]
    [InlineData(105, 200, 400, 0.0)]
    [InlineData(106, 400, 400, 2.0)]
    public void Forced_sparse_equals_the_dense_optimum_over_many_rounds(int seed, int mentors, int mentees, double scatter)
    {
        foreach (var objective in new[] { ObjectiveOrder.MostPairsFirst, ObjectiveOrder.BestPairsFirst })
        {
            var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, ScatterKm = scatter });
            var options = MatchOptions.Default with { Objective = objective };
            var dense = new Matcher(options).Match(batch);
            var sparse = new Matcher(options with { DensePairLimit = 0 }).Match(batch);
            var (e, s) = (dense.Summary, sparse.Summary);
            Assert.Null(NoEligibleClaimsDiffering(sparse, dense));
            Assert.Null(FreePlaceClaimWrong(sparse, batch, options, RuleSet.Default));
            Assert.Equal(e.Matched, s.Matched);
            Assert.Equal(e.UnmetNeedsMatched, s.UnmetNeedsMatched);
            Assert.Equal(e.TotalScore, s.TotalScore, 6);
            Assert.StartsWith("optimal (certified", s.SolverStatus, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Forced_sparse_with_no_mentor_who_can_take_anyone_matches_none_and_is_certified()
    {
        // Every mentor too young: no mentor is usable, so the bound trees have no leaf (this used to throw from an
        // empty partition, found by the property above).
        var batch = BatchGenerator.Generate(new GeneratorOptions { Mentors = 6, Mentees = 5, Seed = 45 });
        batch = new MatchBatch([.. batch.Mentors.Select(m => m with { BirthDate = batch.AsOf.AddYears(-20) })], batch.Mentees, batch.AsOf);
        var result = new Matcher(MatchOptions.Default with { DensePairLimit = 0 }).Match(batch);
        Assert.Empty(result.Pairs);
        Assert.Equal(5, result.Unmatched.Count(u => u.Role == PersonRole.Mentee));
        Assert.StartsWith("optimal (certified", result.Summary.SolverStatus, StringComparison.Ordinal);
    }

    [Property(MaxTest = 200)]
    public Property Kernel_decides_every_pair_as_the_rules_and_the_scorer_do() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var batch = c.Batch;
        var options = Switches[c.Switch](MatchOptions.Default);
        var rules = RuleSets[c.Rules]();
        var index = RuleIndex.Of(rules.Rules);
        if (!index.Indexable)
        {
            return true.Label("not indexable");
        }

        var (mentors, mentees, mentorAge, menteeAge, kernel) = KernelOf.Batch(batch, options, index);
        var gate = new PairGate(rules.Rules, new PairScorer(options), options);
        for (var m = 0; m < mentors.Length; m++)
        {
            for (var e = 0; e < mentees.Length; e++)
            {
                var (failed, mode, points) = gate.Decide(mentors[m], mentees[e], mentorAge[m], menteeAge[e]);
                var ok = kernel.Decide(m, e, out var kmode, out var kpoints);
                if (ok != (failed < 0) || (ok && (kmode != mode || kpoints != points)))
                {
                    return false.Label($"pair {mentors[m].Id}/{mentees[e].Id}: gate {failed} {mode} {points}, kernel {ok} {kmode} {kpoints}");
                }
            }
        }

        return true.ToProperty();
    });
}
