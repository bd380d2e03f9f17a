using System.Security.Cryptography;
using Microtask.Core;

namespace Microtask.Batches;

/// <summary>A file read from a ZIP batch. <see cref="Whole"/> is false when it passed the largest size its columns allow and reading stopped.</summary>
internal sealed record ArchiveFile(string Path, bool Whole, string Sha256, MediaContent? Content, ReadOnlyMemory<byte> Bytes)
{
    public RejectReason? Problem(MediaKind kind) =>
        !Whole || Bytes.Length > kind.MaxBytes() ? (kind == MediaKind.Image ? RejectReason.PhotoTooLarge : RejectReason.MediaTooLarge)
        : Content?.Fits.Contains(kind) == true ? null
        : kind switch
        {
            MediaKind.Image => RejectReason.NotAnImage,
            MediaKind.Audio => RejectReason.NotAudio,
            MediaKind.Voice => RejectReason.NotVoice,
            _ => RejectReason.NotVideo,
        };
}

/// <summary>
/// Reads a ZIP batch: its table of contents, then its one table (through the same readers as a plain file), then each
/// file the table's accepted rows name, once. A ZIP keeps its table of contents at its end, so the upload is held in
/// memory (the caller bounds its size); each file inside is unpacked once, as it is read, within <see cref="ZipLimits"/>.
/// </summary>
internal static class ZipBatchReader
{
    private const int Chunk = 81920;

    private static readonly string[] DocumentExtensions = [".xlsx", ".xlsm", ".docx", ".pptx", ".ods", ".odt", ".numbers", ".pages", ".key"];

    /// <summary>A ZIP by its first bytes (an Office or OpenDocument file is one too, and keeps its own refusal), or by a .zip name.</summary>
    public static bool IsZip(ReadOnlySpan<byte> start, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        return extension.Equals(".zip", StringComparison.OrdinalIgnoreCase)
            || (MediaSniffer.Detect(start[..Math.Min(start.Length, 4)]) is { ContentType: "application/zip" }
                && !DocumentExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase));
    }

    public static async Task<BatchReport> ReadAsync(GuardedInput input, BatchRules rules, ZipLimits limits, CancellationToken ct)
    {
        using var archive = new MemoryStream();
        await input.CopyUncheckedToAsync(archive, ct);
        var sha256 = input.Sha256Hex();
        ArchiveIndex? index = null;
        try
        {
            index = ArchiveIndex.Open(archive, limits);
            var rows = new RowCollector(rules, index);
            var budget = new UnpackBudget(limits);
            var (format, problem) = await ReadTableAsync(index, rows, budget, ct);
            problem ??= rows.FileProblem();
            if (problem is null)
            {
                rows.Resolve(ReadFiles(index, rows.WantedFiles, budget));
            }

            return rows.Report(format, sha256, problem) with { Table = index.TablePath };
        }
        catch (BatchFileException refusal)
        {
            return new BatchReport(BatchFormat.Unknown, sha256, refusal.Error, [], [], 0, 0) { Table = index?.TablePath };
        }
        finally
        {
            index?.Dispose();
        }
    }

    private static async Task<(BatchFormat, BatchFileError?)> ReadTableAsync(ArchiveIndex index, RowCollector rows, UnpackBudget budget, CancellationToken ct)
    {
        await using var entry = new UnpackedStream(index.Table, index.TablePath, budget);
        await using var input = new GuardedInput(entry);
        await input.PeekAsync(ct);
        if (MediaSniffer.Detect(input.Prefix) is { IsArchive: true })
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.ZipNested, Names: [index.TablePath]));
        }

        var (format, problem) = await BatchParser.ReadTableAsync(input, index.TablePath, rows, ct);
        if (problem is null)
        {
            await input.DrainAsync(ct); // the rest is unpacked too: counted, and its checksum checked
        }

        return (format, problem);
    }

    private static Dictionary<string, ArchiveFile> ReadFiles(ArchiveIndex index, IEnumerable<(string Path, IReadOnlySet<MediaKind> Kinds)> wanted, UnpackBudget budget)
    {
        var files = new Dictionary<string, ArchiveFile>(StringComparer.Ordinal);
        foreach (var (path, kinds) in wanted)
        {
            files[path] = Read(index[path], path, kinds.Max(kind => kind.MaxBytes()), budget);
        }

        return files;
    }

    /// <summary>Unpacks one file, stopping one byte past <paramref name="maxBytes"/>: a file that large is refused whatever it holds.</summary>
    private static ArchiveFile Read(System.IO.Compression.ZipArchiveEntry entry, string path, long maxBytes, UnpackBudget budget)
    {
        using var source = new UnpackedStream(entry, path, budget);
        using var bytes = new MemoryStream((int)Math.Clamp(entry.Length, 0, Chunk));
        var buffer = new byte[Chunk];
        int read;
        while ((read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, maxBytes + 1 - bytes.Length))) > 0)
        {
            bytes.Write(buffer, 0, read);
            if (bytes.Length > maxBytes)
            {
                return new ArchiveFile(path, Whole: false, string.Empty, null, ReadOnlyMemory<byte>.Empty);
            }
        }

        var content = bytes.GetBuffer().AsMemory(0, (int)bytes.Length);
        var detected = MediaSniffer.Detect(content.Span);
        if (detected is { IsArchive: true })
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.ZipNested, Names: [path]));
        }

        return new ArchiveFile(path, Whole: true, Convert.ToHexStringLower(SHA256.HashData(content.Span)), detected, content);
    }
}
