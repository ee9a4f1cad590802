namespace MatchEngine.Model;

/// <summary>When a person can meet. A person states one or more slots, or none (not stated: no constraint).</summary>
[Flags]
public enum Availability
{
    /// <summary>Not stated.</summary>
    None = 0,

    /// <summary>Weekdays during the day.</summary>
    WeekdayDaytime = 1,

    /// <summary>Weekday evenings.</summary>
    WeekdayEvening = 2,

    /// <summary>Weekends.</summary>
    Weekend = 4,
}

/// <summary>Text forms of <see cref="Availability"/> as the CSV contract writes them: <c>weekday-daytime</c>, <c>weekday-evening</c>, <c>weekend</c>.</summary>
public static class AvailabilityNames
{
    /// <summary>The slots in a fixed order.</summary>
    internal static readonly Availability[] Single = [Availability.WeekdayDaytime, Availability.WeekdayEvening, Availability.Weekend];

    /// <summary>The canonical names, in the order of <see cref="Single"/>.</summary>
    internal static readonly string[] Names = ["weekday-daytime", "weekday-evening", "weekend"];

    /// <summary>The names of every slot in <paramref name="slots"/>, joined with <c>|</c> (empty for none).</summary>
    /// <param name="slots">A set of slots.</param>
    /// <returns>The names.</returns>
    public static string Join(Availability slots)
    {
        var parts = new List<string>(3);
        for (var i = 0; i < Single.Length; i++)
        {
            if ((slots & Single[i]) != 0)
            {
                parts.Add(Names[i]);
            }
        }

        return string.Join('|', parts);
    }

    /// <summary>Parses one slot name (case-insensitive; spaces and underscores count as hyphens; <c>weekday-day</c> and <c>daytime</c> mean weekday-daytime, <c>evening</c> means weekday-evening, <c>weekends</c> means weekend).</summary>
    /// <param name="text">The text.</param>
    /// <param name="slot">The slot when the text names one.</param>
    /// <returns>Whether the text names a slot.</returns>
    public static bool TryParse(string text, out Availability slot)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = text.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        slot = key switch
        {
            "weekday-daytime" or "weekday-day" or "weekdays-daytime" or "daytime" => Availability.WeekdayDaytime,
            "weekday-evening" or "weekday-evenings" or "weekdays-evening" or "evening" or "evenings" => Availability.WeekdayEvening,
            "weekend" or "weekends" => Availability.Weekend,
            _ => Availability.None,
        };
        return slot != Availability.None;
    }
}
