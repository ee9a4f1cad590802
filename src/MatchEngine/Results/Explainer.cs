using MatchEngine.Candidates;
using MatchEngine.Model;
using MatchEngine.Scoring;

namespace MatchEngine.Results;

/// <summary>Explains the result for one mentee: the chosen pair, the alternatives, and every mentor a rule excluded, with the rule.</summary>
internal static class Explainer
{
    /// <summary>The explanation of one mentee's result (see <see cref="Matcher.Explain"/>).</summary>
    /// <exception cref="ArgumentException">When the mentee or mentor is not in the batch.</exception>
    public static Explanation Explain(PairEvaluator evaluator, MatchBatch batch, MatchResult result, string menteeId, string? mentorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(result);
        var mentee = batch.Mentees.FirstOrDefault(m => m.Id == menteeId)
            ?? throw new ArgumentException($"Mentee '{menteeId}' is not in the batch.", nameof(menteeId));
        if (mentorId is not null && batch.Mentors.All(m => m.Id != mentorId))
        {
            throw new ArgumentException($"Mentor '{mentorId}' is not in the batch.", nameof(mentorId));
        }

        var mentors = batch.Mentors.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        var rules = LockedPairs.RulesWith(evaluator.Rules, batch.Excluded);
        var rejectedBy = new Dictionary<int, int>();
        var g = CandidateGraph.Build(mentors, [mentee], mentors.Select(m => m.Capacity).ToArray(), batch.AsOf, rules, evaluator.Scorer, evaluator.Options, cancellationToken, (_, m, ri) => rejectedBy[m] = ri);
        var byMentor = result.Pairs.GroupBy(p => p.MentorId).ToDictionary(x => x.Key, x => (IReadOnlyList<string>)[.. x.Select(p => p.MenteeId)]);
        var chosen = result.Pairs.FirstOrDefault(p => p.MenteeId == menteeId);
        var views = new CandidateView?[mentors.Length];
        for (var a = 0; a < g.Problem.ArcCount; a++)
        {
            var m = g.Problem.ArcRight(a);
            var pair = evaluator.Pair(mentors[m], mentee, g.ArcMode[a]);
            views[m] = new CandidateView(mentors[m].Id, true, null, null, pair.Mode, pair.DistanceKm, pair.Score, byMentor.GetValueOrDefault(mentors[m].Id, []), mentors[m].Capacity);
        }

        foreach (var (m, ri) in rejectedBy)
        {
            var gate = g.Gates[ri];
            var ctx = evaluator.Context(mentors[m], mentee, g.MentorAge[m], g.MenteeAge[0]);
            double? d = ctx.DistanceKm;
            views[m] = new CandidateView(mentors[m].Id, false, gate.Code, Reasons.PairReason(gate, ctx), MeetingModes.None, d, null, byMentor.GetValueOrDefault(mentors[m].Id, []), mentors[m].Capacity);
        }

        var all = views.Select(v => v!).ToList();
        var alternatives = all.Where(v => v.Eligible && v.MentorId != chosen?.MentorId)
            .OrderByDescending(v => v.Score!.Value.Points).ThenBy(v => v.MentorId, StringComparer.Ordinal).ToList();
        var rejected = all.Where(v => !v.Eligible).ToList();
        var unmatched = chosen is null ? result.Unmatched.FirstOrDefault(u => u.Role == PersonRole.Mentee && u.Id == menteeId) : null;
        var focus = mentorId is null ? null : all.Single(v => v.MentorId == mentorId);
        return new Explanation(menteeId, chosen, unmatched, alternatives, rejected, focus);
    }
}
