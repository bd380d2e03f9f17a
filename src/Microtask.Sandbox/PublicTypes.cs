namespace Microtask.Sandbox;

/// <summary>A sandbox user; their private chat with the bot has the same id.</summary>
public sealed record SandboxUser(long Id, string FirstName, string? Username, string? LanguageCode);

/// <summary>A picture's width and height in pixels.</summary>
public sealed record ImageSize(int Width, int Height);

/// <summary>An audio file (sendAudio): its length in seconds, and what its sender said it is.</summary>
public sealed record AudioInfo(int Duration, string? Title, string? Performer, string? FileName, string? MimeType);

/// <summary>A voice note: its length in seconds and its type (audio/ogg as Telegram's apps record it).</summary>
public sealed record VoiceInfo(int Duration, string? MimeType);

/// <summary>A video: its picture size, length in seconds and type.</summary>
public sealed record VideoInfo(int Width, int Height, int Duration, string? MimeType);

/// <summary>A sticker: its size and the emoji it stands for.</summary>
public sealed record StickerInfo(int Width, int Height, string? Emoji);

/// <summary>A point on the map a user shared.</summary>
public sealed record LocationInfo(double Latitude, double Longitude);

/// <summary>An inline keyboard button as the user sees it.</summary>
public sealed record InlineButton(string Text, string? CallbackData, string? Url);

/// <summary>
/// A button of a reply keyboard, shown under the message box: pressed, it sends its text, or, with
/// <see cref="RequestLocation"/>, the user's location.
/// </summary>
public sealed record ReplyButton(string Text, bool RequestLocation);

/// <summary>What the bot answered to a button press (answerCallbackQuery).</summary>
public sealed record CallbackAnswer(string CallbackQueryId, long UserId, string? Text, bool ShowAlert);

/// <summary>One entry of the bot's command menu (setMyCommands).</summary>
public sealed record BotCommandInfo(string Command, string Description);

/// <summary>A Bot API call the emulator refused, injected faults included.</summary>
public sealed record RefusedCall(string Method, long? ChatId, int ErrorCode, string Description, DateTimeOffset At);

public enum SandboxEventKind
{
    MessageAdded,
    MessageEdited,
    MessageDeleted,
    CallbackAnswered,
}

/// <summary>
/// A change a chat view would show. <see cref="Message"/> is set for added and edited messages,
/// <see cref="MessageId"/> for all message events, <see cref="Answer"/> for callback answers.
/// </summary>
public sealed record SandboxEvent(SandboxEventKind Kind, long ChatId, long? MessageId, ChatMessage? Message, CallbackAnswer? Answer);

/// <summary>
/// How setWebhook registrations are used. <see cref="Single"/> is Telegram's behaviour: the last
/// setWebhook wins. <see cref="RoundRobin"/> keeps every URL registered since the last deleteWebhook
/// and spreads updates over them (one chat's updates still in order), like a load balancer in front of
/// several bot instances.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "One delivery lane: the word is the mode's, not the type's.")]
public enum WebhookMode
{
    Single,
    RoundRobin,
}

/// <summary>How a call gave a file: uploaded bytes, a file_id of a file sent before, or an HTTP(S) URL for the server to fetch.</summary>
public enum FileSource
{
    Upload,
    FileId,
    Url,
}
