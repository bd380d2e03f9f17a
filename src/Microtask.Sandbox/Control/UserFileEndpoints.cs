using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Microtask.Sandbox.Control.ControlEndpoints;

namespace Microtask.Sandbox.Control;

internal sealed record SendLocationRequest(double? Latitude, double? Longitude, long? ReplyToMessageId = null);

/// <summary>
/// What a user sends besides text, over HTTP: each file a multipart form with a 'file' part and the optional fields
/// 'caption' and 'replyToMessageId' (plus 'duration', 'width', 'height', 'title', 'performer', 'emoji' where the kind
/// has them); a location as JSON. Each route is a thin call into <see cref="BotApiEmulator"/>.
/// </summary>
internal static class UserFileEndpoints
{
    /// <summary>A file part and the form's fields, numbers read as whole numbers.</summary>
    private sealed record Upload(IFormCollection Form, string FileName, string ContentType, byte[] Content)
    {
        public string? Caption => Form["caption"].ToString() is { Length: > 0 } caption ? caption : null;
        public string? Text(string field) => Form[field].ToString() is { Length: > 0 } text ? text : null;
        public int? Number(string field) => Whole(field) is { } n ? (int)n : null;
        public long? ReplyTo => Whole("replyToMessageId");

        private long? Whole(string field) =>
            Text(field) is not { } text ? null
            : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue ? n
            : throw new ArgumentException($"{field} must be a whole number, not '{text}'");
    }

    public static void MapUserFiles(this RouteGroupBuilder api, BotApiEmulator emulator)
    {
        MapUpload(api, "documents", (id, u) => emulator.SendDocument(id, u.FileName, u.Content, u.ContentType, u.Caption, u.ReplyTo));
        MapUpload(api, "photos", (id, u) => emulator.SendPhoto(id, u.Content, u.Caption, u.ReplyTo));
        MapUpload(api, "voices", (id, u) => emulator.SendVoice(id, u.Content, u.Number("duration"), u.Caption, u.ReplyTo));
        MapUpload(api, "audios", (id, u) =>
            emulator.SendAudio(id, u.FileName, u.Content, u.Number("duration"), u.Text("title"), u.Text("performer"), u.Caption, u.ReplyTo));
        MapUpload(api, "videos", (id, u) =>
            emulator.SendVideo(id, u.Content, u.Number("duration"), u.Number("width"), u.Number("height"), u.Caption, u.ReplyTo));
        MapUpload(api, "stickers", (id, u) => emulator.SendSticker(id, u.Content, u.Text("emoji") ?? "👍", u.ReplyTo));
        api.MapPost("/users/{userId:long}/locations", async (long userId, HttpRequest request) =>
        {
            var (body, refusal) = await ControlRequests.JsonAsync<SendLocationRequest>(request);
            return refusal ?? (body is { Latitude: { } latitude, Longitude: { } longitude }
                ? Guard(() => Ok(new UpdateQueued(emulator.SendLocation(userId, latitude, longitude, body.ReplyToMessageId))))
                : Problem("latitude and longitude are required"));
        });
    }

    private static void MapUpload(RouteGroupBuilder api, string kind, Func<long, Upload, long> send) =>
        api.MapPost($"/users/{{userId:long}}/{kind}", async (long userId, HttpRequest request) =>
        {
            var (form, file, refusal) = await ControlRequests.UploadAsync(request);
            if (refusal is not null) return refusal;
            using var content = new MemoryStream();
            await file!.CopyToAsync(content, request.HttpContext.RequestAborted);
            var type = string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType;
            var upload = new Upload(form!, file.FileName, type, content.ToArray());
            return Guard(() => Ok(new UpdateQueued(send(userId, upload))));
        });
}
