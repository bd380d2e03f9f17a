using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microtask.Bot.Telegram;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// The command menu shows each user what they can do: everyone the worker's commands, and requesters, admins and
/// owners theirs too, in their own chat's menu (setMyCommands with a chat scope), in English and Indonesian; set at
/// start for the configured ones and whenever a role is granted or taken back. Read back through the real client.
/// </summary>
public abstract class RoleMenuTests(string backend) : IAsyncLifetime
{
    private const long FirstUser = 100001;
    private const long SecondUser = 100002;
    private BotHarness bot = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (bot is not null)
        {
            await bot.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_configured_requester_gets_the_requesters_commands_in_both_languages_at_start()
    {
        bot = await BotHarness.StartAsync(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = FirstUser.ToString() });
        await bot.WorkerAsync("Rini", "id");

        await RestartMenuAsync();

        var english = await MenuAsync(FirstUser);
        Assert.Contains("newproject", english.Select(c => c.Command));
        Assert.Contains("results", english.Select(c => c.Command));
        Assert.Contains("task", english.Select(c => c.Command)); // a requester may work too
        Assert.DoesNotContain("ban", english.Select(c => c.Command));
        Assert.Equal("Create a project step by step", english.Single(c => c.Command == "newproject").Description);
        Assert.Equal("Buat proyek langkah demi langkah", (await MenuAsync(FirstUser, "id")).Single(c => c.Command == "newproject").Description);
        // Everyone else keeps the worker's menu.
        Assert.DoesNotContain("newproject", bot.Emulator.Commands().Select(c => c.Command));
        Assert.Contains("task", bot.Emulator.Commands().Select(c => c.Command));
    }

    [Fact]
    public async Task An_owner_gets_every_admin_command_and_roles_granted_or_taken_back_change_the_users_menu()
    {
        bot = await BotHarness.StartAsync(backend, new Dictionary<string, string?> { ["Microtask:Admins:Owners:0"] = FirstUser.ToString() });
        var owner = await bot.WorkerAsync("Owen", "en");
        await bot.WorkerAsync("Wati", "id");

        await RestartMenuAsync();
        var owners = (await MenuAsync(FirstUser)).Select(c => c.Command).ToList();
        Assert.Superset(new HashSet<string> { "task", "reports", "ban", "suspend", "unban", "user", "grant", "revoke", "topup", "payouts", "stats", "audit", "broadcast", "promote", "demote" }, owners.ToHashSet());
        Assert.DoesNotContain("newproject", owners);

        await owner.SendAsync($"/grant {SecondUser}");
        var granted = await MenuAsync(SecondUser, "id");
        Assert.Contains("newproject", granted.Select(c => c.Command));
        Assert.Equal("Buat proyek langkah demi langkah", granted.Single(c => c.Command == "newproject").Description);
        Assert.Contains("newproject", (await MenuAsync(SecondUser)).Select(c => c.Command));

        await owner.SendAsync($"/revoke {SecondUser}");
        Assert.Empty(await MenuAsync(SecondUser)); // back to the menu every worker sees
        Assert.Empty(await MenuAsync(SecondUser, "id"));

        await owner.SendAsync($"/promote {SecondUser}");
        var admin = (await MenuAsync(SecondUser)).Select(c => c.Command).ToList();
        Assert.Contains("ban", admin);
        Assert.Contains("grant", admin);
        Assert.DoesNotContain("promote", admin); // an owner's
        Assert.DoesNotContain("newproject", admin);
    }

    /// <summary>What the bot's start-up does about menus, again, now that the users have written to the bot.</summary>
    private Task RestartMenuAsync() =>
        bot.App.Services.GetServices<IHostedService>().OfType<BotMenu>().Single().StartAsync(CancellationToken.None);

    private Task<BotCommand[]> MenuAsync(long chatId, string? language = null) =>
        bot.Get<ITelegramBotClient>().GetMyCommands(BotCommandScope.Chat(chatId), language);
}

public sealed class EmbeddedRoleMenuTests() : RoleMenuTests("Embedded");

public sealed class PostgresRoleMenuTests() : RoleMenuTests("Postgres");
