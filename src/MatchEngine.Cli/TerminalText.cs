using System.Text;
using MatchEngine.Csv;

namespace MatchEngine.Cli;

/// <summary>Terminal-safe echo of untrusted text: see <see cref="EchoText"/>.</summary>
internal static class TerminalText
{
    public static string Safe(string? text, int maxLength = EchoText.DefaultMaxLength) => EchoText.Echo(text, maxLength);

    /// <summary>A terminal-safe view of the writer (which stays owned by the caller).</summary>
    public static TextWriter Wrap(TextWriter inner) => new TerminalSafeWriter(inner);
}

/// <summary>
/// A writer for what the command prints for people to read: every control character other than the line end and tab
/// is shown escaped (<c>\e</c>, <c>\u0007</c>), so no cell of an input file can move the cursor, clear a line,
/// set the window title or hide what follows.
/// </summary>
internal sealed class TerminalSafeWriter : TextWriter
{
    private readonly TextWriter _inner;

    public TerminalSafeWriter(TextWriter inner)
    {
        _inner = inner;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    public TextWriter Inner => _inner;

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        if (IsSafe(value))
        {
            _inner.Write(value);
        }
        else
        {
            _inner.Write(EchoText.Echo(value.ToString(), 0));
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        foreach (var c in value)
        {
            if (!IsSafe(c))
            {
                var sb = new StringBuilder(value.Length + 8);
                foreach (var ch in value)
                {
                    sb.Append(IsSafe(ch) ? ch.ToString() : EchoText.Echo(ch.ToString(), 0));
                }

                _inner.Write(sb.ToString());
                return;
            }
        }

        _inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        _inner.WriteLine();
    }

    public override void WriteLine() => _inner.WriteLine();

    public override void Flush() => _inner.Flush();

    private bool IsSafe(char c) =>
        c == '\n' || c == '\t' || (c == '\r' && CoreNewLine.Contains('\r')) || (c >= ' ' && !(c >= '\u007f' && c <= '\u009f') && c != '\u001b');
}
