using MatchEngine.Model;

namespace MatchEngine.Rules;

/// <summary>
/// When both the mentor and the mentee state their availability, they must share at least one slot
/// (<see cref="Availability"/>). When either leaves it blank, the rule does not apply. It depends only on the two
/// people's slot sets, so a candidate index can honour it by keeping, per slot, the mentors free then.
/// </summary>
public sealed class CommonAvailabilityRule : IEligibilityRule
{
    /// <inheritdoc/>
    public string Code => RuleCodes.NoCommonAvailability;

    /// <summary>Whether two stated slot sets allow a pair: true when either is not stated or they share a slot.</summary>
    /// <param name="mentor">The mentor's slots.</param>
    /// <param name="mentee">The mentee's slots.</param>
    /// <returns>Whether the rule lets the pair through.</returns>
    public static bool Allows(Availability mentor, Availability mentee) =>
        mentor == Availability.None || mentee == Availability.None || (mentor & mentee) != 0;

    /// <inheritdoc/>
    public MeetingModes Apply(in PairContext pair, MeetingModes allowed) =>
        Allows(pair.Mentor.Availability, pair.Mentee.Availability) ? allowed : MeetingModes.None;

    /// <inheritdoc/>
    public string Describe(in PairContext pair) =>
        $"free only {AvailabilityNames.Join(pair.Mentee.Availability).Replace("|", " or ", StringComparison.Ordinal)}, and no mentor who could otherwise meet them is free then";
}
