using System.Globalization;
using System.Text;

namespace MatchEngine.Csv;

/// <summary>
/// Makes untrusted text (a cell, an id, a file name) safe to show in a message on a terminal: control characters
/// (escape sequences, bells, carriage returns), invisible format characters (zero-width, bidirectional overrides) and
/// lone surrogates are shown escaped (<c>\e</c>, <c>\u0007</c>), and long text is cut with "…".
/// </summary>
internal static class EchoText
{
    /// <summary>The length, in characters, that echoed cells are cut to.</summary>
    public const int DefaultMaxLength = 80;

    /// <summary>The text escaped and cut to <paramref name="maxLength"/> characters (the escapes count).</summary>
    /// <param name="text">The text; null gives an empty string.</param>
    /// <param name="maxLength">Most characters shown before "…"; 0 or less for no limit.</param>
    /// <returns>Text that shows as what it is, on one line.</returns>
    public static string Echo(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var escape = NeedsEscape(text, i);
            if (escape is null && sb is null)
            {
                if (maxLength > 0 && i >= maxLength)
                {
                    return Cut(text, i);
                }

                continue;
            }

            sb ??= new StringBuilder(text, 0, i, Math.Min(text.Length + 16, maxLength > 0 ? maxLength + 16 : text.Length + 16));
            if (maxLength > 0 && sb.Length >= maxLength)
            {
                return sb.Append('…').ToString();
            }

            if (escape is null)
            {
                sb.Append(c);
                if (char.IsHighSurrogate(c) && i + 1 < text.Length)
                {
                    sb.Append(text[++i]);
                }
            }
            else
            {
                sb.Append(escape);
            }
        }

        return sb?.ToString() ?? text;
    }

    /// <summary>Whether the text has characters that <see cref="Echo"/> would escape.</summary>
    /// <param name="text">The text.</param>
    /// <returns>True when it has control, invisible format or lone surrogate characters.</returns>
    public static bool HasHiddenCharacters(string? text)
    {
        if (text is null)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsEscape(text, i) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static string Cut(string text, int at)
    {
        // Do not split a surrogate pair.
        if (at > 0 && char.IsHighSurrogate(text[at - 1]))
        {
            at--;
        }

        return string.Concat(text.AsSpan(0, at), "…");
    }

    private static string? NeedsEscape(string text, int i)
    {
        var c = text[i];
        if (c == '\u001b')
        {
            return "\\e";
        }

        if (c is < ' ' or (>= '\u007f' and <= '\u009f'))
        {
            return c switch
            {
                '\t' => "\\t",
                '\n' => "\\n",
                '\r' => "\\r",
                _ => Hex(c),
            };
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? null : Hex(c);
        }

        if (char.IsLowSurrogate(c))
        {
            return i > 0 && char.IsHighSurrogate(text[i - 1]) ? null : Hex(c);
        }

        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        return cat is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned
            ? Hex(c)
            : null;
    }

    private static string Hex(char c) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
}
