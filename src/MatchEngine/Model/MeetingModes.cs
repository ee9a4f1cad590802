namespace MatchEngine.Model;

/// <summary>The ways a mentor and a mentee can meet. A person accepts one or more.</summary>
[Flags]
#pragma warning disable CA1711 // "Modes" is the domain word
public enum MeetingModes
#pragma warning restore CA1711
{
    /// <summary>No mode.</summary>
    None = 0,

    /// <summary>In person, usually at the mentee's school or college.</summary>
    FaceToFace = 1,

    /// <summary>Mostly online with occasional meetings in person.</summary>
    Hybrid = 2,

    /// <summary>Video calls only.</summary>
    Virtual = 4,

    /// <summary>Every mode.</summary>
    All = FaceToFace | Hybrid | Virtual,
}

/// <summary>Text forms of <see cref="MeetingModes"/> as the CSV contract writes them.</summary>
public static class MeetingModeNames
{
    /// <summary>The contract's name of a single mode: <c>face-to-face</c>, <c>hybrid</c> or <c>virtual</c>.</summary>
    /// <param name="mode">A single mode.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="mode"/> is not a single mode.</exception>
    public static string Name(MeetingModes mode) => mode switch
    {
        MeetingModes.FaceToFace => "face-to-face",
        MeetingModes.Hybrid => "hybrid",
        MeetingModes.Virtual => "virtual",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Expected a single meeting mode."),
    };

    /// <summary>The names of every mode in <paramref name="modes"/>, in the order face-to-face, hybrid, virtual.</summary>
    /// <param name="modes">A set of modes.</param>
    /// <returns>The names joined with <c>|</c>, or an empty string for no mode.</returns>
    public static string Join(MeetingModes modes)
    {
        var parts = new List<string>(3);
        foreach (var m in Single)
        {
            if ((modes & m) != 0)
            {
                parts.Add(Name(m));
            }
        }

        return string.Join('|', parts);
    }

    /// <summary>Parses one mode name (case-insensitive; <c>face to face</c>, <c>f2f</c> and <c>in-person</c> mean face-to-face).</summary>
    /// <param name="text">The text.</param>
    /// <param name="mode">The mode when the text names one.</param>
    /// <returns>Whether the text names a mode.</returns>
    public static bool TryParse(string text, out MeetingModes mode)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = text.Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-');
        mode = key switch
        {
            "face-to-face" or "facetoface" or "f2f" or "in-person" => MeetingModes.FaceToFace,
            "hybrid" => MeetingModes.Hybrid,
            "virtual" or "online" => MeetingModes.Virtual,
            _ => MeetingModes.None,
        };
        return mode != MeetingModes.None;
    }

    /// <summary>The single modes in a fixed order.</summary>
    internal static readonly MeetingModes[] Single = [MeetingModes.FaceToFace, MeetingModes.Hybrid, MeetingModes.Virtual];

    /// <summary>The canonical names, for suggestions.</summary>
    internal static readonly string[] Names = ["face-to-face", "hybrid", "virtual"];
}
