using global::Telegram.Bot;
using global::Telegram.Bot.Types;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;

namespace Microtask.Bot.Telegram;

/// <summary>Registers the command menu with Telegram at start, in English (default) and Indonesian.</summary>
internal sealed class BotMenu(ITelegramBotClient bot, ILogger<BotMenu> log) : IHostedService
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
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    internal static BotCommand[] Commands(string language)
    {
        var culture = Languages.Culture(language);
        string Text(string key) => WorkerMessages.ResourceManager.GetString(key, culture)!;
        return
        [
            new() { Command = "task", Description = Text("CmdTask") },
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
