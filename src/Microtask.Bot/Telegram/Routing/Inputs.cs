namespace Microtask.Bot.Telegram.Routing;

/// <summary>Plain text that is not a command: a typed answer. The message id says which task it can answer.</summary>
internal sealed record TypedText(string Text, long MessageId) : ICommand;

/// <summary>Plain text while a conversation (a /newproject) is open: the answer to its question.</summary>
internal sealed record ConversationText(string Text) : ICommand;

/// <summary>A file sent to the bot; <paramref name="ReplyToText"/> is the text of the bot's message it replies to, if any.</summary>
internal sealed record SentDocument(string FileId, string? FileName, long? FileSize, string? Caption, string? ReplyToText = null) : ICommand;

/// <summary>A voice note: a voice task's answer. The message id says which task it can answer.</summary>
internal sealed record SentVoice(string FileId, int Seconds, long? FileSize, long MessageId) : ICommand;

/// <summary>A photo (its largest size): a photo task's answer.</summary>
internal sealed record SentPhoto(string FileId, long? FileSize, long MessageId) : ICommand;

/// <summary>
/// A place on the map: where a photo answer was taken, when its project asks. <paramref name="Current"/> is false for a
/// place that is not where the sender is (forwarded, or a venue picked on the map).
/// </summary>
internal sealed record SentLocation(double Latitude, double Longitude, bool Current, long MessageId) : ICommand;

/// <summary>A sticker, audio file, video, video note or animation: never an answer, always a hint of what is.</summary>
internal sealed record SentOtherMedia(long MessageId) : ICommand;

/// <summary>A command the sender does not have, or one no feature knows: the same reply, so no role's commands are revealed.</summary>
internal sealed record UnknownCommand(string Name) : ICommand;

/// <summary>A known command followed by words it does not take.</summary>
internal sealed record JunkArguments(string Command) : ICommand;

/// <summary>Callback data that does not parse: forged, garbage, or from an old version of the bot.</summary>
internal sealed record InvalidButton : ICommand;

/// <summary>A document from someone who may not upload batches.</summary>
internal sealed record DocumentRefused : ICommand;

/// <summary>What a worker under a platform ban asked for, other than what may be used while banned.</summary>
internal sealed record RefusedWhileBanned(DateTimeOffset Until) : ICommand;
