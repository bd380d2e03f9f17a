using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Methods;

/// <summary>
/// A file as a call gives it, checked and ready: one this bot was given before (sent again by its file_id), or new bytes
/// (an upload, or what an HTTP(S) URL answered), stored only by <see cref="StoreAs"/> once the whole call has passed.
/// </summary>
internal sealed record GivenFile(StoredFile? Known, string FileName, string? MimeType, byte[] Content)
{
    public StoredFile StoreAs(EmulatorState state, FileKind kind, MediaMeta media) =>
        Known ?? state.Files.Add(FileName, MimeType, Content, kind, media);
}

/// <summary>
/// Reads a file argument the ways Telegram takes one (multipart upload or attach://name, file_id, HTTP(S) URL) and
/// refuses in Telegram's words what Telegram refuses: a file_id this bot was not given, a photo's file as another kind
/// or another kind's as a photo, a URL that does not answer, answers too much, or answers with the wrong kind of file.
/// </summary>
internal static class InputFiles
{
    public const string WrongFile = "wrong file identifier/HTTP URL specified";
    public const string UrlFailed = "failed to get HTTP URL content";
    public const string WrongUrlContent = "wrong type of the web page content";

    // Telegram fetches at most 5 MB for a photo and 20 MB for anything else from a URL.
    private const long MaxPhotoUrlBytes = 5L * 1024 * 1024;
    private const long MaxUrlBytes = 20L * 1024 * 1024;

    /// <summary>The refusals Telegram's servers give while sending, which an album reports with the item's position.</summary>
    public static bool ComesFromSending(BotApiException refusal) =>
        refusal.Description is "Bad Request: " + WrongFile or "Bad Request: " + UrlFailed or "Bad Request: " + WrongUrlContent;

    /// <summary>An upload, or a string naming a file_id or a URL; null for neither.</summary>
    public static async Task<GivenFile?> ReadAsync(MethodContext c, UploadedFile? upload, string? named, FileKind kind)
    {
        if (upload is not null)
        {
            c.State.Log.CountFile(FileSource.Upload);
            return Uploaded(upload, kind);
        }
        if (string.IsNullOrEmpty(named)) return null;
        if (Uri.TryCreate(named, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            c.State.Log.CountFile(FileSource.Url);
            return await FetchedAsync(c, url, kind);
        }
        c.State.Log.CountFile(FileSource.FileId);
        var known = c.State.Files.FindForBot(named) ?? throw BotApiException.BadRequest(WrongFile);
        if (!known.Kind.CanBeSentAs(kind))
            throw BotApiException.BadRequest($"can't use file of type {known.Kind.TelegramName()} as {kind.TelegramName()}");
        if (kind == FileKind.Photo) CheckPhoto(known.Content.LongLength, known.Image);
        return new GivenFile(known, known.FileName, known.MimeType, known.Content);
    }

    private static GivenFile Uploaded(UploadedFile upload, FileKind kind)
    {
        if (upload.Content.LongLength > TextRules.MaxUploadBytes) throw new BotApiException(413, "Request Entity Too Large");
        if (kind == FileKind.Photo) CheckPhoto(upload.Content.LongLength, ImageFormat.Of(upload.Content));
        return new GivenFile(null, upload.FileName, upload.ContentType, upload.Content);
    }

    private static async Task<GivenFile> FetchedAsync(MethodContext c, Uri url, FileKind kind)
    {
        var fetched = await c.State.Urls.FetchAsync(url, kind == FileKind.Photo ? MaxPhotoUrlBytes : MaxUrlBytes, c.Aborted)
            ?? throw BotApiException.BadRequest(UrlFailed);
        var content = fetched.Content;
        var playable = MediaFormat.Of(content);
        var declared = fetched.ContentType ?? "";
        var fits = kind switch
        {
            FileKind.Photo => ImageFormat.Of(content) is not null,
            FileKind.Audio or FileKind.Voice => playable is { HasVideo: false } || declared.StartsWith("audio/", StringComparison.OrdinalIgnoreCase),
            FileKind.Video => playable is { HasVideo: true } || declared.StartsWith("video/", StringComparison.OrdinalIgnoreCase),
            // Telegram takes only GIF, PDF and ZIP documents by URL.
            _ => content.AsSpan().StartsWith("GIF8"u8) || content.AsSpan().StartsWith("%PDF"u8) || content.AsSpan().StartsWith("PK\u0003\u0004"u8),
        };
        if (!fits) throw BotApiException.BadRequest(WrongUrlContent);
        if (kind == FileKind.Photo) CheckPhoto(content.LongLength, ImageFormat.Of(content));
        return new GivenFile(null, fetched.FileName, fetched.ContentType, content);
    }

    /// <summary>
    /// Telegram turns a photo into JPEGs of several sizes; the sandbox keeps the image it was given and refuses what
    /// Telegram would: a file that is no image, too big, or of a shape no chat could show.
    /// </summary>
    private static void CheckPhoto(long size, ImageFormat? image)
    {
        if (size > TextRules.MaxPhotoBytes) throw BotApiException.BadRequest("PHOTO_SAVE_FILE_INVALID");
        if (image is not { Width: var width, Height: var height }) throw BotApiException.BadRequest("IMAGE_PROCESS_FAILED");
        if (width + height > TextRules.MaxPhotoWidthPlusHeight || Math.Max(width, height) > TextRules.MaxPhotoAspectRatio * Math.Min(width, height))
            throw BotApiException.BadRequest("PHOTO_INVALID_DIMENSIONS");
    }
}
