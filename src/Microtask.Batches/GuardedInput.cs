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

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _carry = new byte[4];
    private byte[] _prefix = [];
    private int _prefixLength;
    private int _replayed;
    private int _carryLength;
    private long _offset;
    private int _lines = 1;
    private bool _checking = true;
    private bool _ended;

    /// <summary>The start of the file (all of it when shorter than <see cref="PrefixSize"/>).</summary>
    public ReadOnlySpan<byte> Prefix => _prefix.AsSpan(0, _prefixLength);

    public bool WholeFileInPrefix { get; private set; }

    /// <summary>Reads the first block, for the format to be told before any parser reads it again.</summary>
    public async Task PeekAsync(CancellationToken ct)
    {
        _prefix = new byte[PrefixSize];
        while (_prefixLength < _prefix.Length)
        {
            var read = await source.ReadAsync(_prefix.AsMemory(_prefixLength), ct);
            if (read == 0)
            {
                _ended = true;
                break;
            }

            _prefixLength += read;
        }

        WholeFileInPrefix = _ended;
        _hash.AppendData(Prefix);
    }

    /// <summary>Checks the first block as text: magic numbers first, so a PNG is called a PNG rather than bad UTF-8.</summary>
    public void CheckStart()
    {
        FileSniffer.RefuseBinary(Prefix);
        Check(Prefix, final: _ended);
    }

    /// <summary>Reads what the parser left (after a refusal, say) so the hash covers the whole file.</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        _checking = false;
        var buffer = new byte[81920];
        while (await ReadAsync(buffer, ct) > 0)
        {
        }
    }

    /// <summary>Copies the whole input, hashed but not checked as text (it is an archive).</summary>
    public async Task CopyUncheckedToAsync(Stream destination, CancellationToken ct)
    {
        _checking = false;
        await CopyToAsync(destination, ct);
    }

    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (_replayed < _prefixLength)
        {
            return Replay(buffer.Span);
        }

        if (_ended)
        {
            return 0;
        }

        var read = await source.ReadAsync(buffer, ct);
        Observe(buffer.Span[..read], read == 0);
        return read;
    }

    public override int Read(Span<byte> buffer)
    {
        if (_replayed < _prefixLength)
        {
            return Replay(buffer);
        }

        if (_ended)
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
        var count = Math.Min(buffer.Length, _prefixLength - _replayed);
        _prefix.AsSpan(_replayed, count).CopyTo(buffer);
        _replayed += count;
        return count;
    }

    private void Observe(ReadOnlySpan<byte> data, bool end)
    {
        _ended = end;
        _hash.AppendData(data);
        Check(data, end);
    }

    private void Check(ReadOnlySpan<byte> data, bool final)
    {
        if (!_checking)
        {
            return;
        }

        var nul = data.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.Binary, LineAt(data, nul), _offset + nul + 1, Detail: "NUL bytes"));
        }

        var start = 0;
        if (_carryLength > 0)
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
            throw new BatchFileException(new BatchFileError(FileErrorCode.NotUtf8, LineAt(data, bad), _offset + bad + 1));
        }

        rest[^tail..].CopyTo(_carry);
        _carryLength = tail;
        _lines += data.Count((byte)'\n');
        _offset += data.Length;
    }

    /// <summary>Finishes the sequence split across the previous read; returns where the rest of <paramref name="data"/> starts, or -1 when it is all carried.</summary>
    private int CompleteCarry(ReadOnlySpan<byte> data, bool final)
    {
        Span<byte> joined = stackalloc byte[4];
        _carry.AsSpan(0, _carryLength).CopyTo(joined);
        var taken = Math.Min(4 - _carryLength, data.Length);
        data[..taken].CopyTo(joined[_carryLength..]);
        var status = Rune.DecodeFromUtf8(joined[..(_carryLength + taken)], out _, out var consumed);
        if (status == System.Buffers.OperationStatus.NeedMoreData && !final)
        {
            data.CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += data.Length;
            _offset += data.Length;
            return -1;
        }

        if (status != System.Buffers.OperationStatus.Done)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.NotUtf8, _lines, _offset - _carryLength + 1));
        }

        var used = consumed - _carryLength;
        _carryLength = 0;
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

    private int LineAt(ReadOnlySpan<byte> data, int index) => _lines + data[..index].Count((byte)'\n');

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
