using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Microtask.Batches;

/// <summary>
/// The one pass over the uploaded bytes: hashes them, refuses NUL bytes and invalid UTF-8 (naming line and byte)
/// as they stream past, and keeps the first block so the format can be sniffed before a parser reads it again.
/// </summary>
internal sealed class GuardedInput(Stream source) : ForwardOnlyStream
{
    public const int PrefixSize = 64 * 1024;

    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] carry = new byte[4];
    private byte[] prefix = [];
    private int prefixLength;
    private int replayed;
    private int carryLength;
    private long offset;
    private int lines = 1;
    private bool checking = true;
    private bool ended;

    /// <summary>The start of the file (all of it when shorter than <see cref="PrefixSize"/>).</summary>
    public ReadOnlySpan<byte> Prefix => prefix.AsSpan(0, prefixLength);

    public bool WholeFileInPrefix { get; private set; }

    /// <summary>Reads the first block, for the format to be told before any parser reads it again.</summary>
    public async Task PeekAsync(CancellationToken ct)
    {
        prefix = new byte[PrefixSize];
        while (prefixLength < prefix.Length)
        {
            var read = await source.ReadAsync(prefix.AsMemory(prefixLength), ct);
            if (read == 0)
            {
                ended = true;
                break;
            }

            prefixLength += read;
        }

        WholeFileInPrefix = ended;
        this.hash.AppendData(Prefix);
    }

    /// <summary>Checks the first block as text: magic numbers first, so a PNG is called a PNG rather than bad UTF-8.</summary>
    public void CheckStart()
    {
        FileSniffer.RefuseBinary(Prefix);
        Check(Prefix, final: ended);
    }

    /// <summary>Reads what the parser left (after a refusal, say) so the hash covers the whole file.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        checking = false;
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, ct) > 0)
        {
        }
    }

    /// <summary>Copies the whole input, hashed but not checked as text (it is an archive).</summary>
    public async Task CopyUncheckedToAsync(Stream destination, CancellationToken ct)
    {
        checking = false;
        await CopyToAsync(destination, ct);
    }

    public string Sha256Hex() => Convert.ToHexStringLower(this.hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (replayed < prefixLength)
        {
            return Replay(buffer.Span);
        }

        if (ended)
        {
            return 0;
        }

        var read = await source.ReadAsync(buffer, ct);
        Observe(buffer.Span[..read], read == 0);
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        if (replayed < prefixLength)
        {
            return Replay(buffer);
        }

        if (ended)
        {
            return 0;
        }

        var read = source.Read(buffer);
        Observe(buffer[..read], read == 0);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    private int Replay(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, prefixLength - replayed);
        prefix.AsSpan(replayed, count).CopyTo(buffer);
        replayed += count;
        return count;
    }

    private void Observe(ReadOnlySpan<byte> data, bool end)
    {
        ended = end;
        this.hash.AppendData(data);
        Check(data, end);
    }

    private void Check(ReadOnlySpan<byte> data, bool final)
    {
        if (!checking)
        {
            return;
        }

        var nul = data.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.Binary, LineAt(data, nul), this.offset + nul + 1, Detail: "NUL bytes"));
        }

        var start = 0;
        if (carryLength > 0)
        {
            start = CompleteCarry(data, final);
            if (start < 0)
            {
                return;
            }
        }

        var rest = data[start..];
        var tail = final ? 0 : IncompleteTail(rest);
        var body = rest[..^tail];
        if (!Utf8.IsValid(body))
        {
            var bad = start + FirstInvalid(body);
            throw new BatchFileException(new BatchFileError(FileErrorCode.NotUtf8, LineAt(data, bad), this.offset + bad + 1));
        }

        rest[^tail..].CopyTo(carry);
        carryLength = tail;
        lines += data.Count((byte)'\n');
        this.offset += data.Length;
    }

    /// <summary>Finishes the sequence split across the previous read; returns where the rest of <paramref name="data"/> starts, or -1 when it is all carried.</summary>
    private int CompleteCarry(ReadOnlySpan<byte> data, bool final)
    {
        Span<byte> joined = stackalloc byte[4];
        carry.AsSpan(0, carryLength).CopyTo(joined);
        var taken = Math.Min(4 - carryLength, data.Length);
        data[..taken].CopyTo(joined[carryLength..]);
        var status = Rune.DecodeFromUtf8(joined[..(carryLength + taken)], out _, out var consumed);
        if (status == System.Buffers.OperationStatus.NeedMoreData && !final)
        {
            data.CopyTo(carry.AsSpan(carryLength));
            carryLength += data.Length;
            this.offset += data.Length;
            return -1;
        }

        if (status != System.Buffers.OperationStatus.Done)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.NotUtf8, lines, this.offset - carryLength + 1));
        }

        var used = consumed - carryLength;
        carryLength = 0;
        return used;
    }

    /// <summary>How many bytes at the end start a multi-byte sequence that the next read completes.</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> data)
    {
        for (var back = 1; back <= Math.Min(3, data.Length); back++)
        {
            var b = data[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }

        return 0;
    }

    private static int FirstInvalid(ReadOnlySpan<byte> data)
    {
        var at = 0;
        while (at < data.Length && Rune.DecodeFromUtf8(data[at..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }

    private int LineAt(ReadOnlySpan<byte> data, int index) => lines + data[..index].Count((byte)'\n');

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
