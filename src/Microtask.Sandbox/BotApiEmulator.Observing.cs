using System.Globalization;
using System.Text;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox;

// What a test reads back: transcripts, answers, documents, and waits for the bot to act.
public sealed partial class BotApiEmulator
{
    /// <summary>The chat's messages in order, as they stand now (edits applied, deleted ones gone).</summary>
    public IReadOnlyList<ChatMessage> Transcript(long chatId) => this.state.Chats.Find(chatId)?.Transcript() ?? [];

    /// <summary>
    /// The reply keyboard under the user's message box: the one the bot's latest message that set or removed one set;
    /// null when none shows.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ReplyButton>>? ReplyKeyboard(long chatId) =>
        Transcript(chatId).LastOrDefault(m => m.FromBot && (m.ReplyKeyboard is not null || m.RemovesReplyKeyboard))?.ReplyKeyboard;

    public IReadOnlyList<CallbackAnswer> CallbackAnswers(long userId) => this.state.Callbacks.Answers(userId);

    /// <summary>
    /// The bytes of the file of a message in the chat (a document, photo, audio, voice note, video or sticker); null when
    /// there is no such message.
    /// </summary>
    public byte[]? DownloadDocument(long chatId, long messageId) => FindFile(chatId, messageId)?.Content;

    /// <summary>The file_id of a message's file in the chat (a user's upload or the bot's), to forge an update that reuses it.</summary>
    public string? DocumentFileId(long chatId, long messageId) => FindFile(chatId, messageId)?.FileId;

    internal StoredFile? FindFile(long chatId, long messageId) =>
        this.state.Chats.Find(chatId)?.Find(messageId)?.Wire is { } wire && FileWire.FileIdOf(wire) is { } fileId ? this.state.Files.FindById(fileId) : null;

    /// <summary>
    /// Completes with the first bot message in the chat matching <paramref name="predicate"/>: an
    /// existing one, else the next new or edited one. Throws <see cref="TimeoutException"/> with the
    /// transcript after <paramref name="timeout"/> (10 s by default).
    /// </summary>
    public async Task<ChatMessage> WaitForMessageAsync(long chatId, Func<ChatMessage, bool> predicate, TimeSpan? timeout = null)
    {
        var chat = this.state.Chats.Get(chatId);
        var wait = timeout ?? DefaultWait;
        var found = chat.WaitForBotMessage(predicate, out var cancel);
        try
        {
            return await found.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            cancel();
            throw new TimeoutException($"No bot message in chat {chatId} matched within {wait.TotalSeconds:0.#} s. Transcript:\n{Describe(chat.Transcript())}");
        }
    }

    /// <summary>
    /// Completes when the bot has confirmed the update (a getUpdates offset passed it, or the webhook
    /// answered 2xx). Throws <see cref="InvalidOperationException"/> if it was dropped
    /// (drop_pending_updates) and <see cref="TimeoutException"/> after <paramref name="timeout"/> (10 s by default).
    /// </summary>
    public async Task WaitUntilConfirmedAsync(long updateId, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(updateId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(updateId, this.state.Updates.LastId);
        var confirmed = this.state.Updates.Confirmation(updateId);
        var wait = timeout ?? DefaultWait;
        bool delivered;
        try
        {
            delivered = await confirmed.WaitAsync(wait);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The bot did not confirm update {updateId} within {wait.TotalSeconds:0.#} s.");
        }
        if (!delivered) throw new InvalidOperationException($"Update {updateId} was dropped (drop_pending_updates) before the bot confirmed it.");
    }

    private static string Describe(IReadOnlyList<ChatMessage> transcript)
    {
        if (transcript.Count == 0) return "  (empty)";
        var text = new StringBuilder();
        foreach (var m in transcript)
        {
            text.Append("  #").Append(m.MessageId).Append(m.FromBot ? " bot: " : " user: ");
            text.Append(m.DocumentFileName is { } file ? $"[document {file}] " : "").Append(m.Photo is { } photo ? $"[photo {photo.Width}x{photo.Height}] " : "");
            text.Append(m.Audio is { } audio ? $"[audio {audio.Duration} s] " : "").Append(m.Voice is { } voice ? $"[voice {voice.Duration} s] " : "");
            text.Append(m.Video is { } video ? $"[video {video.Width}x{video.Height} {video.Duration} s] " : "").Append(m.Sticker is { } sticker ? $"[sticker {sticker.Emoji}] " : "");
            text.Append(m.Location is { } location ? string.Create(CultureInfo.InvariantCulture, $"[location {location.Latitude}, {location.Longitude}] ") : "");
            text.Append(m.PlainText);
            if (m.Keyboard.Count > 0)
                text.Append("  [").AppendJoin(" | ", m.Keyboard.Select(row => string.Join(", ", row.Select(b => $"{b.Text}={b.CallbackData ?? b.Url}")))).Append(']');
            text.AppendLine();
        }
        return text.ToString();
    }
}
