namespace MatchEngine.Cli;

/// <summary>
/// Writes a CSV the way Excel on Windows opens it correctly (<c>--excel</c>): a UTF-8 byte-order mark first, and
/// every line ending as CRLF. Wraps any writer's stream, so every CSV output gets the same treatment.
/// </summary>
internal sealed class ExcelCsvStream : Stream
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private readonly Stream _inner;
    private bool _started;
    private byte _last;

    public ExcelCsvStream(Stream inner) => _inner = inner;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_started)
        {
            _started = true;
            if (buffer.StartsWith(Bom))
            {
                buffer = buffer[3..];
            }

            _inner.Write(Bom);
        }

        var start = 0;
        for (var i = 0; i < buffer.Length; i++)
        {
            var prev = i == 0 ? _last : buffer[i - 1];
            if (buffer[i] == (byte)'\n' && prev != (byte)'\r')
            {
                _inner.Write(buffer[start..i]);
                _inner.WriteByte((byte)'\r');
                start = i;
            }
        }

        _inner.Write(buffer[start..]);
        if (buffer.Length > 0)
        {
            _last = buffer[^1];
        }
    }

    public override void Flush()
    {
        if (!_started)
        {
            _started = true;
            _inner.Write(Bom);
        }

        _inner.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Wraps a writer so that it writes through an <see cref="ExcelCsvStream"/> when <paramref name="excel"/> is set.</summary>
    public static Action<Stream> Wrap(Action<Stream> write, bool excel) => !excel ? write : s =>
    {
        using var x = new ExcelCsvStream(s);
        write(x);
        x.Flush();
    };
}
