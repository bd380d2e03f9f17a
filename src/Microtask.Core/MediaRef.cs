using System.Diagnostics.CodeAnalysis;

namespace Microtask.Core;

public enum MediaSource
{
    /// <summary>An https URL Telegram fetches itself on the first send.</summary>
    Url,

    /// <summary>A Telegram <c>file_id</c> the requester gave.</summary>
    FileId,

    /// <summary>A file uploaded in a ZIP batch, kept by the bot under its SHA-256.</summary>
    Upload,
}

/// <summary>
/// A media value as a task's field stores it: <c>https://…</c>, <c>tg:&lt;file_id&gt;</c> or <c>sha256:&lt;64 hex&gt;</c>.
/// <see cref="ToString"/> gives that stored form and <see cref="TryParse"/> reads it back.
/// </summary>
public sealed record MediaRef
{
    public const string FileIdPrefix = "tg:";
    public const string UploadPrefix = "sha256:";

    private MediaRef(MediaSource source, string value) => (Source, Value) = (source, value);

    public MediaSource Source { get; }

    /// <summary>The URL, the file id (without <c>tg:</c>), or the lower-case hex SHA-256 (without <c>sha256:</c>).</summary>
    public string Value { get; }

    /// <summary>
    /// An https URL with a host. A URL holding spaces or controls is kept escaped (as Telegram must be given it);
    /// any other is kept as written, so the results show the requester's own spelling.
    /// </summary>
    public static MediaRef? Url(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0
            || !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new MediaRef(MediaSource.Url, text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? uri.AbsoluteUri : text);
    }

    /// <summary>A Telegram file id, when <paramref name="id"/> has the shape of one (see <see cref="IsFileId"/>).</summary>
    public static MediaRef? FileId(string id) => IsFileId(id) ? new MediaRef(MediaSource.FileId, id) : null;

    /// <summary>A file uploaded in a batch, by the SHA-256 of its bytes.</summary>
    public static MediaRef? Upload(string sha256Hex) => IsSha256(sha256Hex) ? new MediaRef(MediaSource.Upload, sha256Hex) : null;

    /// <summary>
    /// Whether a value has the shape of a Telegram file id: 20 to 255 characters of URL-safe base64 (letters, digits,
    /// <c>-</c> and <c>_</c>). With no <c>/</c> or <c>.</c> it can be neither a URL nor a file name with an extension.
    /// Only Telegram knows whether it names a file; the bot learns that when it first sends it.
    /// </summary>
    public static bool IsFileId(string value) =>
        value.Length is >= 20 and <= 255 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Reads a stored value: <c>https://…</c>, <c>tg:&lt;file_id&gt;</c> or <c>sha256:&lt;64 lower-case hex&gt;</c>.</summary>
    public static bool TryParse(string? stored, [NotNullWhen(true)] out MediaRef? media)
    {
        media = stored switch
        {
            null => null,
            _ when stored.StartsWith(FileIdPrefix, StringComparison.Ordinal) => FileId(stored[FileIdPrefix.Length..]),
            _ when stored.StartsWith(UploadPrefix, StringComparison.Ordinal) => Upload(stored[UploadPrefix.Length..]),
            _ => Url(stored),
        };
        return media is not null;
    }

    /// <summary>A stored value read back; a value that is none of the three forms is a <see cref="FormatException"/>.</summary>
    public static MediaRef Parse(string stored) =>
        TryParse(stored, out var media) ? media : throw new FormatException("Not a stored media value: https://…, tg:<file_id> or sha256:<hex>.");

    /// <summary>The stored form.</summary>
    public override string ToString() => Source switch
    {
        MediaSource.FileId => FileIdPrefix + Value,
        MediaSource.Upload => UploadPrefix + Value,
        _ => Value,
    };

    private static bool IsSha256(string hex) => hex.Length == 64 && hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
