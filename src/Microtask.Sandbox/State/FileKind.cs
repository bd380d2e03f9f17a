namespace Microtask.Sandbox.State;

/// <summary>What a stored file is to Telegram, as the method that first brought it in said.</summary>
internal enum FileKind
{
    Document,
    Photo,
    Audio,
    Voice,
    Video,
    Sticker,
}

internal static class FileKinds
{
    /// <summary>The download path's folder, as Telegram names it.</summary>
    public static string Folder(this FileKind kind) => kind switch
    {
        FileKind.Photo => "photos",
        FileKind.Audio => "music",
        FileKind.Voice => "voice",
        FileKind.Video => "videos",
        FileKind.Sticker => "stickers",
        _ => "documents",
    };

    public static FileKind FromPath(string path) =>
        Enum.GetValues<FileKind>().FirstOrDefault(k => path.StartsWith(k.Folder() + "/", StringComparison.Ordinal));

    /// <summary>
    /// Telegram keeps photos apart from everything else: any other file may be sent again as a document, an audio, a
    /// voice note or a video, but never as a photo, nor a photo as one of them.
    /// </summary>
    public static bool CanBeSentAs(this FileKind stored, FileKind wanted) => (stored == FileKind.Photo) == (wanted == FileKind.Photo);

    /// <summary>The name in Telegram's "can't use file of type X as Y".</summary>
    public static string TelegramName(this FileKind kind) => kind == FileKind.Voice ? "VoiceNote" : kind.ToString();
}
