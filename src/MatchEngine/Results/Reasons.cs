using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Rules;
using MatchEngine.Solving;

namespace MatchEngine.Results;

/// <summary>
/// Writes the reason code and the coordinator's sentence for everyone left unmatched, true to the objective in force:
/// under best-pairs-first an eligible partner with room who was not used is said so (<see cref="ReasonCodes.NoScoreGain"/>),
/// not "places went to others". Also the sentence for one excluded pair (explain).
/// </summary>
internal sealed class Reasons
{
    private readonly MatchOptions _options;
    private readonly int[]? _openCount;
    private readonly long[]? _openBest;
    private readonly int[]? _waiting;

    public Reasons(MatchOptions options, CandidateGraph? g = null, AssignmentSolution? solution = null)
    {
        _options = options;
        if (g is null || solution is null)
        {
            return;
        }

        // One pass over the arcs: for each unmatched mentee, the eligible mentors left with room (and the best score
        // with them); for each mentor, the eligible mentees left without a mentor.
        var free = (int[])g.Problem.RightCapacity.Clone();
        var matched = new bool[g.Mentees.Length];
        for (var e = 0; e < g.Mentees.Length; e++)
        {
            if (solution.ArcOfLeft[e] is var arc and >= 0)
            {
                free[g.Problem.ArcRight(arc)]--;
                matched[e] = true;
            }
        }

        _openCount = new int[g.Mentees.Length];
        _openBest = new long[g.Mentees.Length];
        _waiting = new int[g.Mentors.Length];
        for (var a = 0; a < g.Problem.ArcCount; a++)
        {
            var (e, m) = (g.Problem.ArcLeft(a), g.Problem.ArcRight(a));
            if (matched[e])
            {
                continue;
            }

            _waiting[m]++;
            if (free[m] > 0)
            {
                _openCount[e]++;
                _openBest[e] = Math.Max(_openBest[e], g.Problem.ArcScore(a));
            }
        }

        // A large batch's eligible mentors with free places outside its restricted set (a search found them).
        if (g.MenteeFreeBeyond is { } beyond)
        {
            for (var e = 0; e < beyond.Length; e++)
            {
                if (!matched[e] && beyond[e].Count > 0)
                {
                    _openBest[e] = _openCount[e] > 0 ? Math.Max(_openBest[e], beyond[e].Best) : beyond[e].Best;
                    _openCount[e] += beyond[e].Count;
                }
            }
        }
    }

    private string ObjectiveWords => _options.Objective == ObjectiveOrder.BestPairsFirst
        ? "the match puts young people with unmet needs first, then the highest total score"
        : "the match pairs as many young people as possible, those with unmet needs first";

    /// <summary>Unused eligible pairs: (free mentors with this mentee, best points with them); (0, 0) without a solution.</summary>
    private (int Free, long Best) OpenFor(int e) => _openCount is null ? (0, 0) : (_openCount[e], _openBest![e]);

    internal UnmatchedEntry MenteeReason(CandidateGraph g, int e)
    {
        var mentee = g.Mentees[e];
        var eligible = g.MenteeEligible[e];
        var binding = g.MenteeBinding[e];
        if (g.Mentors.Length == 0)
        {
            return new UnmatchedEntry(PersonRole.Mentee, mentee.Id, ReasonCodes.NobodyToMatch, "There are no mentors in this batch.", 0);
        }

        if (eligible > 0)
        {
            var (free, best) = OpenFor(e);
            if (free > 0)
            {
                var who = (g.Sparse ? "At least " : "") + (free == 1 ? "1 eligible mentor still has" : string.Create(CultureInfo.InvariantCulture, $"{free} eligible mentors still have"));
                var why = _options.Objective == ObjectiveOrder.BestPairsFirst && best == 0
                    ? "every pair with them scores 0, and the objective best-pairs-first makes a pair only when it adds score (most-pairs-first would match this young person)"
                    : string.Create(CultureInfo.InvariantCulture, $"the objective in force ({ObjectiveWords}) did not use them");
                return new UnmatchedEntry(PersonRole.Mentee, mentee.Id, ReasonCodes.NoScoreGain, $"{who} free places, but {why}.", Math.Max(eligible, free));
            }

            // A large batch knows the eligible mentors its search considered, not all of them: its count is a lower bound.
            var text = g.Sparse
                ? string.Create(CultureInfo.InvariantCulture, $"At least {eligible} mentor{(eligible == 1 ? " was" : "s were")} eligible (a large batch counts those its search considered), but all their places went to other young people")
                : eligible == 1
                ? "1 mentor was eligible, but their places went to other young people"
                : string.Create(CultureInfo.InvariantCulture, $"{eligible} mentors were eligible, but all their places went to other young people");
            return new UnmatchedEntry(PersonRole.Mentee, mentee.Id, ReasonCodes.CapacityTaken, $"{text} ({ObjectiveWords}).", eligible);
        }

        var rule = g.Gates[binding.Rule];
        var ctx = Context(g.Mentors[binding.Mentor], mentee, g.MentorAge[binding.Mentor], g.MenteeAge[e]);
        var reason = rule.Code == RuleCodes.MenteeAgeOutOfRange
            ? string.Create(CultureInfo.InvariantCulture, $"Not eligible: {rule.Describe(ctx)}.")
            : g.MenteeChecked is { } chk
                ? string.Create(CultureInfo.InvariantCulture, $"No eligible mentor: {rule.Describe(ctx)} (the rule that excluded {binding.Count} of the {chk[e]} mentors checked).")
                : string.Create(CultureInfo.InvariantCulture, $"No eligible mentor: {rule.Describe(ctx)} (the rule that excluded {binding.Count} of the {g.Mentors.Length} mentors).");
        return new UnmatchedEntry(PersonRole.Mentee, mentee.Id, rule.Code, reason, 0);
    }

    internal UnmatchedEntry MentorReason(CandidateGraph g, int m, int used)
    {
        var mentor = g.Mentors[m];
        var menteeCount = g.Mentees.Length;
        var age = g.MentorAge[m];
        var eligible = g.MentorEligible[m];
        var (best, bestCount) = g.MentorBinding[m];
        var spare = mentor.Capacity - used;
        var places = string.Create(CultureInfo.InvariantCulture, $"{spare} of {mentor.Capacity} place{(mentor.Capacity == 1 ? string.Empty : "s")} unused");
        if (menteeCount == 0)
        {
            return new UnmatchedEntry(PersonRole.Mentor, mentor.Id, ReasonCodes.NobodyToMatch, $"{places}: there are no mentees in this batch.", 0);
        }

        if (g.Sparse && best < 0)
        {
            return eligible > 0
                ? new UnmatchedEntry(PersonRole.Mentor, mentor.Id, ReasonCodes.SpareCapacity,
                    eligible == 1
                        ? $"{places}: the one mentee who had this mentor among their best candidates was matched with another mentor."
                        : string.Create(CultureInfo.InvariantCulture, $"{places}: the {eligible} mentees who had this mentor among their best candidates were matched with others."), eligible)
                : new UnmatchedEntry(PersonRole.Mentor, mentor.Id, ReasonCodes.NotShortlisted,
                    $"{places}: no mentee had this mentor among their best candidates (mentors nearer or with closer-fitting profiles were available).", 0);
        }

        var waiting = _waiting?[m] ?? 0;

        if (waiting > 0)
        {
            var why = _options.Objective == ObjectiveOrder.BestPairsFirst
                ? "every pair with them scores 0, and the objective best-pairs-first makes a pair only when it adds score"
                : string.Create(CultureInfo.InvariantCulture, $"the objective in force ({ObjectiveWords}) did not use this mentor");
            var who = waiting == 1 ? "1 young person this mentor could take has" : string.Create(CultureInfo.InvariantCulture, $"{waiting} young people this mentor could take have");
            return new UnmatchedEntry(PersonRole.Mentor, mentor.Id, ReasonCodes.NoScoreGain, $"{places}: {who} no mentor, but {why}.", eligible);
        }

        if (eligible > 0)
        {
            var who = eligible == 1 ? "the only mentee this mentor could take already has" : string.Create(CultureInfo.InvariantCulture, $"all {eligible} mentees this mentor could take already have");
            return new UnmatchedEntry(PersonRole.Mentor, mentor.Id, ReasonCodes.SpareCapacity,
                $"{places}: {who} a mentor.", eligible);
        }

        var rule = g.Gates[best];
        var text = rule.Code switch
        {
            RuleCodes.MentorTooYoung => string.Create(CultureInfo.InvariantCulture, $"aged {age} on the as-of date; mentors must be over {_options.MentorMinAgeExclusive}"),
            RuleCodes.MentorNotTrained => "training is not complete",
            _ => string.Create(CultureInfo.InvariantCulture, $"no mentee in this batch passes the rules with this mentor; the rule that excluded most ({bestCount} of {menteeCount}) is {rule.Code}: {MentorSideText(rule.Code)}"),
        };
        return new UnmatchedEntry(PersonRole.Mentor, mentor.Id, rule.Code, $"{places}: {text}.", 0);
    }

    private string MentorSideText(string code) => code switch
    {
        RuleCodes.MenteeAgeOutOfRange => string.Create(CultureInfo.InvariantCulture, $"mentees must be aged {_options.MenteeMinAge} to {_options.MenteeMaxAge}"),
        RuleCodes.NoCommonMode => "no meeting mode in common",
        RuleCodes.RemoteUnder18 => string.Create(CultureInfo.InvariantCulture, $"virtual and hybrid mentoring are only for mentees aged {_options.RemoteMinAge} or over"),
        RuleCodes.NoBackgroundCheck => string.Create(CultureInfo.InvariantCulture, $"mentees under {_options.BackgroundCheckUnderAge} need a mentor with a current background check"),
        RuleCodes.TooFar => string.Create(CultureInfo.InvariantCulture, $"too far for in-person meetings (face-to-face up to {_options.FaceToFaceMaxKm:0.#} km, hybrid up to {_options.HybridMaxKm:0.#} km)"),
        RuleCodes.NoCommonAvailability => "no time slot in common (weekday-daytime, weekday-evening, weekend)",
        _ => "excluded by the programme's rules",
    };

    /// <summary>Why one pair is not allowed, about this mentor and this young person (not the batch): for explain.</summary>
    internal static string PairReason(IEligibilityRule rule, in PairContext p)
    {
        var inv = CultureInfo.InvariantCulture;
        var o = p.Options;
        var remoteOk = !o.RemoteOnlyForAdults || p.MenteeAge >= o.RemoteMinAge;
        switch (rule.Code)
        {
            case RuleCodes.MentorTooYoung:
                return string.Create(inv, $"this mentor is aged {p.MentorAge}; mentors must be over {o.MentorMinAgeExclusive}");
            case RuleCodes.MentorNotTrained:
                return "this mentor has not completed training";
            case RuleCodes.NoBackgroundCheck:
                return string.Create(inv, $"aged {p.MenteeAge}, and this mentor has no current background check (needed under {o.BackgroundCheckUnderAge}; safeguarding)");
            case RuleCodes.NoCommonMode:
            {
                var mine = remoteOk ? p.Mentee.Modes : p.Mentee.Modes & MeetingModes.FaceToFace;
                return $"this mentor offers {Words(p.Mentor.Modes)}; the young person {(remoteOk ? string.Empty : "(under " + o.RemoteMinAge.ToString(inv) + ") ")}can meet {Words(mine)}: no mode in common";
            }

            case RuleCodes.TooFar:
            {
                var limits = string.Create(inv, $"face-to-face only within {o.FaceToFaceMaxKm:0.#} km") + (remoteOk ? string.Create(inv, $", hybrid within {o.HybridMaxKm:0.#} km") : string.Empty);
                return p.DistanceKm is { } d
                    ? string.Create(inv, $"this mentor is {d:0.#} km away: {limits}")
                    : $"a location is missing and this mentor is in another region ({p.Mentor.Region}): in-person meetings then need the same region";
            }

            default:
                return rule.Describe(p);
        }
    }

    private static string Words(MeetingModes modes) => modes == MeetingModes.None ? "no mode" : MeetingModeNames.Join(modes).Replace("|", " or ", StringComparison.Ordinal);

    private PairContext Context(Mentor mentor, Mentee mentee, int mentorAge, int menteeAge)
    {
        var d = GeoPoint.Between(mentor.Location, mentee.Location);
        return new PairContext(mentor, mentee, mentorAge, menteeAge, d, _options);
    }
}
