using Microtask.Core;

namespace Microtask.Bot.Tests.Telegram;

/// <summary>Start-up registrations and a graceful stop.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task The_command_menu_is_registered_in_both_languages()
    {
        await using var bot = await BotHarness.StartAsync("Embedded");
        await bot.WorkerAsync("Menu");

        Assert.Contains(bot.Emulator.Commands(), c => c.Command == "task" && c.Description == "Get a task");
        Assert.Contains(bot.Emulator.Commands("id"), c => c.Command == "task" && c.Description == "Ambil tugas");
    }

    [Fact]
    public async Task Stopping_the_bot_finishes_the_update_in_flight_and_confirms_it()
    {
        var bot = await BotHarness.StartAsync("Embedded");
        try
        {
            await bot.ProjectAsync(AnswerKind.YesNo, tasks: 1);
            var player = await bot.WorkerAsync("Late");
            // Every Bot API call now takes a while, so the stop below lands while /task is being handled.
            bot.Emulator.Faults.Delay = TimeSpan.FromMilliseconds(700);
            var sent = bot.Emulator.RequestCount("sendMessage");
            var update = bot.Emulator.SendText(player.Id, "/task");
            // Wait until the handler's sendMessage has reached the (slow) API: the update is then in flight.
            for (var i = 0; i < 200 && bot.Emulator.RequestCount("sendMessage") == sent; i++)
            {
                await Task.Delay(25);
            }

            await bot.App.StopAsync();

            await bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(1));
            Assert.Contains("YesNo project", player.Last().PlainText);
        }
        finally
        {
            bot.Emulator.Faults.Delay = TimeSpan.Zero;
            await bot.DisposeAsync();
        }
    }
}
