using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Storage;
using global::Telegram.Bot.Types;

namespace Microtask.Bot.Telegram;

/// <summary>
/// The one place that reads a raw Update: it parses the command, finds the sender, sets their language,
/// calls the command's handler in a DI scope of its own, and turns a failure into a polite reply.
/// </summary>
internal sealed class UpdateRouter(IServiceScopeFactory scopes, Sender sender, ILogger<UpdateRouter> log)
{
    private static readonly Type[] OpenBeforeConsent =
        [typeof(StartCommand), typeof(HelpCommand), typeof(LanguageCommand), typeof(ConsentPressed), typeof(LanguagePressed)];

    public async Task RouteAsync(Update update, CancellationToken ct)
    {
        var (command, user, chatId, callback) = Read(update);
        if (command is null || user is null || user.IsBot)
        {
            return; // kinds of update the bot does not act on: edits, joins, channel posts, group chatter
        }

        using var scope = log.BeginScope(new Dictionary<string, object> { ["UpdateId"] = update.Id, ["ChatId"] = chatId, ["UserId"] = user.Id });
        UpdateContext? context = null;
        try
        {
            await using var services = scopes.CreateAsyncScope();
            var workers = services.ServiceProvider.GetRequiredService<WorkerStore>();
            var fallback = services.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.MicrotaskOptions>>().Value.DefaultLanguage;
            // A user who writes to the bot is reachable again, even if an earlier send found them blocked.
            var worker = await workers.FindAsync(user.Id, ct) is { Active: true } known
                ? known
                : await workers.EnsureAsync(user.Id, user.FirstName, Languages.FromTelegram(user.LanguageCode, fallback), ct);
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
                return;
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
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Handling {Command} failed", command.GetType().Name);
            await sender.TrySendAsync(chatId, WorkerMessages.Failure, ct);
        }
        finally
        {
            if (callback is not null)
            {
                await sender.AnswerCallbackAsync(callback.Id, context?.Toast, ct);
            }
        }
    }

    private static (Command? Command, User? User, long ChatId, CallbackQuery? Callback) Read(Update update) => update switch
    {
        { Message: { From: { } from, Chat: { } chat } message } when CommandParser.IsPrivate(chat) =>
            (CommandParser.FromMessage(message), from, chat.Id, null),
        { CallbackQuery: { From: { } from, Message: { Chat: { } chat } } query } when CommandParser.IsPrivate(chat) =>
            (CommandParser.FromCallback(query.Data), from, chat.Id, query),
        _ => (null, null, 0, null),
    };
}
