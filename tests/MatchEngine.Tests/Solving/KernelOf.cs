using MatchEngine.Candidates;
using MatchEngine.Model;
using MatchEngine.Rules;

namespace MatchEngine.Tests.Solving;

/// <summary>A batch as the large-batch engine sees it: its people in order, their ages on the batch's date, and the pair kernel.</summary>
/// <param name="Mentors">The mentors.</param>
/// <param name="Mentees">The young people.</param>
/// <param name="MentorAge">Each mentor's age on the batch's date.</param>
/// <param name="MenteeAge">Each young person's age on the batch's date.</param>
/// <param name="Kernel">The pair kernel under the given rules and options.</param>
internal sealed record KernelOf(Mentor[] Mentors, Mentee[] Mentees, int[] MentorAge, int[] MenteeAge, PairKernel Kernel)
{
    /// <summary>Prepares <paramref name="batch"/> under <paramref name="index"/> (default rules when null) and <paramref name="options"/>.</summary>
    public static KernelOf Batch(MatchBatch batch, MatchOptions options, RuleIndex? index = null)
    {
        var mentors = batch.Mentors.ToArray();
        var mentees = batch.Mentees.ToArray();
        var mentorAge = mentors.Select(m => Age.On(m.BirthDate, batch.AsOf)).ToArray();
        var menteeAge = mentees.Select(m => Age.On(m.BirthDate, batch.AsOf)).ToArray();
        var kernel = new PairKernel(mentors, mentorAge, mentees, menteeAge, index ?? RuleIndex.Of(RuleSet.Default.Rules), options);
        return new KernelOf(mentors, mentees, mentorAge, menteeAge, kernel);
    }
}
