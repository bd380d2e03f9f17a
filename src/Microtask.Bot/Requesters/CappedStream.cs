namespace Microtask.Bot.Requesters;

/// <summary>
/// A write-only stream that passes bytes on until there are more than <paramref name="limit"/>, then throws, so a download
/// never holds more than the limit whatever the sender said the size was.
/// </summary>
internal sealed class CappedStream(Stream inner, long limit) : Stream
{
    private long written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => written;
        set => throw new NotSupportedException();
    }

    /// <summary>Whether the exception (or one it wraps: the Telegram client wraps what the copy threw) is this stream's refusal.</summary>
    public static bool Overflowed(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is LimitExceeded)
            {
                return true;
            }
        }

        return false;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Count(buffer.Length);
        inner.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Count(buffer.Length);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Count(int bytes)
    {
        written += bytes;
        if (written > limit)
        {
            throw new LimitExceeded(limit);
        }
    }

    private sealed class LimitExceeded(long limit) : IOException($"more than {limit} bytes");
}
