using System.Net;
using System.Text.Json.Serialization;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microsoft.Extensions.Options;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Transport;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Telegram.Sending;

/// <summary>
/// The one way out to Telegram: paced by <see cref="SendLimits"/>, waits out 429's retry_after, retries 5xx and
/// network failures with backoff, and marks a worker inactive when Telegram says they blocked the bot.
/// </summary>
internal sealed class Sender(
    ITelegramBotClient bot, SendLimits limits, IServiceScopeFactory scopes, IOptions<SenderOptions> options, BotMetrics metrics, ILogger<Sender> log)
{
    private const string NotModified = "message is not modified";
    private const string AnswerCallback = "answerCallbackQuery";

    // One call to Telegram, not a long poll: a hung send must not hold its chat (and the poller's offset) for long.
    private TimeSpan CallTimeout => options.Value.CallTimeout;

    /// <summary>An upload gets its call time plus a second per this many bytes (about 2 Mbit/s), so a 50 MB file has ~3.5 min.</summary>
    private const long UploadBytesPerSecond = 256 * 1024;

    // Every text is cut to Telegram's limits here (TelegramLimits): one built from users' words may be any length.
    // The markup may be a reply keyboard (or its removal) as well as buttons under the message.
    public Task<Message?> SendAsync(long chatId, string html, ReplyMarkup? keyboard = null, CancellationToken ct = default) =>
        RunAsync("sendMessage", chatId, isEdit: false, token => bot.SendMessage(chatId, TelegramLimits.FitHtml(html), parseMode: ParseMode.Html, replyMarkup: keyboard, cancellationToken: token), ct);

    /// <summary>
    /// A message that must arrive whole or not at all (a task: cut, it would ask something else); Telegram refuses one
    /// that is too long with a 400, which the caller handles.
    /// </summary>
    public Task<Message?> SendWholeAsync(long chatId, string html, InlineKeyboardMarkup? keyboard = null, CancellationToken ct = default) =>
        RunAsync("sendMessage", chatId, isEdit: false, token => bot.SendMessage(chatId, html, parseMode: ParseMode.Html, replyMarkup: keyboard, cancellationToken: token), ct);

    /// <summary>A message of a fan-out (reminders, broadcasts): sent only when no interactive reply is waiting for the rate.</summary>
    public Task<Message?> SendBulkAsync(long chatId, string html, InlineKeyboardMarkup? keyboard = null, CancellationToken ct = default) =>
        RunAsync("sendMessage", chatId, isEdit: false, token => bot.SendMessage(chatId, TelegramLimits.FitHtml(html), parseMode: ParseMode.Html, replyMarkup: keyboard, cancellationToken: token), ct, bulk: true);

    public Task<Message?> SendDocumentAsync(long chatId, string fileName, byte[] content, string? caption = null, CancellationToken ct = default) =>
        SendDocumentAsync(chatId, fileName, new MemoryStream(content), caption, ct);

    /// <summary>Sends a seekable stream from its current position; the caller keeps and disposes it.</summary>
    public Task<Message?> SendDocumentAsync(long chatId, string fileName, Stream content, string? caption = null, CancellationToken ct = default)
    {
        var start = content.Position;
        return RunAsync("sendDocument", chatId, isEdit: false, token =>
        {
            // Telegram.Bot disposes what it sent; a retry sends the same bytes again.
            content.Position = start;
            return bot.SendDocument(chatId, InputFile.FromStream(new UndisposedStream(content), fileName), caption: caption is null ? null : TelegramLimits.FitPlain(caption, TelegramLimits.Caption), cancellationToken: token);
        }, ct, callTimeout: CallTimeout + TimeSpan.FromSeconds((content.Length - start) / UploadBytesPerSecond));
    }

    /// <summary>
    /// A photo, audio, voice note or video with an HTML caption (whole: the caller fits it) and buttons. The file is made
    /// afresh for each try (a stream is spent by a send); a 400 (Telegram refused the file) is the caller's to handle.
    /// </summary>
    public Task<Message?> SendMediaAsync(
        long chatId, MediaKind kind, Func<InputFile> file, string? captionHtml, InlineKeyboardMarkup? keyboard, long uploadBytes, CancellationToken ct) =>
        RunAsync(MediaMethod(kind), chatId, isEdit: false, token => kind switch
        {
            MediaKind.Image => bot.SendPhoto(chatId, file(), captionHtml, ParseMode.Html, replyMarkup: keyboard, cancellationToken: token),
            MediaKind.Audio => bot.SendAudio(chatId, file(), captionHtml, ParseMode.Html, replyMarkup: keyboard, cancellationToken: token),
            MediaKind.Voice => bot.SendVoice(chatId, file(), captionHtml, ParseMode.Html, replyMarkup: keyboard, cancellationToken: token),
            _ => bot.SendVideo(chatId, file(), captionHtml, ParseMode.Html, replyMarkup: keyboard, cancellationToken: token),
        }, ct, callTimeout: CallTimeout + TimeSpan.FromSeconds(uploadBytes / UploadBytesPerSecond));

    /// <summary>An album of 2–10 files (made afresh for each try), without captions; a 400 is the caller's to handle.</summary>
    public Task<Message[]?> SendAlbumAsync(long chatId, Func<IEnumerable<IAlbumInputMedia>> media, long uploadBytes, CancellationToken ct) =>
        RunAsync("sendMediaGroup", chatId, isEdit: false, token => bot.SendMediaGroup(chatId, media(), cancellationToken: token), ct,
            callTimeout: CallTimeout + TimeSpan.FromSeconds(uploadBytes / UploadBytesPerSecond));

    /// <summary>A picture made by the bot (a chart), shown in the chat rather than as a file to open.</summary>
    public Task<Message?> SendPhotoAsync(long chatId, string fileName, byte[] content, string? caption = null, CancellationToken ct = default) =>
        RunAsync("sendPhoto", chatId, isEdit: false, token => bot.SendPhoto(
            chatId, InputFile.FromStream(new MemoryStream(content), fileName), caption is null ? null : TelegramLimits.FitPlain(caption, TelegramLimits.Caption), cancellationToken: token),
            ct, callTimeout: CallTimeout + TimeSpan.FromSeconds(content.Length / UploadBytesPerSecond));

    /// <summary>For last-resort replies (the failure message): never throws.</summary>
    public async Task TrySendAsync(long chatId, string html, CancellationToken ct)
    {
        try
        {
            await SendAsync(chatId, html, ct: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning("Could not send a reply: {Error}", e.Message);
        }
    }

    /// <summary>Edits a message; one that is gone or too old to edit is left as it is (the edit only mirrors saved state).</summary>
    public Task EditAsync(long chatId, int messageId, string html, InlineKeyboardMarkup? keyboard = null, CancellationToken ct = default) =>
        RunAsync("editMessageText", chatId, isEdit: true, token => bot.EditMessageText(chatId, messageId, TelegramLimits.FitHtml(html), parseMode: ParseMode.Html, replyMarkup: keyboard, cancellationToken: token), ct);

    /// <summary>Edits the caption of a media message (cut to 1,024 characters); gone or too old, it is left as it is.</summary>
    public Task EditCaptionAsync(long chatId, int messageId, string html, InlineKeyboardMarkup? keyboard = null, CancellationToken ct = default) =>
        RunAsync("editMessageCaption", chatId, isEdit: true, token => bot.EditMessageCaption(chatId, messageId, TelegramLimits.FitHtml(html, TelegramLimits.Caption), ParseMode.Html, keyboard, cancellationToken: token), ct);

    /// <summary>Replaces a message's buttons (none: takes them away) and leaves its text; gone or too old, it is left as it is.</summary>
    public Task EditKeyboardAsync(long chatId, int messageId, InlineKeyboardMarkup? keyboard = null, CancellationToken ct = default) =>
        RunAsync("editMessageReplyMarkup", chatId, isEdit: true, token => bot.EditMessageReplyMarkup(chatId, messageId, keyboard, cancellationToken: token), ct);

    /// <summary>Answers a button press. Not paced (Telegram does not count it as a message); an old query is ignored.</summary>
    public async Task AnswerCallbackAsync(CallbackAnswer answer, CancellationToken ct)
    {
        try
        {
            await bot.AnswerCallbackQuery(answer.QueryId, text: answer.Text is null ? null : TelegramLimits.FitPlain(answer.Text, TelegramLimits.Toast), cancellationToken: ct);
            metrics.Sent(AnswerCallback);
        }
        catch (Exception e) when (CountRefusal(AnswerCallback, e) || e is RequestException or HttpRequestException or TaskCanceledException)
        {
            log.LogDebug("Callback answer refused: {Error}", e.Message);
        }
    }

    /// <summary>
    /// The same answer as the body of the reply to Telegram's webhook POST, which Telegram runs as a call: one HTTP
    /// round trip fewer per press. Its outcome is never known, so it is counted as sent and no refusal is seen.
    /// </summary>
    public WebhookCall InWebhookReply(CallbackAnswer answer)
    {
        metrics.Sent(AnswerCallback);
        return new WebhookCall(AnswerCallback, answer.QueryId, answer.Text is null ? null : TelegramLimits.FitPlain(answer.Text, TelegramLimits.Toast));
    }

    private async Task<T?> RunAsync<T>(
        string method, long chatId, bool isEdit, Func<CancellationToken, Task<T>> call, CancellationToken ct, bool bulk = false, TimeSpan? callTimeout = null)
        where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            await (bulk ? limits.WaitBulkAsync(chatId, ct) : limits.WaitAsync(chatId, ct));
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(callTimeout ?? CallTimeout);
                var result = await call(timeout.Token);
                metrics.Sent(method);
                return result;
            }
            catch (Exception e) when (CountRefusal(method, e))
            {
                throw; // never runs: the filter counts a refusal and lets the clauses below handle it as before
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429 && attempt < options.Value.MaxRetries)
            {
                var wait = TimeSpan.FromSeconds(e.Parameters?.RetryAfter ?? 1);
                log.LogWarning("Telegram asked to slow down for {Seconds} s", wait.TotalSeconds);
                await Task.Delay(wait, ct); // wall-clock time: this is Telegram's clock, not the domain's
            }
            catch (ApiRequestException e) when (e.ErrorCode == 403)
            {
                log.LogInformation("Chat is closed to the bot ({Error}); marking the worker inactive", e.Message);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WorkerStore>().SetInactiveAsync(chatId, ct);
                return null;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains(NotModified, StringComparison.Ordinal))
            {
                return null; // a repeated edit: the message already shows this
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400 && isEdit)
            {
                log.LogInformation("Edit refused, message left as it is: {Error}", e.Message);
                return null;
            }
            catch (Exception e) when (IsTransient(e) && attempt < options.Value.MaxRetries && !ct.IsCancellationRequested)
            {
                var backoff = TimeSpan.FromMilliseconds(200 * Math.Pow(2, attempt));
                log.LogWarning("Telegram call failed ({Error}); retrying in {Delay} ms", e.Message, backoff.TotalMilliseconds);
                await Task.Delay(backoff, ct);
            }
        }
    }

    private static string MediaMethod(MediaKind kind) => kind switch
    {
        MediaKind.Image => "sendPhoto",
        MediaKind.Audio => "sendAudio",
        MediaKind.Voice => "sendVoice",
        _ => "sendVideo",
    };

    /// <summary>Counts Telegram's refusals (each try, by error code); always false, so it changes no handling.</summary>
    private bool CountRefusal(string method, Exception e)
    {
        if (e is ApiRequestException api)
        {
            metrics.Refused(method, api.ErrorCode);
        }
        else if (e is RequestException { HttpStatusCode: { } status })
        {
            metrics.Refused(method, (int)status);
        }

        return false;
    }

    private static bool IsTransient(Exception e) => e switch
    {
        ApiRequestException api => api.ErrorCode >= 500,
        RequestException { HttpStatusCode: { } status } => (int)status >= 500 || status == HttpStatusCode.RequestTimeout,
        RequestException { InnerException: HttpRequestException or TaskCanceledException } => true,
        HttpRequestException or TaskCanceledException => true,
        _ => false,
    };
}

/// <summary>A Bot API call made by answering a webhook POST with it (answerCallbackQuery is the only one the bot makes so).</summary>
internal sealed record WebhookCall(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("callback_query_id")] string CallbackQueryId,
    [property: JsonPropertyName("text"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text);
