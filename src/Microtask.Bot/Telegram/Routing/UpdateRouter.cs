using System.Globalization;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Telegram.Routing;

/// <summary>
/// The one place that reads a raw Update: it finds the sender, sets their language, picks the command from the
/// <see cref="CommandTable"/>, checks consent, role and bans, calls the command's handler in a DI scope of its own, and
/// turns a failure into a polite reply. A button press's answer (its toast, or just the end of its spinner) is returned
/// for the transport to make.
/// </summary>
internal sealed class UpdateRouter(
    IServiceScopeFactory scopes, IServiceProvider root, CommandTable commands, Roles roles, Sender sender, TimeProvider time,
    IOptions<MicrotaskOptions> options, ILogger<UpdateRouter> log)
{
    public async Task<CallbackAnswer?> RouteAsync(Update update, CancellationToken ct)
    {
        var (input, user, chatId, callback) = Read(update);
        if (input is null || user is null || user.IsBot || user.Id <= 0)
        {
            return null; // kinds of update the bot does not act on: edits, joins, channel posts, group chatter
        }

        UpdateContext? context = null;
        string? strangerToast = null;
        string name = input.Name;
        CallbackAnswer? Answer() => callback is null ? null : new CallbackAnswer(callback.Id, context?.Toast ?? strangerToast);
        try
        {
            await using var services = scopes.CreateAsyncScope();
            var workers = services.ServiceProvider.GetRequiredService<WorkerStore>();
            var known = await workers.FindAsync(user.Id, ct);
            if (known is null && !input.OpenToStrangers(commands))
            {
                // Only /start makes a stranger a worker: anything else (a stray text, a forged button) leaves no row.
                Languages.Use(Languages.FromTelegram(user.LanguageCode, options.Value.DefaultLanguage));
                strangerToast = WorkerMessages.ConsentNeeded;
                if (callback is null)
                {
                    await sender.SendAsync(chatId, WorkerMessages.ConsentNeeded, ct: ct);
                }

                return Answer();
            }

            var worker = await KnownAsync(workers, known, user, ct);
            Languages.Use(worker.Language);
            context = new UpdateContext(update.Id, chatId, worker, callback?.Id, callback?.Message?.MessageId);

            var routed = input.Resolve(commands, access => May(worker, access));
            name = routed.Command.GetType().Name;
            // The consent is a worker's: a requester's or an admin's own commands do not wait for it.
            if (!worker.Consented && routed.Route.Access == Access.Worker)
            {
                await sender.SendAsync(chatId, WorkerMessages.ConsentNeeded, ct: ct);
                return Answer();
            }

            if (routed.Command is TypedText text && await services.ServiceProvider.GetRequiredService<IConversations>().IsOpenAsync(worker, ct))
            {
                routed = commands.Input(new ConversationText(text.Text));
            }

            if (worker.BannedUntil is { } until && until > time.GetUtcNow() && !routed.Route.WhileBanned)
            {
                routed = commands.Input(new RefusedWhileBanned(until));
            }

            name = routed.Command.GetType().Name;
            log.LogDebug("Handling {Command}", name);
            await routed.Route.Invoke(services.ServiceProvider, routed.Command, context, ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase))
        {
            // The chat never wrote to the bot (a forged update) or is gone: nothing to tell anyone there. Other 400s are ours to fix.
            log.LogWarning("Telegram refused the reply to {Command}: {Error}", name, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Handling {Command} failed", name);
            BrokenConnections.Forget(e, root); // after a database outage, the next request must not meet a dead pooled connection
            await sender.TrySendAsync(chatId, WorkerMessages.Failure, ct);
        }

        return Answer();
    }

    /// <summary>
    /// What makes an update unusable before it reaches the dispatcher, or null when it is usable. Telegram sends none
    /// of these; a forged or truncated body can: a message without its chat, a button press without its sender.
    /// </summary>
    public static string? ShapeProblem(Update update) => update switch
    {
        { Id: <= 0 } => "no positive update_id",
        { Message: { } m } when m.Chat is null => "message without chat",
        { CallbackQuery: { } q } when q.From is null => "callback query without sender",
        { CallbackQuery: { Message: { } m } } when m.Chat is null => "callback query's message without chat",
        { CallbackQuery: { } q } when q.Id is null => "callback query without id",
        _ => null,
    };

    /// <summary>The sender's row, made or reactivated: a user who writes to the bot is reachable again, even if an earlier send found them blocked.</summary>
    private async Task<Worker> KnownAsync(WorkerStore workers, Worker? known, User user, CancellationToken ct)
    {
        var worker = known is { Active: true }
            ? known
            : await workers.EnsureAsync(user.Id, user.FirstName ?? "", Languages.FromTelegram(user.LanguageCode, options.Value.DefaultLanguage), ct);
        // Admins name users by @username: kept as Telegram sends it, written only when it changed.
        return worker.Username != user.Username ? await workers.SetUsernameAsync(worker, user.Username, ct) : worker;
    }

    private bool May(Worker worker, Access access) => access switch
    {
        Access.Requester => roles.IsRequester(worker),
        Access.Admin => roles.IsAdmin(worker),
        Access.Owner => roles.IsOwner(worker),
        _ => true,
    };

    private static (Input? Input, User? User, long ChatId, CallbackQuery? Callback) Read(Update update) => update switch
    {
        { Message: { From: { } from, Chat: { Type: ChatType.Private } chat } message } => (Input.From(message), from, chat.Id, null),
        { CallbackQuery: { From: { } from, Message: { Chat: { Type: ChatType.Private } chat } } query } => (new Input.Pressed(query.Data), from, chat.Id, query),
        _ => (null, null, 0, null),
    };

    /// <summary>What a message or press is before the sender is known: the table turns it into a command once they are.</summary>
    private abstract record Input
    {
        public abstract string Name { get; }

        public abstract Routed Resolve(CommandTable commands, Func<Access, bool> allowed);

        /// <summary>Whether it may come from a user the bot does not know yet.</summary>
        public bool OpenToStrangers(CommandTable commands) => Resolve(commands, access => access == Access.Stranger).Route.Access == Access.Stranger;

        public static Input? From(Message message)
        {
            if (message.Document is { } doc)
            {
                // Only a reply to the bot's own message can name a project (its "#id"); a user's own words cannot.
                var replyTo = message.ReplyToMessage is { From.IsBot: true } original ? original.Text ?? original.Caption : null;
                return new Other(new SentDocument(doc.FileId, doc.FileName, doc.FileSize, message.Caption, replyTo), new DocumentRefused());
            }

            if (message.Voice is { } voice)
            {
                return new Other(new SentVoice(voice.FileId, voice.Duration, voice.FileSize, message.MessageId), new UnknownCommand("voice"));
            }

            if (message.Photo is [.., var largest])
            {
                return new Other(new SentPhoto(largest.FileId, largest.FileSize, message.MessageId), new UnknownCommand("photo"));
            }

            if (message.Location is { } location)
            {
                var current = message.ForwardOrigin is null && message.Venue is null;
                return new Other(new SentLocation(location.Latitude, location.Longitude, current, message.MessageId), new UnknownCommand("location"));
            }

            if (message.Sticker is not null || message.Audio is not null || message.Video is not null || message.VideoNote is not null
                || message.Animation is not null)
            {
                return new Other(new SentOtherMedia(message.MessageId), new UnknownCommand("media"));
            }

            if (string.IsNullOrWhiteSpace(message.Text))
            {
                return null;
            }

            if (!message.Text.StartsWith('/'))
            {
                return new Other(new TypedText(message.Text, message.MessageId), new UnknownCommand("text"));
            }

            var parts = message.Text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            // "/task@microtask_bot" in a group names the bot; the name is ours either way.
            return new Typed(parts[0].Split('@')[0].ToLowerInvariant(), parts.Length > 1 ? parts[1].Trim() : null);
        }

        public sealed record Typed(string Trigger, string? Argument) : Input
        {
            public override string Name => Trigger;

            public override Routed Resolve(CommandTable commands, Func<Access, bool> allowed) => commands.Typed(Trigger, Argument, allowed);
        }

        public sealed record Pressed(string? Data) : Input
        {
            public override string Name => "button";

            public override Routed Resolve(CommandTable commands, Func<Access, bool> allowed) => commands.Button(Data, allowed);
        }

        /// <summary>Plain text or a document: its handler's route, or <paramref name="Denied"/> for a sender without its role.</summary>
        public sealed record Other(ICommand Command, ICommand Denied) : Input
        {
            public override string Name => Command.GetType().Name;

            public override Routed Resolve(CommandTable commands, Func<Access, bool> allowed) =>
                commands.Input(Command) is var routed && allowed(routed.Route.Access) ? routed : commands.Input(Denied);
        }
    }
}

/// <summary>The answer a button press gets once handled: a toast, or with no text just the end of its spinner.</summary>
internal sealed record CallbackAnswer(string QueryId, string? Text);
