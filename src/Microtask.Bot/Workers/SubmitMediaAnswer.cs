using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;

namespace Microtask.Bot.Workers;

/// <summary>
/// A voice note, photo, sticker, file or any other media from a worker: the answer to their voice or photo task when it
/// is what the task asks for (its file id is stored, never its bytes; a photo whose place is asked waits for it, see
/// <see cref="PhotoPlaces"/>), otherwise a reply saying what the task wants and nothing stored.
/// </summary>
internal sealed class SubmitMediaAnswerHandler(WorkerTasks tasks, AnswerSubmission submission, PhotoPlaces places, Sender sender) :
    IHandler<SentVoice>, IHandler<SentPhoto>, IHandler<SentOtherMedia>, IHandler<DocumentRefused>
{
    public async Task HandleAsync(SentVoice command, UpdateContext ctx, CancellationToken ct)
    {
        if (await TaskForAsync(ctx, command.MessageId, AnswerKind.Voice, ct) is not { } claimed)
        {
            return;
        }

        var settings = claimed.Project.Settings;
        if (command.Seconds < settings.MinVoiceSeconds || command.Seconds > settings.MaxVoiceSeconds)
        {
            var text = command.Seconds < settings.MinVoiceSeconds ? WorkerMessages.VoiceTooShort : WorkerMessages.VoiceTooLong;
            await sender.SendAsync(
                ctx.ChatId, string.Format(CultureInfo.CurrentCulture, text, command.Seconds, settings.MinVoiceSeconds, settings.MaxVoiceSeconds), ct: ct);
            return;
        }

        await submission.SubmitAsync(ctx, claimed, new MediaAnswer(command.FileId, command.FileSize, command.Seconds).ToStored(), ct);
    }

    public async Task HandleAsync(SentPhoto command, UpdateContext ctx, CancellationToken ct)
    {
        if (await TaskForAsync(ctx, command.MessageId, AnswerKind.Photo, ct) is not { } claimed)
        {
            return;
        }

        // A project that asks where the photo was taken stores it with the location that comes next.
        if (PhotoPlaces.Asks(claimed.Project))
        {
            await places.KeepAsync(ctx, claimed, command, ct);
            return;
        }

        await submission.SubmitAsync(ctx, claimed, new MediaAnswer(command.FileId, command.FileSize).ToStored(), ct);
    }

    public Task HandleAsync(SentOtherMedia command, UpdateContext ctx, CancellationToken ct) => TaskForAsync(ctx, command.MessageId, null, ct);

    public async Task HandleAsync(DocumentRefused command, UpdateContext ctx, CancellationToken ct)
    {
        // A file where a voice note or photo is wanted gets the task's hint; any other file the usual refusal.
        if (await tasks.LiveAsync(ctx, ct) is { Project.Kind: var kind } && kind.UsesMedia())
        {
            await sender.SendAsync(ctx.ChatId, Wanted(kind), ct: ct);
            return;
        }

        await sender.SendAsync(ctx.ChatId, WorkerMessages.NoDocuments, ct: ct);
    }

    /// <summary>The live task when <paramref name="kind"/> answers it; otherwise null once the worker has been told why not.</summary>
    private async Task<ClaimedTask?> TaskForAsync(UpdateContext ctx, long messageId, AnswerKind? kind, CancellationToken ct)
    {
        if (await tasks.LiveAsync(ctx, ct) is not { } claimed)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.NoOpenTaskForMedia, WorkerKeyboards.Next(), ct);
            return null;
        }

        // Sent before the current task was shown, it was meant for an earlier one.
        if (claimed.Assignment.MessageId is { } shown && messageId < shown)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.AlreadyAnswered, ct: ct);
            return null;
        }

        if (claimed.Project.Kind != kind)
        {
            await sender.SendAsync(ctx.ChatId, Wanted(claimed.Project.Kind), ct: ct);
            return null;
        }

        return claimed;
    }

    private static string Wanted(AnswerKind kind) => kind switch
    {
        AnswerKind.Voice => WorkerMessages.WantVoice,
        AnswerKind.Photo => WorkerMessages.WantPhoto,
        _ when kind.UsesButtons() => WorkerMessages.WantButtons,
        _ => WorkerMessages.WantText,
    };
}
