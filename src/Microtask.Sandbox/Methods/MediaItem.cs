using System.Text.Json;
using Microtask.Sandbox.Api;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Methods;

/// <summary>One InputMedia object of sendMediaGroup or editMessageMedia, parsed; its file is read later, when the call has passed its checks.</summary>
internal sealed record MediaItem(FileKind Kind, UploadedFile? Upload, string Named, ParsedText? Caption, string? RawCaption, string? ParseMode,
    int? Duration, int? Width, int? Height, string? Title, string? Performer)
{
    /// <summary>Parses an InputMedia object, refusing it in Telegram's words ("can't parse InputMedia: ...").</summary>
    public static MediaItem Parse(ApiArgs args, JsonElement item, bool inAlbum)
    {
        if (item.ValueKind != JsonValueKind.Object) throw Unparsable("expected an Object");
        var rawCaption = Text(item, "caption");
        var parseMode = Text(item, "parse_mode");
        ParsedText? caption;
        try
        {
            caption = string.IsNullOrEmpty(rawCaption) ? null : TextRules.Parse(rawCaption, parseMode);
        }
        catch (BotApiException refusal)
        {
            throw Unparsable(Capitalized(refusal));
        }
        var type = Text(item, "type") ?? throw Unparsable("Can't find field \"type\"");
        var kind = type switch
        {
            "photo" => FileKind.Photo,
            "video" => FileKind.Video,
            "audio" => FileKind.Audio,
            "document" => FileKind.Document,
            "animation" when inAlbum => throw Unparsable("type \"animation\" can't be used in sendMediaGroup"),
            // Animations (GIFs) are not among what the sandbox keeps.
            _ => throw Unparsable($"type \"{type}\" is unsupported"),
        };
        var named = Text(item, "media") ?? "";
        var upload = args.Attached(named);
        if (named.Length == 0 || (upload is null && named.StartsWith("attach://", StringComparison.Ordinal))) throw Unparsable("media not found");
        return new MediaItem(kind, upload, named, caption, rawCaption, parseMode,
            Number(item, "duration"), Number(item, "width"), Number(item, "height"), Text(item, "title"), Text(item, "performer"));
    }

    /// <summary>The attributes of a new file: what the object says, completed from the file's headers.</summary>
    public MediaMeta MediaOf(byte[] content) => MediaMeta.Of(Kind, content, Duration, Width, Height, Title, Performer);

    public Task<GivenFile?> ReadAsync(MethodContext c) => InputFiles.ReadAsync(c, Upload, Upload is null ? Named : null, Kind);

    /// <summary>"Bad Request: can't parse entities: ..." as Telegram nests it: "Can't parse entities: ...".</summary>
    public static string Capitalized(BotApiException refusal)
    {
        var what = refusal.Description.StartsWith("Bad Request: ", StringComparison.Ordinal) ? refusal.Description["Bad Request: ".Length..] : refusal.Description;
        return what.Length == 0 ? what : char.ToUpperInvariant(what[0]) + what[1..];
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) && number > 0 ? number : null;

    private static BotApiException Unparsable(string why) => BotApiException.BadRequest("can't parse InputMedia: " + why);
}
