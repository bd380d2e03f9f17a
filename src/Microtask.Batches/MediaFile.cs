using System.Runtime.InteropServices;
using Microtask.Core;

namespace Microtask.Batches;

/// <summary>
/// A file from a ZIP batch that accepted tasks send: the tasks' fields hold <see cref="Ref"/> (<c>sha256:…</c>), and
/// the bytes are here for the caller to keep under that hash.
/// </summary>
/// <param name="Sha256">Lower-case hex SHA-256 of <paramref name="Content"/>.</param>
/// <param name="Kind">The kind of the first media column that named it (a file named by two columns fits both).</param>
/// <param name="ContentType">Its MIME type, from its content (<c>image/jpeg</c>, <c>audio/ogg</c>, <c>video/mp4</c>…).</param>
/// <param name="Path">Where it was in the archive (the first path naming it, as the table wrote it, normalised).</param>
public sealed record MediaFile(string Sha256, MediaKind Kind, string ContentType, string Path, ReadOnlyMemory<byte> Content)
{
    public long Size => Content.Length;

    /// <summary>The value a task's field holds for this file.</summary>
    public MediaRef Ref => MediaRef.Upload(Sha256)!;

    /// <summary>The bytes as a read-only stream, to upload or store.</summary>
    public Stream OpenRead() => MemoryMarshal.TryGetArray(Content, out var bytes)
        ? new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false)
        : new MemoryStream(Content.ToArray(), writable: false);
}
