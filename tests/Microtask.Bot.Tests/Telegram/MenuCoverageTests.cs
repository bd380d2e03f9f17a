using Microtask.Bot.Admins;
using Microtask.Bot.Money;
using Microtask.Bot.Requesters;
using Microtask.Bot.Telegram;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Webhooks;
using Microtask.Bot.Workers;
using Microsoft.Extensions.DependencyInjection;

namespace Microtask.Bot.Tests.Telegram;

/// <summary>The chat menus list exactly the commands each role may type, as the command table knows them.</summary>
public sealed class MenuCoverageTests
{
    // /appeal is for banned workers only, told of it with their ban; /cancel ends a requester's /newproject.
    private static readonly string[] OffTheWorkerMenu = ["appeal", "cancel"];

    private static readonly CommandTable Table = Build();

    private static CommandTable Build()
    {
        var services = new ServiceCollection();
        services.AddWorkers().AddRequesters().AddMoney().AddAdmins().AddWebhooks();
        return services.BuildServiceProvider().GetRequiredService<CommandTable>();
    }

    [Theory]
    [InlineData("requester")]
    [InlineData("admin")]
    [InlineData("owner")]
    public void A_roles_menu_holds_every_command_of_that_role_and_nothing_unknown(string name)
    {
        var (role, menu) = name switch
        {
            "requester" => (Access.Requester, RoleMenus.RequesterCommands),
            "admin" => (Access.Admin, RoleMenus.AdminCommands),
            _ => (Access.Owner, RoleMenus.OwnerCommands),
        };
        var own = Table.Triggers.Where(t => Takes(t, a => a == role) && !Takes(t, IsEveryones)).Select(t => t[1..]);

        Assert.Empty(own.Except(menu));
        Assert.Empty(menu.Except(Table.Triggers.Select(t => t[1..])));
    }

    [Fact]
    public void The_workers_menu_holds_every_command_open_to_workers()
    {
        var open = Table.Triggers.Where(t => Takes(t, IsEveryones)).Select(t => t[1..]).Except(OffTheWorkerMenu);
        var menu = BotMenu.Commands("en").Select(c => c.Command).ToList();

        Assert.Empty(open.Except(menu));
        Assert.Empty(menu.Except(Table.Triggers.Select(t => t[1..])));
    }

    private static bool IsEveryones(Access access) => access is Access.Stranger or Access.BeforeConsent or Access.Worker;

    private static bool Takes(string trigger, Func<Access, bool> allowed) => Table.Typed(trigger, null, allowed).Command is not UnknownCommand;
}
