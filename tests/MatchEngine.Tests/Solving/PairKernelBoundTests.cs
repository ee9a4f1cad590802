using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MatchEngine.Candidates;
using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Rules;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// The bound the large-batch search prunes with: a pair's points never exceed what its score dimensions can earn
/// plus the proximity part rounded up, with no slack for the scorer's rounding. If they could, pricing would miss a
/// pair that raises the score and still say "certified". Weights are drawn to be awkward in binary (thirds,
/// hundredths, odd fractions), places from one point (everyone tied) to scattered.
/// </summary>
public class PairKernelBoundTests
{
    private static Gen<double> Weight =>
        Gen.OneOf(
            Gen.Choose(0, 6000).Select(x => x / 100.0),
            Gen.Choose(0, 300).Select(x => x / 3.0),
            Gen.Choose(0, 1_000_000).Select(x => x / 7919.0),
            Gen.Elements(0.1, 0.2, 0.3, 0.7, 1.1, 2.675, 33.335, 0.005, 0.015));

    private static Gen<(MatchBatch Batch, ScoreWeights Weights, double Scale)> Cases =>
        from seed in Gen.Choose(1, 1_000_000)
        from mentors in Gen.Choose(1, 40)
        from mentees in Gen.Choose(1, 40)
        from scatter in Gen.Elements(0.0, 0.3, 2.0, 15.0, 40.0)
        from w in Gen.ArrayOf(Weight, 6)
        from scale in Gen.Elements(7.0, 20.0, 33.3, 50.0, 91.7)
        select (BatchGenerator.Generate(new GeneratorOptions { Mentors = mentors, Mentees = mentees, Seed = seed, ScatterKm = scatter }),
            new ScoreWeights { EthnicityDifference = w[0], SocioeconomicDifference = w[1], Proximity = w[2], SectorFit = w[3], SharedLanguage = w[4], GenderPreference = w[5] },
            scale);

    [Property(MaxTest = 400)]
    public Property Points_never_exceed_the_bound_without_slack() => Prop.ForAll(Cases.ToArbitrary(), c =>
    {
        var options = MatchOptions.Default with { Weights = c.Weights, ProximityScaleKm = c.Scale, FaceToFaceMaxKm = 60, HybridMaxKm = 120 };
        var (mentors, mentees, _, _, kernel) = KernelOf.Batch(c.Batch, options);
        for (var m = 0; m < mentors.Length; m++)
        {
            for (var e = 0; e < mentees.Length; e++)
            {
                if (!kernel.Decide(m, e, out var mode, out var points))
                {
                    continue;
                }

                // The proximity the pair scores with: the tightest bound a group can give.
                double prox = 0;
                if (mode != MeetingModes.Virtual && kernel.MentorPoint[m] is { } a && kernel.MenteePoint[e] is { } b)
                {
                    prox = Math.Clamp(1 - (a.DistanceKm(b) / c.Scale), 0, 1);
                }

                var bound = kernel.ProximityBound(prox);
                for (var d = 1; d <= PairKernel.Dimensions; d++)
                {
                    bound += kernel.Earned(d, kernel.Dimension(m, d), e);
                }

                if (points > bound)
                {
                    return false.Label($"pair {mentors[m].Id}/{mentees[e].Id}: {points} points above the bound {bound}");
                }
            }
        }

        return true.ToProperty();
    });
}
