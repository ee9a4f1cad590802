using MatchEngine.Generation;
using MatchEngine.Model;
using MatchEngine.Rules;

namespace MatchEngine.Tests.Solving;

/// <summary>
/// Under best-pairs-first a young person whose every pair scores 0 may be left unmatched beside a mentor with a free
/// place. A large batch's restricted set may hold none of those mentors; its reason must still say that places are
/// free (NO_SCORE_GAIN), not that they all went to others (CAPACITY_TAKEN), as the pair-by-pair path says.
/// </summary>
public class FreePlaceReasonTests
{
    [Fact]
    public void A_large_batch_says_free_places_exist_when_they_do()
    {
        var exercised = 0;
        for (var seed = 1; seed <= 12; seed++)
        {
            var batch = Batch(seed);
            var options = MatchOptions.Default with { Objective = ObjectiveOrder.BestPairsFirst, CandidatesPerMentee = 1, CandidateSearchBudget = 1 };
            foreach (var limit in new[] { 0, MatchOptions.Default.DensePairLimit })
            {
                var result = new Matcher(options with { DensePairLimit = limit }).Match(batch);
                Assert.Null(ExactSparsePropertyTests.FreePlaceClaimWrong(result, batch, options, RuleSet.Default));
                exercised += limit == 0 && result.Unmatched.Any(u => u.Id == "BLANK" && u.ReasonCode == ReasonCodes.NoScoreGain) ? 1 : 0;
            }
        }

        // The case arises (the blank young person left unmatched beside free places in a large batch).
        Assert.True(exercised > 0);
    }

    /// <summary>
    /// 40 mentors and 38 young people, all adults meeting online, one place each; plus one young person who states
    /// nothing, so that every pair of theirs scores 0.
    /// </summary>
    private static MatchBatch Batch(int seed)
    {
        var g = BatchGenerator.Generate(new GeneratorOptions { Mentors = 40, Mentees = 38, Seed = seed });
        var adult = g.AsOf.AddYears(-20);
        var mentors = g.Mentors.Select(m => m with { Modes = MeetingModes.Virtual, Capacity = 1, TrainingComplete = true, BackgroundChecked = true, Availability = 0 }).ToList();
        var mentees = g.Mentees.Select(e => e with { Modes = MeetingModes.Virtual, BirthDate = adult, Availability = 0 }).ToList();
        mentees.Add(mentees[0] with
        {
            Id = "BLANK",
            Ethnicity = null,
            Socioeconomic = null,
            Interests = [],
            Languages = [],
            PreferredMentorGender = null,
            UnmetNeeds = false,
        });
        return new MatchBatch(mentors, mentees, g.AsOf);
    }
}
