using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Microtask.Sandbox.State;

/// <summary>
/// What Telegram keeps with a file besides its bytes, so that sending it again by file_id shows the same: length,
/// picture size, an audio's title and performer, a sticker's emoji. Zero or null where it has none.
/// </summary>
internal sealed record MediaMeta(int Duration = 0, int Width = 0, int Height = 0, string? Title = null, string? Performer = null, string? Emoji = null)
{
    public static readonly MediaMeta None = new();

    /// <summary>What the sender said (null: nothing), completed from the file's own headers; a sticker is 512 px square unless its bytes say.</summary>
    public static MediaMeta Of(FileKind kind, byte[] content, int? duration = null, int? width = null, int? height = null,
        string? title = null, string? performer = null, string? emoji = null)
    {
        var playable = kind is FileKind.Audio or FileKind.Voice or FileKind.Video or FileKind.Sticker ? MediaFormat.Of(content) : null;
        var image = kind == FileKind.Sticker ? ImageFormat.Of(content) : null;
        return kind switch
        {
            FileKind.Audio => new(duration ?? playable?.Duration ?? 0, Title: title, Performer: performer),
            FileKind.Voice => new(duration ?? playable?.Duration ?? 0),
            FileKind.Video => new(duration ?? playable?.Duration ?? 0, width ?? playable?.Width ?? 0, height ?? playable?.Height ?? 0),
            FileKind.Sticker => new(0, width ?? image?.Width ?? 512, height ?? image?.Height ?? 512, Emoji: emoji),
            _ => None,
        };
    }
}

/// <summary>A file as first received; <see cref="BotId"/> is the bot it was issued to (null: kept before bots were told apart).</summary>
internal sealed record StoredFile(string FileId, string FileUniqueId, string FileName, string MimeType, byte[] Content, string FilePath)
{
    public long? BotId { get; init; }

    public MediaMeta Media { get; init; } = MediaMeta.None;

    public FileKind Kind => FileKinds.FromPath(FilePath);

    /// <summary>What the bytes are when they are an image a chat can show; null for anything else.</summary>
    public ImageFormat? Image { get; } = ImageFormat.Of(Content);

    /// <summary>What the bytes are when they are a sound or a video a browser can play; null for anything else.</summary>
    public MediaFormat? Playable { get; } = MediaFormat.Of(Content);
}

/// <summary>Every file sent either way, by file_id and by download path.</summary>
internal sealed class FileStore
{
    private readonly ConcurrentDictionary<string, StoredFile> byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredFile> byPath = new(StringComparer.Ordinal);
    private readonly StateFile? file;
    private readonly long botId;
    private long last;

    public FileStore(StateFile? file, long botId)
    {
        this.file = file;
        this.botId = botId;
        foreach (var (saved, number) in file?.LoadFiles() ?? [])
        {
            Index(saved);
            this.last = Math.Max(this.last, number);
        }
    }

    /// <summary>Stores a file for this bot; the download path's extension comes from the name, else from what the bytes are.</summary>
    public StoredFile Add(string fileName, string? mimeType, byte[] content, FileKind kind = FileKind.Document, MediaMeta? media = null)
    {
        var n = Interlocked.Increment(ref this.last);
        // Random ids like Telegram's, so nobody can guess another bot's file ids by counting.
        var fileId = "BQACAgIAAxkBAAI" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) + n;
        var playable = kind is FileKind.Document or FileKind.Photo ? null : MediaFormat.Of(content);
        var extension = Path.GetExtension(fileName) is { Length: > 0 } named ? named
            : playable?.Extension ?? (ImageFormat.Of(content) is { } image ? ExtensionOf(image) : "");
        var file = new StoredFile(fileId, "AgAD" + n, fileName, MimeTypeOf(fileName, mimeType, playable), content,
            $"{kind.Folder()}/file_{n}{extension}")
        {
            BotId = this.botId,
            Media = media ?? MediaMeta.None,
        };
        this.file?.AddFile(file, n);
        Index(file);
        return file;
    }

    public static string ExtensionOf(ImageFormat image) => image.MimeType switch
    {
        "image/jpeg" => ".jpg",
        var type => "." + type["image/".Length..],
    };

    /// <summary>
    /// Like Telegram, a file sent without a type of its own gets the one its bytes say (sounds and videos) or its
    /// name suggests.
    /// </summary>
    private static string MimeTypeOf(string fileName, string? declared, MediaFormat? playable) =>
        !string.IsNullOrEmpty(declared) && declared != "application/octet-stream"
            ? declared
            : playable?.MimeType ?? Path.GetExtension(fileName).ToLowerInvariant() switch
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
                ".mp3" => "audio/mpeg",
                ".ogg" or ".oga" or ".opus" => "audio/ogg",
                ".m4a" => "audio/mp4",
                ".wav" => "audio/wav",
                ".mp4" => "video/mp4",
                ".webm" => "video/webm",
                _ => "application/octet-stream",
            };

    private void Index(StoredFile file)
    {
        this.byId[file.FileId] = file;
        this.byPath[file.FilePath] = file;
    }

    /// <summary>Any file this emulator keeps, whichever bot it was issued to: for the chats' own views.</summary>
    public StoredFile? FindById(string fileId) => this.byId.GetValueOrDefault(fileId);

    /// <summary>A file_id as this bot may use it: null when unknown or issued to another bot, as file ids are per bot.</summary>
    public StoredFile? FindForBot(string fileId) => FindById(fileId) is { } file && (file.BotId ?? this.botId) == this.botId ? file : null;

    public StoredFile? FindByPath(string path) => this.byPath.GetValueOrDefault(path);
}
