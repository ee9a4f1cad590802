using MatchEngine.Model;

namespace MatchEngine.Rules;

/// <summary>The outcome of the hard rules for one pair.</summary>
/// <param name="Allowed">Meeting modes the pair may use; <see cref="MeetingModes.None"/> when the pair cannot be matched.</param>
/// <param name="FailedRule">The rule that left no mode, when the pair cannot be matched.</param>
/// <param name="DistanceKm">Great-circle distance when both coordinates are known.</param>
public readonly record struct PairAssessment(MeetingModes Allowed, IEligibilityRule? FailedRule, double? DistanceKm)
{
    /// <summary>Whether the pair passes every hard rule.</summary>
    public bool IsEligible => Allowed != MeetingModes.None;
}

/// <summary>An ordered list of hard rules. The first rule that leaves a pair no meeting mode is its reason.</summary>
public sealed class RuleSet
{
    /// <summary>Creates a rule set.</summary>
    /// <param name="rules">The rules, applied in this order.</param>
    internal RuleSet(IEnumerable<IEligibilityRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
    }

    /// <summary>The programme's rules: mentor age, training, mentee age, remote age, common mode, background check, travel distance, common availability.</summary>
    public static RuleSet Default { get; } = new(
    [
        new MentorAgeRule(), new MentorTrainingRule(), new MenteeAgeRule(), new RemoteAgeRule(),
        new CommonModeRule(), new BackgroundCheckRule(), new TravelDistanceRule(), new CommonAvailabilityRule(),
    ]);

    /// <summary>
    /// The rules of this set followed by rules of your own, for example a partner's policy. A rule can only take
    /// meeting modes away: what it returns is intersected with what the rules before it allowed, so no added rule
    /// can undo safeguarding or any other rule of the set. A batch with rules the engine cannot index is matched on
    /// the exact path that checks every pair.
    /// </summary>
    /// <param name="rules">The rules to add, applied after this set's rules, in this order.</param>
    /// <returns>A new rule set.</returns>
    public RuleSet With(IEnumerable<IEligibilityRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var added = rules.ToArray();
        if (added.Any(r => r is null))
        {
            throw new ArgumentException("A rule is null.", nameof(rules));
        }

        return new RuleSet([.. Rules, .. added]);
    }

    /// <summary>The rules in order.</summary>
    public IReadOnlyList<IEligibilityRule> Rules { get; }

    /// <summary>Applies the rules to a pair.</summary>
    /// <param name="pair">The pair.</param>
    /// <returns>The allowed modes and, when none, the rule that excluded the pair.</returns>
    public PairAssessment Assess(in PairContext pair)
    {
        var allowed = MeetingModes.All;
        foreach (var rule in Rules)
        {
            // Intersected: a rule can take modes away, never give back what an earlier rule (safeguarding) took.
            allowed &= rule.Apply(pair, allowed);
            if (allowed == MeetingModes.None)
            {
                return new PairAssessment(MeetingModes.None, rule, pair.DistanceKm);
            }
        }

        return new PairAssessment(allowed, null, pair.DistanceKm);
    }
}
