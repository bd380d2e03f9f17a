using System.Globalization;
using System.Text.RegularExpressions;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Views;

/// <summary>
/// Sends a task as the worker sees it and changes it afterwards. A text task is one message. A task with one media file
/// is that file with the text as its caption and the buttons, or, when the text is over the caption limit, the file and
/// then the text with the buttons; with 2–10 files, an album and then the text with the buttons. Each media value is
/// uploaded or fetched once: the file_id Telegram gives back is kept and sent every later time (the first send's
/// coordination is in TaskDelivery.FirstSends.cs).
/// </summary>
internal sealed partial class TaskDelivery(
    Sender sender, MediaStore store, IFirstUploads uploads, Microsoft.Extensions.Options.IOptions<Shared.MicrotaskOptions> options)
{
    [GeneratedRegex(@"message #(\d{1,2})")]
    private static partial Regex AlbumItem();

    public Task<Message?> SendAsync(long chatId, ClaimedTask claimed, InlineKeyboardMarkup keyboard, CancellationToken ct) =>
        SendAsync(chatId, claimed.Project, claimed.Task.Fields, TaskMessage.Text(claimed, options.Value.Currency), keyboard, ct);

    /// <summary>
    /// Sends the task and gives the message that carries its buttons (null: the chat is closed to the bot). A file
    /// Telegram refuses is a <see cref="MediaRefusedException"/>; a text it refuses, the <see cref="ApiRequestException"/>.
    /// </summary>
    public async Task<Message?> SendAsync(
        long chatId, Project project, IReadOnlyDictionary<string, string> fields, string html, InlineKeyboardMarkup keyboard, CancellationToken ct)
    {
        var media = TaskMessage.Media(project);
        if (media.Count == 0)
        {
            return await sender.SendWholeAsync(chatId, html, keyboard, ct);
        }

        var files = new List<OutgoingMedia>(media.Count);
        foreach (var field in media)
        {
            files.Add(await ResolveAsync(field, fields.GetValueOrDefault(field.Column) ?? "", ct));
        }

        var leads = await FirstSendsAsync(files, ct);
        try
        {
            if (media.Count == 1)
            {
                var inCaption = TaskMessage.InCaption(project, html);
                var sent = await SendOneAsync(chatId, files[0], inCaption ? html : null, inCaption ? keyboard : null, leads, ct);
                if (sent is null || inCaption)
                {
                    return sent;
                }
            }
            else if (await SendAlbumAsync(chatId, files, leads, ct) is null)
            {
                return null;
            }
        }
        finally
        {
            // Whatever did not reach Telegram lets the sends waiting for it upload it themselves.
            foreach (var (key, lead) in leads)
            {
                await EndAsync(key, lead, null);
            }
        }

        return await sender.SendWholeAsync(chatId, html, keyboard, ct);
    }

    public Task EditAsync(long chatId, int messageId, ClaimedTask claimed, string status, InlineKeyboardMarkup? keyboard = null, CancellationToken ct = default) =>
        EditAsync(chatId, messageId, claimed.Project, TaskMessage.Text(claimed, options.Value.Currency), status, keyboard, ct);

    /// <summary>
    /// Shows the task's message with a line under it (saved, skipped, time up…) and these buttons (none: takes them
    /// away): the caption of its media when the text rode there, cut so that the line fits, else the text.
    /// </summary>
    public Task EditAsync(long chatId, int messageId, Project project, string html, string status, InlineKeyboardMarkup? keyboard = null, CancellationToken ct = default)
    {
        var inCaption = TaskMessage.InCaption(project, html);
        var room = (inCaption ? TelegramLimits.Caption : TelegramLimits.Message) - TelegramLimits.VisibleLength(status) - 2;
        var text = TelegramLimits.FitHtml(html, Math.Max(room, 1)) + "\n\n" + status;
        return inCaption ? sender.EditCaptionAsync(chatId, messageId, text, keyboard, ct) : sender.EditAsync(chatId, messageId, text, keyboard, ct);
    }

    /// <summary><see cref="EditAsync(long, int, ClaimedTask, string, InlineKeyboardMarkup?, CancellationToken)"/> when there is a message to edit.</summary>
    public Task EditIfShownAsync(UpdateContext ctx, int? messageId, ClaimedTask claimed, string status, CancellationToken ct) =>
        EditIfShownAsync(ctx, messageId, claimed, status, null, ct);

    /// <summary>The same, with <paramref name="keyboard"/> under the edited message.</summary>
    public Task EditIfShownAsync(UpdateContext ctx, int? messageId, ClaimedTask claimed, string status, InlineKeyboardMarkup? keyboard, CancellationToken ct) =>
        messageId is { } id ? EditAsync(ctx.ChatId, id, claimed, status, keyboard, ct) : Task.CompletedTask;

    private async Task<Message?> SendOneAsync(
        long chatId, OutgoingMedia file, string? caption, InlineKeyboardMarkup? keyboard, Dictionary<(string, MediaKind), FirstSend> leads, CancellationToken ct)
    {
        Message? sent;
        try
        {
            sent = await sender.SendMediaAsync(chatId, file.Field.Kind, file.Make, caption, keyboard, file.Bytes, ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && !file.Sample)
        {
            throw new MediaRefusedException(file.Field, file.Value, e.Message);
        }

        if (sent is not null)
        {
            await RememberAsync(file, sent, leads, ct);
        }

        return sent;
    }

    private async Task<Message[]?> SendAlbumAsync(
        long chatId, List<OutgoingMedia> files, Dictionary<(string, MediaKind), FirstSend> leads, CancellationToken ct)
    {
        Message[]? sent;
        try
        {
            sent = await sender.SendAlbumAsync(chatId, () => files.Select(Album), files.Sum(f => f.Bytes), ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && !files.Exists(f => f.Sample))
        {
            // Telegram names the refused item by its place: "failed to send message #2 with the error message …".
            var match = AlbumItem().Match(e.Message);
            var at = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1 : 0;
            var refused = files[Math.Clamp(at, 0, files.Count - 1)];
            throw new MediaRefusedException(refused.Field, refused.Value, e.Message);
        }

        for (var i = 0; sent is not null && i < Math.Min(sent.Length, files.Count); i++)
        {
            await RememberAsync(files[i], sent[i], leads, ct);
        }

        return sent;
    }

    private static IAlbumInputMedia Album(OutgoingMedia file) => file.Field.Kind switch
    {
        MediaKind.Image => new InputMediaPhoto(file.Make()),
        MediaKind.Audio => new InputMediaAudio(file.Make()),
        _ => new InputMediaVideo(file.Make()),
    };

    /// <summary>The file_id of the value's first send, else the value itself: a file_id, a URL, or the bytes of a ZIP's file.</summary>
    private async Task<OutgoingMedia> ResolveAsync(MediaField field, string value, CancellationToken ct)
    {
        if (await store.FileIdAsync(value, field.Kind, ct) is { } known)
        {
            return new OutgoingMedia(field, value, () => InputFile.FromFileId(known), 0, Stored: true);
        }

        if (MediaSamples.Of(value, field.Kind) is { } sample)
        {
            return new OutgoingMedia(field, value, () => InputFile.FromStream(new MemoryStream(sample.Content, writable: false), sample.FileName), sample.Content.Length, Stored: false, Sample: true);
        }

        if (!MediaRef.TryParse(value, out var media))
        {
            throw new MediaRefusedException(field, value, "not a media value");
        }

        switch (media.Source)
        {
            case MediaSource.FileId:
                return new OutgoingMedia(field, value, () => InputFile.FromFileId(media.Value), 0, Stored: false);
            case MediaSource.Url:
                return new OutgoingMedia(field, value, () => InputFile.FromUri(media.Value), 0, Stored: false);
            default:
                var blob = await store.BlobAsync(media.Value, ct) ?? throw new MediaRefusedException(field, value, "the file is not kept");
                return new OutgoingMedia(field, value, () => InputFile.FromStream(new MemoryStream(blob.Content, writable: false), blob.FileName), blob.Content.Length, Stored: false);
        }
    }

    /// <summary>Keeps the file_id Telegram gave the value's first send (for a photo, its largest size), and hands it to the sends waiting for it.</summary>
    private async Task RememberAsync(OutgoingMedia file, Message sent, Dictionary<(string, MediaKind), FirstSend> leads, CancellationToken ct)
    {
        if (file.Stored)
        {
            return;
        }

        var fileId = file.Field.Kind switch
        {
            MediaKind.Image => sent.Photo?.MaxBy(p => (long)p.Width * p.Height)?.FileId,
            MediaKind.Audio => sent.Audio?.FileId,
            MediaKind.Voice => sent.Voice?.FileId,
            _ => sent.Video?.FileId,
        };
        if (fileId is not null)
        {
            await store.SaveFileIdAsync(file.Value, file.Field.Kind, fileId, ct);
        }

        if (leads.Remove((file.Value, file.Field.Kind), out var lead))
        {
            await EndAsync((file.Value, file.Field.Kind), lead, fileId);
        }
    }

    /// <param name="Stored">Sent by the file_id of an earlier send.</param>
    /// <param name="Sample">A preview's stand-in, made by the bot: a refusal of it is no requester's file's fault.</param>
    private sealed record OutgoingMedia(MediaField Field, string Value, Func<InputFile> Make, long Bytes, bool Stored, bool Sample = false);
}

/// <summary>Telegram refused a task's media value (an unreachable or wrong URL, an unknown file_id, a file it cannot use).</summary>
internal sealed class MediaRefusedException(MediaField field, string value, string reason) : Exception(reason)
{
    public MediaField Field { get; } = field;

    public string Value { get; } = value;
}
