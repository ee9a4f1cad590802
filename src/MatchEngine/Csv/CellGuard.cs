namespace MatchEngine.Csv;

/// <summary>
/// The formula guard of the CSV outputs, and its exact inverse for the readers. A text cell that a spreadsheet would
/// run as a formula (it begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, and is not a
/// plain number such as <c>-1.89</c>) is written with a leading <c>'</c>; so is a cell that begins with <c>'</c> and
/// would otherwise read back as a guarded cell. Reading removes exactly that one <c>'</c>. So every text reads back as
/// itself, and no two texts give the same cell: <c>=E1</c> is written <c>'=E1</c>, and <c>'=E1</c> is written
/// <c>''=E1</c>.
/// </summary>
public static class CellGuard
{
    /// <summary>Whether the text is written with a leading <c>'</c>.</summary>
    /// <param name="text">The text of a cell.</param>
    /// <returns>True when a spreadsheet could run it as a formula, or it begins with <c>'</c> before such text.</returns>
    public static bool NeedsGuard(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && text[i] == '\'')
        {
            i++;
        }

        return i < text.Length && IsTrigger(text.AsSpan(i));
    }

    /// <summary>The cell to write for a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, with a leading <c>'</c> when <see cref="NeedsGuard"/>.</returns>
    public static string Escape(string text) => NeedsGuard(text) ? "'" + text : text;

    /// <summary>The text a cell written by <see cref="Escape"/> holds.</summary>
    /// <param name="cell">The cell as read.</param>
    /// <returns>The cell without its guard <c>'</c>, when it has one.</returns>
    public static string Unescape(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Length > 1 && cell[0] == '\'' && NeedsGuard(cell[1..]) ? cell[1..] : cell;
    }

    private static bool IsTrigger(ReadOnlySpan<char> s) =>
        s[0] is '=' or '@' or '\t' or '\r' || (s[0] is '+' or '-' && !IsPlainNumber(s));

    /// <summary>A plain decimal number: an optional sign, digits with an optional point, an optional exponent.</summary>
    private static bool IsPlainNumber(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-')
            {
                i++;
            }

            var exp = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                exp++;
            }

            if (exp == 0)
            {
                return false;
            }
        }

        return i == s.Length;
    }
}
