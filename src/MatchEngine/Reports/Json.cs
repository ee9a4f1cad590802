using System.Text.Json;

namespace MatchEngine.Reports;

/// <summary>Writer options for the JSON outputs: indented, LF line ends where the runtime lets us choose (.NET 9+).</summary>
internal static class Json
{
    public static JsonWriterOptions Options =>
#if NET9_0_OR_GREATER
        new() { Indented = true, NewLine = "\n" };
#else
        new() { Indented = true };
#endif
}
