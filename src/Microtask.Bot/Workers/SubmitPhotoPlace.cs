using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>
/// The place of a photo answer, for a project that asks where each photo was taken. The photo waits
/// (<see cref="PhotoPlaceStore"/>) while a reply keyboard asks for the worker's location with one tap; the location, or
/// "Save without location" where the project makes the place optional, stores the answer, and the keyboard goes.
/// </summary>
internal sealed class PhotoPlaces(PhotoPlaceStore waiting, AnswerSubmission submission, Sender sender)
{
    private static readonly System.Globalization.CultureInfo[] Spoken = [Languages.Culture("en"), Languages.Culture("id")];

    public static bool Asks(Project project) => project.Kind == AnswerKind.Photo && project.Settings.PhotoLocation != PhotoLocation.None;

    /// <summary>Keeps the photo (a later one replaces it) and asks where it was taken.</summary>
    public async Task KeepAsync(UpdateContext ctx, ClaimedTask claimed, SentPhoto photo, CancellationToken ct)
    {
        await waiting.KeepAsync(claimed.Assignment.Id, new WaitingPhoto(photo.FileId, photo.FileSize, photo.MessageId), ct);
        await AskAsync(ctx, claimed.Project, ct);
    }

    /// <summary>
    /// Typed text on a photo task whose photo waits for its place: "Save without location", where the place is optional,
    /// stores the photo alone; anything else asks again. False when no photo waits, and the caller answers the text.
    /// </summary>
    public async Task<bool> TypedAsync(UpdateContext ctx, ClaimedTask claimed, string text, CancellationToken ct)
    {
        if (!Asks(claimed.Project) || await waiting.FindAsync(claimed.Assignment.Id, ct) is not { } photo)
        {
            return false;
        }

        if (claimed.Project.Settings.PhotoLocation == PhotoLocation.Optional && IsSkip(text))
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.SavedWithoutPlace, new ReplyKeyboardRemove(), ct);
            await SubmitAsync(ctx, claimed, new MediaAnswer(photo.FileId, photo.Bytes), ct);
            return true;
        }

        await AskAsync(ctx, claimed.Project, ct);
        return true;
    }

    /// <summary>A location for the live task's waiting photo; <paramref name="place"/> has been checked for being the worker's own and on the map.</summary>
    public async Task PlaceAsync(UpdateContext ctx, ClaimedTask claimed, WaitingPhoto photo, SentLocation place, CancellationToken ct)
    {
        await sender.SendAsync(ctx.ChatId, WorkerMessages.PlaceReceived, new ReplyKeyboardRemove(), ct);
        await SubmitAsync(ctx, claimed, new MediaAnswer(photo.FileId, photo.Bytes, Latitude: place.Latitude, Longitude: place.Longitude), ct);
    }

    public Task AskAsync(UpdateContext ctx, Project project, CancellationToken ct) => sender.SendAsync(
        ctx.ChatId,
        project.Settings.PhotoLocation == PhotoLocation.Required ? WorkerMessages.AskPlaceRequired : WorkerMessages.AskPlaceOptional,
        Keyboard(project),
        ct);

    private async Task SubmitAsync(UpdateContext ctx, ClaimedTask claimed, MediaAnswer answer, CancellationToken ct)
    {
        await submission.SubmitAsync(ctx, claimed, answer.ToStored(), ct);
        await waiting.DropAsync(claimed.Assignment.Id, ct);
    }

    /// <summary>The location button, and where the place is optional the button that saves the photo without it.</summary>
    private static ReplyKeyboardMarkup Keyboard(Project project)
    {
        KeyboardButton[][] rows = project.Settings.PhotoLocation == PhotoLocation.Optional
            ? [[KeyboardButton.WithRequestLocation(WorkerMessages.SendPlaceButton)], [new KeyboardButton(WorkerMessages.SkipPlaceButton)]]
            : [[KeyboardButton.WithRequestLocation(WorkerMessages.SendPlaceButton)]];
        return new ReplyKeyboardMarkup(rows) { ResizeKeyboard = true };
    }

    /// <summary>The skip button's text in either language: the worker may have switched language since it was shown.</summary>
    private static bool IsSkip(string text) =>
        Array.Exists(Spoken, culture => string.Equals(
            text.Trim(), WorkerMessages.ResourceManager.GetString(nameof(WorkerMessages.SkipPlaceButton), culture), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A location from a worker: the place of the photo their live task waits for. A location nothing asks for, one sent
/// before the photo, or one that is not where the worker is (forwarded, a venue) gets a reply and nothing is stored.
/// </summary>
internal sealed class SubmitPhotoPlaceHandler(WorkerTasks tasks, PhotoPlaceStore waiting, PhotoPlaces places, Sender sender) : IHandler<SentLocation>
{
    public async Task HandleAsync(SentLocation command, UpdateContext ctx, CancellationToken ct)
    {
        // No keyboard asks for a location any more, though one may still show (a task that ended while it waited).
        if (await tasks.LiveAsync(ctx, ct) is not { } claimed || !PhotoPlaces.Asks(claimed.Project))
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.PlaceNotAsked, new ReplyKeyboardRemove(), ct);
            return;
        }

        if (await waiting.FindAsync(claimed.Assignment.Id, ct) is not { } photo)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.PlaceBeforePhoto, ct: ct);
            return;
        }

        if (!command.Current || command.MessageId < photo.MessageId)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.PlaceStale, ct: ct);
            return;
        }

        if (!MediaAnswer.OnTheMap(command.Latitude, command.Longitude))
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.PlaceOffMap, ct: ct);
            return;
        }

        await places.PlaceAsync(ctx, claimed, photo, command, ct);
    }
}
