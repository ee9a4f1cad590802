using MatchEngine.Model;

namespace MatchEngine.Tests.Solving;

/// <summary>An independent, plain statement of the hard rules, to check the engine against.</summary>
internal static class ReferenceRules
{
    public static MeetingModes Allowed(Mentor mentor, Mentee mentee, DateOnly asOf)
    {
        int ma = Age.On(mentor.BirthDate, asOf), ea = Age.On(mentee.BirthDate, asOf);
        if (ma <= 25 || !mentor.TrainingComplete || ea < 11 || ea > 25)
        {
            return MeetingModes.None;
        }

        if (mentor.Availability != Availability.None && mentee.Availability != Availability.None && (mentor.Availability & mentee.Availability) == 0)
        {
            return MeetingModes.None;
        }

        var modes = mentor.Modes & mentee.Modes;
        if (ea < 18)
        {
            modes &= MeetingModes.FaceToFace;
            if (!mentor.BackgroundChecked)
            {
                return MeetingModes.None;
            }
        }

        if (mentor.Location is { } a && mentee.Location is { } b)
        {
            var d = a.DistanceKm(b);
            if (d > 25)
            {
                modes &= ~MeetingModes.FaceToFace;
            }

            if (d > 50)
            {
                modes &= ~MeetingModes.Hybrid;
            }
        }
        else if (!string.Equals(mentor.Region, mentee.Region, StringComparison.OrdinalIgnoreCase))
        {
            modes &= MeetingModes.Virtual;
        }

        return modes;
    }
}
