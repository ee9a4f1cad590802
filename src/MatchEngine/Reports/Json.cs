using System.Text.Json;

namespace MatchEngine.Reports;

/// <summary>Writer options for the JSON outputs (indented, LF line ends where the runtime lets us choose: .NET 9+), and the arrays they all write.</summary>
internal static class Json
{
    public static JsonWriterOptions Options =>
#if NET9_0_OR_GREATER
        new() { Indented = true, NewLine = "\n" };
#else
        new() { Indented = true };
#endif

    /// <summary>Writes a property <paramref name="name"/> holding an array with one object per item.</summary>
    /// <param name="j">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="items">The items.</param>
    /// <param name="fields">Writes the properties of one item's object.</param>
    public static void WriteObjects<T>(Utf8JsonWriter j, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> fields)
    {
        j.WriteStartArray(name);
        foreach (var item in items)
        {
            j.WriteStartObject();
            fields(j, item);
            j.WriteEndObject();
        }

        j.WriteEndArray();
    }

    /// <summary>Writes a property <paramref name="name"/> holding an array of strings.</summary>
    /// <param name="j">The writer.</param>
    /// <param name="name">The property name.</param>
    /// <param name="items">The strings.</param>
    public static void WriteStrings(Utf8JsonWriter j, string name, IEnumerable<string> items)
    {
        j.WriteStartArray(name);
        foreach (var item in items)
        {
            j.WriteStringValue(item);
        }

        j.WriteEndArray();
    }
}
