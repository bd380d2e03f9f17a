using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Storage;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;

namespace Microtask.Bot.Telegram;

/// <summary>
/// The one place that reads a raw Update: it parses the command, finds the sender, sets their language,
/// calls the command's handler in a DI scope of its own, and turns a failure into a polite reply. A button press's
/// answer (its toast, or just the end of its spinner) is returned for the transport to make.
/// </summary>
internal sealed class UpdateRouter(IServiceScopeFactory scopes, IServiceProvider root, Sender sender, ILogger<UpdateRouter> log)
{
    private static readonly Type[] OpenBeforeConsent =
        [typeof(StartCommand), typeof(HelpCommand), typeof(LanguageCommand), typeof(ConsentPressed), typeof(LanguagePressed)];

    public async Task<CallbackAnswer?> RouteAsync(Update update, CancellationToken ct)
    {
        var (command, user, chatId, callback) = Read(update);
        if (command is null || user is null || user.IsBot || user.Id <= 0)
        {
            return null; // kinds of update the bot does not act on: edits, joins, channel posts, group chatter
        }

        UpdateContext? context = null;
        string? strangerToast = null;
        CallbackAnswer? Answer() => callback is null ? null : new CallbackAnswer(callback.Id, context?.Toast ?? strangerToast);
        try
        {
            await using var services = scopes.CreateAsyncScope();
            var workers = services.ServiceProvider.GetRequiredService<WorkerStore>();
            var fallback = services.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.MicrotaskOptions>>().Value.DefaultLanguage;
            var known = await workers.FindAsync(user.Id, ct);
            if (known is null && command is not StartCommand)
            {
                // Only /start makes a stranger a worker: anything else (a stray text, a forged button) leaves no row.
                CultureInfo.CurrentUICulture = Languages.Culture(Languages.FromTelegram(user.LanguageCode, fallback));
                strangerToast = WorkerMessages.ConsentNeeded;
                if (callback is null)
                {
                    await sender.SendAsync(chatId, WorkerMessages.ConsentNeeded, ct: ct);
                }

                return Answer();
            }

            // A user who writes to the bot is reachable again, even if an earlier send found them blocked.
            var worker = known is { Active: true }
                ? known
                : await workers.EnsureAsync(user.Id, user.FirstName ?? "", Languages.FromTelegram(user.LanguageCode, fallback), ct);
            // Admins name users by @username: kept as Telegram sends it, written only when it changed.
            if (worker.Username != user.Username)
            {
                worker = await workers.SetUsernameAsync(worker, user.Username, ct);
            }

            CultureInfo.CurrentUICulture = Languages.Culture(worker.Language);
            context = new UpdateContext(update.Id, chatId, worker, callback?.Id, callback?.Message?.MessageId);

            if (!worker.Consented && !OpenBeforeConsent.Contains(command.GetType()))
            {
                await sender.SendAsync(chatId, WorkerMessages.ConsentNeeded, ct: ct);
                return Answer();
            }

            if (command is TextReply text && await services.ServiceProvider.GetRequiredService<IConversations>().IsOpenAsync(worker, ct))
            {
                command = new ConversationReply(text.Text);
            }

            // Roles and bans, before any handler: a command the sender may not use is unknown to them.
            command = services.ServiceProvider.GetRequiredService<Admins.AdminGate>().Check(worker, command);
            log.LogDebug("Handling {Command}", command.GetType().Name);
            await Handlers.HandleAsync(services.ServiceProvider, command, context, ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase))
        {
            // The chat never wrote to the bot (a forged update) or is gone: nothing to tell anyone there. Other 400s are ours to fix.
            log.LogWarning("Telegram refused the reply to {Command}: {Error}", command.GetType().Name, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Handling {Command} failed", command.GetType().Name);
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

    private static (Command? Command, User? User, long ChatId, CallbackQuery? Callback) Read(Update update) => update switch
    {
        { Message: { From: { } from, Chat: { } chat } message } when CommandParser.IsPrivate(chat) =>
            (CommandParser.FromMessage(message), from, chat.Id, null),
        { CallbackQuery: { From: { } from, Message: { Chat: { } chat } } query } when CommandParser.IsPrivate(chat) =>
            (CommandParser.FromCallback(query.Data), from, chat.Id, query),
        _ => (null, null, 0, null),
    };
}

/// <summary>The answer a button press gets once handled: a toast, or with no text just the end of its spinner.</summary>
internal sealed record CallbackAnswer(string QueryId, string? Text);
