using System.Resources;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Telegram;

internal static class BotMenuServices
{
    /// <summary>The menus at start, and each user's again when a role of theirs changes.</summary>
    public static IServiceCollection AddBotMenu(this IServiceCollection services) => services
        .AddHostedService<BotMenu>()
        .AddScoped<RoleMenus>()
        .AddScoped<IEventHandler<RoleChanged>>(sp => sp.GetRequiredService<RoleMenus>());
}

/// <summary>
/// Registers the command menu at start, in English (default) and Indonesian: the worker's commands for everyone, and
/// for each requester, admin and owner the bot knows a menu of their own chat (BotCommandScopeChat) with theirs too.
/// </summary>
internal sealed class BotMenu(ITelegramBotClient bot, IServiceScopeFactory scopes, IOptions<MicrotaskOptions> options, ILogger<BotMenu> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await bot.SetMyCommands(Commands("en"), cancellationToken: ct);
            await bot.SetMyCommands(Commands("id"), languageCode: "id", cancellationToken: ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The menu is a convenience; the bot works without it.
            log.LogWarning("Could not register the command menu: {Error}", e.Message);
            return;
        }

        // Role holders from the chat and the configuration: a new version's commands reach their menus too. Telegram keeps
        // a chat's menu, so one who never wrote to the bot yet (it knows no such chat) gets it at a later start or role change.
        await using var scope = scopes.CreateAsyncScope();
        var workers = scope.ServiceProvider.GetRequiredService<WorkerStore>();
        var menus = scope.ServiceProvider.GetRequiredService<RoleMenus>();
        var holders = (await workers.RoleHoldersAsync(ct)).ToDictionary(w => w.TelegramId);
        foreach (var id in options.Value.Requesters.Concat(options.Value.Admins.Owners).Where(id => !holders.ContainsKey(id)))
        {
            if (await workers.FindAsync(id, ct) is { Active: true } configured)
            {
                holders[id] = configured;
            }
        }

        foreach (var holder in holders.Values)
        {
            await menus.SetAsync(holder, ct);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>Every worker's menu.</summary>
    internal static BotCommand[] Commands(string language)
    {
        var culture = Languages.Culture(language);
        string Text(string key) => WorkerMessages.ResourceManager.GetString(key, culture)!;
        return
        [
            new() { Command = "task", Description = Text("CmdTask") },
            new() { Command = "projects", Description = Text("CmdProjects") },
            new() { Command = "pause", Description = Text("CmdPause") },
            new() { Command = "me", Description = Text("CmdMe") },
            new() { Command = "balance", Description = Text("CmdBalance") },
            new() { Command = "withdraw", Description = Text("CmdWithdraw") },
            new() { Command = "limit", Description = Text("CmdLimit") },
            new() { Command = "timezone", Description = Text("CmdTimeZone") },
            new() { Command = "remind", Description = Text("CmdRemind") },
            new() { Command = "language", Description = Text("CmdLanguage") },
            new() { Command = "help", Description = Text("CmdHelp") },
            new() { Command = "start", Description = Text("CmdStart") },
        ];
    }
}

/// <summary>
/// The menu of one user's own chat: the worker's commands, then each role's (a later role's description wins for a
/// command two share, such as a requester's /pause N). A user with no role has none of their own and sees every worker's.
/// </summary>
internal sealed class RoleMenus(ITelegramBotClient bot, WorkerStore workers, Roles roles, ILogger<RoleMenus> log) : IEventHandler<RoleChanged>
{
    private static readonly ResourceManager Texts = new("Microtask.Bot.Resources.MenuMessages", typeof(RoleMenus).Assembly);

    internal static readonly string[] RequesterCommands = ["newproject", "projects", "progress", "review", "results", "rules", "reward", "bonus", "notify", "token", "webhook", "pause", "resume", "close", "digest", "cancel"];
    internal static readonly string[] AdminCommands = ["reports", "unpause", "user", "ban", "suspend", "unban", "grant", "revoke", "topup", "payouts", "stats", "audit", "broadcast", "token"];
    internal static readonly string[] OwnerCommands = ["promote", "demote"];

    public async Task HandleAsync(RoleChanged e, CancellationToken ct)
    {
        if (await workers.GetAsync(e.WorkerId, ct) is { } changed)
        {
            await SetAsync(changed, ct);
        }
    }

    /// <summary>Sets (or, without a role, deletes) the user's chat menu in both languages; a refusal is logged, never thrown.</summary>
    public async Task SetAsync(Worker worker, CancellationToken ct)
    {
        var scope = BotCommandScope.Chat(worker.TelegramId);
        try
        {
            if (Commands(worker, "en") is { } english)
            {
                await bot.SetMyCommands(english, scope, cancellationToken: ct);
                await bot.SetMyCommands(Commands(worker, "id")!, scope, "id", ct);
            }
            else
            {
                await bot.DeleteMyCommands(scope, cancellationToken: ct);
                await bot.DeleteMyCommands(scope, "id", ct);
            }
        }
        catch (Exception e) when (e is RequestException or HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            log.LogWarning("Could not set the command menu of user {TelegramId}: {Error}", worker.TelegramId, e.Message);
        }
    }

    /// <summary>The user's menu in <paramref name="language"/>, or null for a user whose menu is every worker's.</summary>
    internal BotCommand[]? Commands(Worker worker, string language)
    {
        var own = (roles.IsRequester(worker) ? RequesterCommands : [])
            .Concat(roles.IsAdmin(worker) ? AdminCommands : [])
            .Concat(roles.IsOwner(worker) ? OwnerCommands : [])
            .ToList();
        if (own.Count == 0)
        {
            return null;
        }

        var culture = Languages.Culture(language);
        var menu = BotMenu.Commands(language).ToList();
        foreach (var command in own)
        {
            var item = new BotCommand { Command = command, Description = Texts.GetString(command, culture)! };
            var shared = menu.FindIndex(c => c.Command == command);
            if (shared >= 0)
            {
                menu[shared] = item;
            }
            else
            {
                menu.Add(item);
            }
        }

        return [.. menu];
    }
}
