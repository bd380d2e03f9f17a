using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.State;

internal sealed record StoredFile(string FileId, string FileUniqueId, string FileName, string MimeType, byte[] Content, string FilePath)
{
    /// <summary>What the bytes are when they are an image a chat can show; null for anything else.</summary>
    public ImageFormat? Image { get; } = ImageFormat.Of(Content);

    public WireDocument ToDocument() => new(FileId, FileUniqueId, FileName, MimeType, Content.LongLength);
    public WireFile ToFile() => new(FileId, FileUniqueId, Content.LongLength, FilePath);

    /// <summary>Telegram sends a photo in several sizes; the sandbox keeps the one it was given.</summary>
    public IReadOnlyList<WirePhotoSize>? ToPhoto() =>
        Image is { } image ? [new WirePhotoSize(FileId, FileUniqueId, image.Width, image.Height, Content.LongLength)] : null;
}

/// <summary>Every document and photo sent either way, by file_id and by download path.</summary>
internal sealed class FileStore
{
    private readonly ConcurrentDictionary<string, StoredFile> byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredFile> byPath = new(StringComparer.Ordinal);
    private readonly StateFile? file;
    private long last;

    public FileStore(StateFile? file)
    {
        this.file = file;
        foreach (var (saved, number) in file?.LoadFiles() ?? [])
        {
            Index(saved);
            last = Math.Max(last, number);
        }
    }

    /// <param name="folder">The download path's folder, as Telegram names it: documents or photos.</param>
    public StoredFile Add(string fileName, string? mimeType, byte[] content, string folder = "documents")
    {
        var n = Interlocked.Increment(ref last);
        // Random ids like Telegram's, so nobody can guess another bot's file ids by counting.
        var fileId = "BQACAgIAAxkBAAI" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) + n;
        var file = new StoredFile(fileId, "AgAD" + n, fileName, MimeTypeOf(fileName, mimeType), content,
            $"{folder}/file_{n}{Path.GetExtension(fileName)}");
        this.file?.AddFile(file, n);
        Index(file);
        return file;
    }

    /// <summary>Like Telegram, a document sent without a type of its own gets the one its name suggests.</summary>
    private static string MimeTypeOf(string fileName, string? declared) =>
        !string.IsNullOrEmpty(declared) && declared != "application/octet-stream"
            ? declared
            : Path.GetExtension(fileName).ToLowerInvariant() switch
            {
                ".png" => "image/png",
                ".jpg" or ".jpeg" => "image/jpeg",
                ".gif" => "image/gif",
                ".webp" => "image/webp",
                ".csv" => "text/csv",
                ".json" => "application/json",
                ".txt" => "text/plain",
                ".zip" => "application/zip",
                ".pdf" => "application/pdf",
                _ => "application/octet-stream",
            };

    private void Index(StoredFile file)
    {
        byId[file.FileId] = file;
        byPath[file.FilePath] = file;
    }

    public StoredFile? FindById(string fileId) => byId.GetValueOrDefault(fileId);

    public StoredFile? FindByPath(string path) => byPath.GetValueOrDefault(path);
}
