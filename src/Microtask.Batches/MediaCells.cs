using System.Text.RegularExpressions;
using Microtask.Core;

namespace Microtask.Batches;

/// <summary>A media column's value read: the value to store, or a file's path in the ZIP to read later, or why not.</summary>
internal readonly record struct MediaCell(string? Stored, string? Path = null, RejectReason? Problem = null);

/// <summary>
/// Reads what a requester wrote in a media column: a path to a file in the ZIP first (when there is a ZIP), then a
/// Telegram file id (bare, or as <c>tg:…</c>), then an https URL. A URL of another scheme is refused as such; URLs are
/// not fetched here (the bot learns whether one works when it first sends it).
/// </summary>
internal static partial class MediaCells
{
    // Two letters at least, so that a Windows path (C:\photos\cat.jpg) is not taken for a URL.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:")]
    private static partial Regex Scheme();

    public static MediaCell Read(string value, ArchiveIndex? archive)
    {
        if (archive?.Find(value) is { } path)
        {
            return new(null, path);
        }

        if (value.StartsWith(MediaRef.FileIdPrefix, StringComparison.Ordinal))
        {
            return Stored(MediaRef.FileId(value[MediaRef.FileIdPrefix.Length..]));
        }

        if (MediaRef.IsFileId(value))
        {
            return Stored(MediaRef.FileId(value));
        }

        if (MediaRef.Url(value) is { } url)
        {
            return Stored(url);
        }

        return Scheme().IsMatch(value) && !value.StartsWith(MediaRef.UploadPrefix, StringComparison.Ordinal)
            && !value.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            ? new(null, Problem: RejectReason.NotHttps)
            : new(null, Problem: archive is null ? RejectReason.NotMediaValue : RejectReason.MissingFile);
    }

    private static MediaCell Stored(MediaRef? media) =>
        media is null ? new(null, Problem: RejectReason.NotMediaValue) : new(media.ToString());
}
