using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microtask.Sandbox.Control;

internal sealed record CreateUserRequest(string FirstName, string? LanguageCode = "en", string? Username = null);
internal sealed record SendTextRequest(string Text, long? ReplyToMessageId = null);
internal sealed record PressButtonRequest(long MessageId, string CallbackData);
internal sealed record UpdateQueued(long UpdateId);

/// <summary>
/// The control API over HTTP (camelCase JSON) for another process or a web page; each route is a thin
/// call into <see cref="BotApiEmulator"/>.
/// </summary>
internal static class ControlEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void MapControlApi(this IEndpointRouteBuilder app, BotApiEmulator emulator)
    {
        var api = app.MapGroup("/sandbox/api").RequireLocalOrigin();
        api.MapGet("/users", () => Ok(emulator.Users));
        api.MapPost("/users", async (HttpRequest request) =>
        {
            var (body, refusal) = await ControlRequests.JsonAsync<CreateUserRequest>(request);
            return refusal ?? (string.IsNullOrWhiteSpace(body!.FirstName)
                ? Problem("firstName is required")
                : Ok(emulator.CreateUser(body.FirstName, body.LanguageCode, body.Username)));
        });
        api.MapPost("/users/{userId:long}/messages", async (long userId, HttpRequest request) =>
        {
            var (body, refusal) = await ControlRequests.JsonAsync<SendTextRequest>(request);
            return refusal ?? (string.IsNullOrEmpty(body!.Text)
                ? Problem("text is required")
                : Guard(() => Ok(new UpdateQueued(emulator.SendText(userId, body.Text, body.ReplyToMessageId)))));
        });
        api.MapUserFiles(emulator);
        api.MapPost("/users/{userId:long}/presses", async (long userId, HttpRequest request) =>
        {
            var (body, refusal) = await ControlRequests.JsonAsync<PressButtonRequest>(request);
            return refusal ?? (body!.CallbackData is null
                ? Problem("messageId and callbackData are required")
                : Guard(() => Ok(new UpdateQueued(emulator.PressButton(userId, body.MessageId, body.CallbackData)))));
        });
        api.MapGet("/chats/{chatId:long}/transcript", (long chatId) => Ok(emulator.Transcript(chatId)));
        api.MapGet("/chats/{chatId:long}/reply-keyboard", (long chatId) => Ok(new { keyboard = emulator.ReplyKeyboard(chatId) }));
        api.MapGet("/chats/{chatId:long}/messages/{messageId:long}/document", (long chatId, long messageId) =>
            emulator.FindFile(chatId, messageId) is { } file
                // Always an attachment: a document's bytes never render as a page of this origin.
                ? Results.File(file.Content, "application/octet-stream", file.FileName)
                : NotFound($"chat {chatId} has no document or photo message {messageId}"));
        api.MapGet("/chats/{chatId:long}/messages/{messageId:long}/image", (HttpContext http, long chatId, long messageId) =>
            ImageOf(http, emulator.FindFile(chatId, messageId)) ?? NotFound($"chat {chatId} has no image message {messageId}"));
        api.MapGet("/chats/{chatId:long}/messages/{messageId:long}/media", (HttpContext http, long chatId, long messageId) =>
            PlayableOf(http, emulator.FindFile(chatId, messageId)) ?? NotFound($"chat {chatId} has no sound or video message {messageId}"));
        api.MapGet("/commands", (string? languageCode) =>
            Ok(emulator.Commands(languageCode) is { Count: > 0 } menu ? menu : emulator.Commands()));
        api.MapGet("/users/{userId:long}/commands", (long userId) => Guard(() => Ok(emulator.CommandsFor(userId))));
        api.MapGet("/users/{userId:long}/callback-answers", (long userId) => Ok(emulator.CallbackAnswers(userId)));
        api.MapGet("/refused", () => Ok(emulator.Refused));
        api.MapGet("/events", (HttpContext http, long? userId) => EventStream.RunAsync(http, emulator, userId));
    }

    /// <summary>
    /// A photo, sticker or image document to show inline: served only when its own bytes are PNG, JPEG, GIF or WebP,
    /// with that type and a policy that lets nothing run, whatever type or name it was sent with.
    /// </summary>
    private static IResult? ImageOf(HttpContext http, State.StoredFile? file)
    {
        if (file?.Image is not { } image) return null;
        Inert(http);
        return Results.File(file.Content, image.MimeType);
    }

    /// <summary>
    /// A sound or a video to play inline: served only when its own bytes are a container a browser plays (Ogg, WAV,
    /// MP3, MP4, WebM), with that type, in ranges as media elements ask, and a policy that lets nothing run.
    /// </summary>
    private static IResult? PlayableOf(HttpContext http, State.StoredFile? file)
    {
        if (file?.Playable is not { } format) return null;
        Inert(http);
        return Results.File(file.Content, format.MimeType, enableRangeProcessing: true);
    }

    private static void Inert(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // A message's file never changes, so the page may keep it while it is open.
        http.Response.Headers.CacheControl = "private, max-age=3600";
    }

    internal static IResult Ok(object value) => Results.Json(value, Json);

    internal static IResult Problem(string detail) => ControlRequests.Error(StatusCodes.Status400BadRequest, detail);

    private static IResult NotFound(string detail) => ControlRequests.Error(StatusCodes.Status404NotFound, detail);

    /// <summary>Turns the C# API's argument errors (unknown user, missing button) into 400s.</summary>
    internal static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return Problem(ex.Message);
        }
    }
}
