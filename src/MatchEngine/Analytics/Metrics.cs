using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Solving;

namespace MatchEngine.Analytics;

/// <summary>Computes <see cref="QualityFigures"/> for any set of pairs on a batch, and runs the strategies analysts compare.</summary>
public static class Metrics
{
    private const string NotGiven = "(not given)";

    /// <summary>Measures the quality of a given set of pairs, as <c>matchengine evaluate</c> does: their quality figures (not the hard-rule check of one pair, which is <see cref="Rules.RuleSet.Assess"/>). Pairs are scored as the engine would (best allowed mode); a pair the rules forbid counts as a violation and scores 0. Blocking pairs are counted over every eligible pair of the batch.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="pairs">The pairs to evaluate.</param>
    /// <param name="options">The programme's options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The figures.</returns>
    public static QualityFigures Evaluate(MatchBatch batch, IEnumerable<PairRef> pairs, MatchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(pairs);
        var matcher = new Matcher(options);
        var g = EligiblePairs.Build(matcher, batch with { Locked = [] }, cancellationToken);
        return Evaluate(batch, matcher, g, pairs.ToList());
    }

    /// <summary>Measures the quality of several sets of pairs on the same batch, as <see cref="Evaluate(MatchBatch, IEnumerable{PairRef}, MatchOptions?, CancellationToken)"/> does for one (built once: every eligible pair), e.g. ours and another tool's.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="sets">The sets of pairs.</param>
    /// <param name="options">The programme's options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The figures of each set, in order.</returns>
    public static IReadOnlyList<QualityFigures> EvaluateEach(MatchBatch batch, IReadOnlyList<IReadOnlyList<PairRef>> sets, MatchOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(sets);
        var matcher = new Matcher(options);
        var g = EligiblePairs.Build(matcher, batch with { Locked = [] }, cancellationToken);
        return [.. sets.Select(s => Evaluate(batch, matcher, g, [.. s]))];
    }

    internal static QualityFigures Evaluate(MatchBatch batch, Matcher matcher, CandidateGraph g, List<PairRef> pairs)
    {
        var mentorById = batch.Mentors.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var menteeById = batch.Mentees.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var violations = new List<string>();
        var scored = new List<MatchedPair>();
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var excluded = batch.Excluded.ToHashSet();
        foreach (var p in pairs)
        {
            if (!menteeById.TryGetValue(p.MenteeId, out var mentee) || !mentorById.TryGetValue(p.MentorId, out var mentor))
            {
                violations.Add($"({p.MenteeId}, {p.MentorId}): names someone not in the batch");
                continue;
            }

            if (!seen.Add(p.MenteeId))
            {
                violations.Add($"{p.MenteeId}: has more than one mentor");
                continue;
            }

            if ((load[p.MentorId] = load.GetValueOrDefault(p.MentorId) + 1) > mentor.Capacity)
            {
                violations.Add(string.Create(CultureInfo.InvariantCulture, $"{p.MentorId}: more mentees than their capacity of {mentor.Capacity}"));
            }

            var (a, mode, _) = matcher.Evaluate(mentor, mentee, batch.AsOf);
            if (!a.IsEligible || excluded.Contains(p))
            {
                violations.Add($"({p.MenteeId}, {p.MentorId}): breaks {(a.IsEligible ? "an exclusion" : a.FailedRule!.Code)}");
                scored.Add(matcher.Pair(mentor, mentee, MeetingModeNames.Single.First(s => ((mentor.Modes & mentee.Modes) == 0 ? mentee.Modes : mentor.Modes & mentee.Modes).HasFlag(s))) with { Score = default });
                continue;
            }

            scored.Add(matcher.Pair(mentor, mentee, mode));
        }

        var scores = scored.Select(p => p.Score.Total).Order().ToList();
        var histogram = new int[10];
        foreach (var s in scores)
        {
            histogram[Math.Clamp((int)(s / 10), 0, 9)]++;
        }

        var inPerson = scored.Where(p => p.Mode != MeetingModes.Virtual && p.DistanceKm.HasValue).Select(p => p.DistanceKm!.Value).Order().ToList();
        var matchedIds = scored.Select(p => p.MenteeId).ToHashSet(StringComparer.Ordinal);
        var groups = new List<GroupRate>();
        void By(string dimension, Func<Mentee, string?> key)
        {
            foreach (var grp in batch.Mentees.GroupBy(e => key(e) is { Length: > 0 } k ? k : NotGiven, StringComparer.OrdinalIgnoreCase).OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                groups.Add(new GroupRate(dimension, grp.Key, grp.Count(), grp.Count(e => matchedIds.Contains(e.Id))));
            }
        }

        By("area", e => e.Region.Trim());
        By("ethnicity", e => e.Ethnicity);
        By("gender", e => e.Gender);
        By("unmet_needs", e => e.UnmetNeeds ? "yes" : "no");
        var gaps = groups.GroupBy(x => x.Dimension).ToDictionary(
            x => x.Key,
            x => x.Where(r => r.Mentees >= 5).Select(r => r.Rate).DefaultIfEmpty(0).Max() - x.Where(r => r.Mentees >= 5).Select(r => r.Rate).DefaultIfEmpty(0).Min(),
            StringComparer.Ordinal);
        var maxCap = batch.Mentors.Count == 0 ? 0 : batch.Mentors.Max(m => m.Capacity);
        var byUse = new int[maxCap + 1];
        foreach (var m in batch.Mentors)
        {
            byUse[Math.Min(load.GetValueOrDefault(m.Id), maxCap)]++;
        }

        var blocking = Blocking(g, scored);
        int n = scores.Count;
        return new QualityFigures
        {
            Mentees = batch.Mentees.Count,
            Matched = matchedIds.Count,
            UnmetNeeds = batch.Mentees.Count(e => e.UnmetNeeds),
            UnmetNeedsMatched = batch.Mentees.Count(e => e.UnmetNeeds && matchedIds.Contains(e.Id)),
            TotalScore = Math.Round(scores.Sum(), 2),
            MeanScore = n == 0 ? 0 : Math.Round(scores.Average(), 2),
            MedianScore = n == 0 ? 0 : n % 2 == 1 ? scores[n / 2] : Math.Round((scores[(n / 2) - 1] + scores[n / 2]) / 2, 2),
            ScoreHistogram = histogram,
            CrossEthnicShare = Share(scored.Count(p => p.Score.EthnicityDifference > 0), n),
            CrossSocioeconomicShare = Share(scored.Count(p => p.Score.SocioeconomicDifference > 0), n),
            CrossEitherShare = Share(scored.Count(p => p.CrossBackground), n),
            InPersonPairs = inPerson.Count,
            MeanDistanceKm = inPerson.Count == 0 ? null : Math.Round(inPerson.Average(), 2),
            P90DistanceKm = inPerson.Count == 0 ? null : Math.Round(inPerson[Math.Min(inPerson.Count - 1, (int)Math.Ceiling(0.9 * inPerson.Count) - 1)], 2),
            Distances = inPerson,
            Groups = groups,
            LargestGap = gaps,
            MentorPlaces = batch.Mentors.Sum(m => m.Capacity),
            MentorsByPlacesUsed = byUse,
            Violations = violations.Count,
            ViolationExamples = [.. violations.Take(20)],
            BlockingPairs = blocking,
            AllowedPairs = g.Problem.ArcCount,
            StatedPreferences = PreferenceStable.Figures(g, matcher.Options.StatedPreferences, pairs),
        };
    }

    private static double Share(int k, int n) => n == 0 ? 0 : Math.Round((double)k / n, 4);

    /// <summary>Blocking pairs among the allowed pairs of the graph: both strictly prefer each other (by score) to what they got.</summary>
    private static long Blocking(CandidateGraph g, List<MatchedPair> pairs)
    {
        var menteeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var e = 0; e < g.Mentees.Length; e++)
        {
            menteeIndex[g.Mentees[e].Id] = e;
        }

        var mentorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < g.Mentors.Length; m++)
        {
            mentorIndex[g.Mentors[m].Id] = m;
        }

        var partner = new int[g.Mentees.Length];
        Array.Fill(partner, -1);
        var current = new long[g.Mentees.Length];
        foreach (var p in pairs)
        {
            if (menteeIndex.TryGetValue(p.MenteeId, out var e) && mentorIndex.TryGetValue(p.MentorId, out var m))
            {
                partner[e] = m;
                current[e] = p.Score.Points;
            }
        }

        return Blocking(g.Problem, partner, current, [.. g.Mentors.Select(m => m.Capacity)]);
    }

    /// <summary>Blocking pairs over every arc of the problem, given each mentee's partner (-1 for none) and that pair's score.</summary>
    internal static long Blocking(AssignmentProblem prob, int[] partner, long[] current, int[] capacity)
    {
        var used = new int[prob.RightCount];
        var worst = new long[prob.RightCount];
        Array.Fill(worst, long.MaxValue);
        for (var e = 0; e < partner.Length; e++)
        {
            if (partner[e] >= 0)
            {
                used[partner[e]]++;
                worst[partner[e]] = Math.Min(worst[partner[e]], current[e]);
            }
        }

        long count = 0;
        for (var a = 0; a < prob.ArcCount; a++)
        {
            int e = prob.ArcLeft(a), m = prob.ArcRight(a);
            var s = prob.ArcScore(a);
            if (partner[e] == m)
            {
                continue;
            }

            var menteeWants = partner[e] < 0 || s > current[e];
            var mentorWants = used[m] < capacity[m] || s > worst[m];
            if (menteeWants && mentorWants)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The figures a list of caller-scored pairs supports: counts, scores, capacity use and blocking pairs.</summary>
    internal static QualityFigures EvaluateScores(PairSpace space, List<int> arcs, decimal scale)
    {
        var p = space.Problem;
        var partner = new int[p.LeftCount];
        Array.Fill(partner, -1);
        var current = new long[p.LeftCount];
        var load = new int[p.RightCount];
        foreach (var a in arcs)
        {
            partner[p.ArcLeft(a)] = p.ArcRight(a);
            current[p.ArcLeft(a)] = p.ArcScore(a);
            load[p.ArcRight(a)]++;
        }

        var scores = arcs.Select(a => (double)(p.ArcScore(a) / scale)).Order().ToList();
        int n = scores.Count;
        var maxCap = space.Capacity.Length == 0 ? 0 : space.Capacity.Max();
        var byUse = new int[maxCap + 1];
        foreach (var l in load)
        {
            byUse[Math.Min(l, maxCap)]++;
        }

        return new QualityFigures
        {
            ScoresOnly = true,
            Mentees = p.LeftCount,
            Matched = n,
            UnmetNeeds = 0,
            UnmetNeedsMatched = 0,
            TotalScore = (double)(arcs.Sum(a => (decimal)p.ArcScore(a)) / scale),
            MeanScore = n == 0 ? 0 : Math.Round(scores.Average(), 6),
            MedianScore = n == 0 ? 0 : n % 2 == 1 ? scores[n / 2] : Math.Round((scores[(n / 2) - 1] + scores[n / 2]) / 2, 6),
            ScoreHistogram = [],
            CrossEthnicShare = 0,
            CrossSocioeconomicShare = 0,
            CrossEitherShare = 0,
            InPersonPairs = 0,
            MeanDistanceKm = null,
            P90DistanceKm = null,
            Distances = [],
            Groups = [],
            LargestGap = new Dictionary<string, double>(StringComparer.Ordinal),
            MentorPlaces = space.Capacity.Sum(),
            MentorsByPlacesUsed = byUse,
            Violations = 0,
            ViolationExamples = [],
            BlockingPairs = Blocking(p, partner, current, space.Capacity),
            AllowedPairs = p.ArcCount,
        };
    }
}
