using System.Globalization;
using System.IO.Compression;

namespace Microtask.Batches;

/// <summary>The bytes unpacked from one ZIP so far, against <see cref="ZipLimits.MaxUnpackedBytes"/>.</summary>
internal sealed class UnpackBudget(ZipLimits limits)
{
    private long _unpacked;

    public ZipLimits Limits => limits;

    public void Take(int bytes)
    {
        _unpacked += bytes;
        if (_unpacked > limits.MaxUnpackedBytes)
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
    private readonly Stream _inner = Open(entry, path);
    private readonly long _packed = Math.Max(entry.CompressedLength, 1);
    private long _unpacked;
    private uint _crc;
    private bool _ended;

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        int read;
        try
        {
            read = _ended ? 0 : _inner.Read(buffer);
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
            if (!_ended && _crc != entry.Crc32)
            {
                throw Corrupt(path);
            }

            _ended = true;
            return;
        }

        budget.Take(data.Length);
        _unpacked += data.Length;
        if (_unpacked > budget.Limits.RatioFloor && _unpacked > _packed * budget.Limits.MaxRatio)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.ZipBomb, Names: [path]));
        }

        _crc = Crc32.Append(_crc, data);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
