using System.Globalization;
using System.IO.Compression;

namespace Microtask.Batches;

/// <summary>The bytes unpacked from one ZIP so far, against <see cref="ZipLimits.MaxUnpackedBytes"/>.</summary>
internal sealed class UnpackBudget(ZipLimits limits)
{
    private long unpacked;

    public ZipLimits Limits => limits;

    public void Take(int bytes)
    {
        this.unpacked += bytes;
        if (this.unpacked > limits.MaxUnpackedBytes)
        {
            var megabytes = (limits.MaxUnpackedBytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
            throw new BatchFileException(new BatchFileError(FileErrorCode.ZipTooLarge, Names: [megabytes]));
        }
    }
}

/// <summary>
/// One file as it comes out of the ZIP: every byte counted against the budget and the file's own packed size (a ZIP
/// bomb is stopped at the read that passes a limit, whatever the headers claim), and its CRC checked at the end.
/// </summary>
internal sealed class UnpackedStream(ZipArchiveEntry entry, string path, UnpackBudget budget) : ForwardOnlyStream
{
    private readonly Stream inner = Open(entry, path);
    private readonly long packed = Math.Max(entry.CompressedLength, 1);
    private long unpacked;
    private uint crc;
    private bool ended;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        int read;
        try
        {
            read = ended ? 0 : inner.Read(buffer);
        }
        catch (InvalidDataException)
        {
            throw Corrupt(path);
        }

        Count(buffer[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public static BatchFileException Corrupt(string? path) =>
        new(new BatchFileError(FileErrorCode.ZipCorrupt, Names: path is null ? null : [path]));

    private static Stream Open(ZipArchiveEntry entry, string path)
    {
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException)
        {
            throw Corrupt(path);
        }
    }

    private void Count(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            if (!ended && crc != entry.Crc32)
            {
                throw Corrupt(path);
            }

            ended = true;
            return;
        }

        budget.Take(data.Length);
        this.unpacked += data.Length;
        if (this.unpacked > budget.Limits.RatioFloor && this.unpacked > this.packed * budget.Limits.MaxRatio)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.ZipBomb, Names: [path]));
        }

        crc = Crc32.Append(crc, data);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
