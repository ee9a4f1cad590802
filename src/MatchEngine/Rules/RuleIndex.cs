using MatchEngine.Model;

namespace MatchEngine.Rules;

/// <summary>
/// What a rule set says about who can be paired, in the terms an index needs: which people can take part at all,
/// which meeting modes a young person can really use, whether a background check is needed, and how far in-person
/// pairs may reach. It is read off the rule set itself (the one source of truth), so the candidate index, the
/// readiness check and the reasons all agree with the rules that decide each pair.
/// </summary>
/// <remarks>
/// A rule set is <see cref="Indexable"/> when it consists only of the built-in rules (in any order, each at most
/// relevant once) and includes the common-mode and travel rules; then a pair is eligible exactly when the mentor is
/// usable, the young person is usable, they share a usable mode, a needed background check is held, and the travel
/// limits allow an in-person mode (or a mode is virtual). A rule the index does not know (a custom rule) makes the
/// set not indexable, and the engine then checks every pair (the exact dense path).
/// </remarks>
internal sealed record RuleIndex
{
    public bool MentorAge { get; private init; }

    public bool MentorTraining { get; private init; }

    public bool MenteeAge { get; private init; }

    public bool RemoteAge { get; private init; }

    public bool CommonMode { get; private init; }

    public bool BackgroundCheck { get; private init; }

    public bool Travel { get; private init; }

    /// <summary>Whether the set has the availability rule (stated slots must overlap).</summary>
    public bool Availability { get; private init; }

    /// <summary>Excluded (mentee id, mentor id) pairs from every <see cref="ExcludedPairRule"/> in the set.</summary>
    public IReadOnlyList<ExcludedPairRule> Excluded { get; private init; } = [];

    /// <summary>Whether every rule is known to the index (see the remarks).</summary>
    public bool Indexable { get; private init; }

    /// <summary>Reads a rule list.</summary>
    public static RuleIndex Of(IReadOnlyList<IEligibilityRule> rules)
    {
        bool mentorAge = false, training = false, menteeAge = false, remote = false, common = false, bg = false, travel = false, availability = false, unknown = false;
        var excluded = new List<ExcludedPairRule>();
        foreach (var r in rules)
        {
            switch (r)
            {
                case MentorAgeRule: mentorAge = true; break;
                case MentorTrainingRule: training = true; break;
                case MenteeAgeRule: menteeAge = true; break;
                case RemoteAgeRule: remote = true; break;
                case CommonModeRule: common = true; break;
                case BackgroundCheckRule: bg = true; break;
                case TravelDistanceRule: travel = true; break;
                case CommonAvailabilityRule: availability = true; break;
                case ExcludedPairRule x: excluded.Add(x); break;
                case MinimumScoreRule: break;
                default: unknown = true; break;
            }
        }

        return new RuleIndex
        {
            MentorAge = mentorAge,
            MentorTraining = training,
            MenteeAge = menteeAge,
            RemoteAge = remote,
            CommonMode = common,
            BackgroundCheck = bg,
            Travel = travel,
            Availability = availability,
            Excluded = excluded,
            Indexable = !unknown && common && travel,
        };
    }

    /// <summary>Whether a mentor can take part at all (age and training, as far as the set has those rules).</summary>
    public bool MentorUsable(Mentor mentor, int age, MatchOptions o) =>
        (!MentorAge || age > o.MentorMinAgeExclusive) && (!MentorTraining || mentor.TrainingComplete);

    /// <summary>Whether a young person can take part at all (the age range, when the set has that rule).</summary>
    public bool MenteeUsable(int age, MatchOptions o) => !MenteeAge || (age >= o.MenteeMinAge && age <= o.MenteeMaxAge);

    /// <summary>The modes a young person can really use: their own, less virtual and hybrid under the remote age when that safeguard is on.</summary>
    public MeetingModes MenteeModes(Mentee mentee, int age, MatchOptions o) =>
        RemoteAge && o.RemoteOnlyForAdults && age < o.RemoteMinAge ? mentee.Modes & ~(MeetingModes.Virtual | MeetingModes.Hybrid) : mentee.Modes;

    /// <summary>Whether a young person needs a background-checked mentor.</summary>
    public bool NeedsBackgroundCheck(int age, MatchOptions o) => BackgroundCheck && o.RequireBackgroundCheck && age < o.BackgroundCheckUnderAge;

    /// <summary>The largest distance an in-person pair may have, km.</summary>
    public static double Reach(MatchOptions o) => Math.Max(o.FaceToFaceMaxKm, o.HybridMaxKm);
}
