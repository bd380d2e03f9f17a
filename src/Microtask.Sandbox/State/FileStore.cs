using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.State;

internal sealed record StoredFile(string FileId, string FileUniqueId, string FileName, string MimeType, byte[] Content, string FilePath)
{
    public WireDocument ToDocument() => new(FileId, FileUniqueId, FileName, MimeType, Content.LongLength);
    public WireFile ToFile() => new(FileId, FileUniqueId, Content.LongLength, FilePath);
}

/// <summary>Every document sent either way, by file_id and by download path.</summary>
internal sealed class FileStore
{
    private readonly ConcurrentDictionary<string, StoredFile> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredFile> _byPath = new(StringComparer.Ordinal);
    private long _last;

    public StoredFile Add(string fileName, string? mimeType, byte[] content)
    {
        var n = Interlocked.Increment(ref _last);
        // Random ids like Telegram's, so nobody can guess another bot's file ids by counting.
        var fileId = "BQACAgIAAxkBAAI" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) + n;
        var file = new StoredFile(fileId, "AgAD" + n, fileName, mimeType ?? "application/octet-stream", content,
            $"documents/file_{n}{Path.GetExtension(fileName)}");
        _byId[fileId] = file;
        _byPath[file.FilePath] = file;
        return file;
    }

    public StoredFile? FindById(string fileId) => _byId.GetValueOrDefault(fileId);

    public StoredFile? FindByPath(string path) => _byPath.GetValueOrDefault(path);
}
