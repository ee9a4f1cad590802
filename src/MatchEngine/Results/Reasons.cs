using System.Globalization;
using MatchEngine.Model;
using MatchEngine.Rules;

namespace MatchEngine.Results;

/// <summary>Writes the reason code and the coordinator's sentence for everyone left unmatched.</summary>
internal sealed class Reasons(MatchOptions options)
{
    private readonly MatchOptions _options = options;

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
            var text = eligible == 1
                ? "1 mentor was eligible, but their places went to other young people"
                : string.Create(CultureInfo.InvariantCulture, $"{eligible} mentors were eligible, but all their places went to other young people");
            return new UnmatchedEntry(PersonRole.Mentee, mentee.Id, ReasonCodes.CapacityTaken,
                text + " (the match pairs as many young people as possible, those with unmet needs first).", eligible);
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

    private PairContext Context(Mentor mentor, Mentee mentee, int mentorAge, int menteeAge)
    {
        var d = GeoPoint.Between(mentor.Location, mentee.Location);
        return new PairContext(mentor, mentee, mentorAge, menteeAge, d, _options);
    }
}
