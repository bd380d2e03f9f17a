using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/appeal &lt;text&gt;; the argument as typed.</summary>
internal sealed record AppealBan(string? Argument) : ITypedCommand<AppealBan>
{
    public static string Trigger => "/appeal";

    public static Access Access => Access.Worker;

    public static bool WhileBanned => true;

    public static AppealBan Parse(string? argument) => new(argument);
}

/// <summary>/appeal &lt;text&gt;: a worker's word against a ban or suspension, into the admins' review queue (one open at a time); the admins are told.</summary>
internal sealed class AppealBanHandler(ReportStore reports, Sender sender, AdminAlerts alerts) : IHandler<AppealBan>
{
    private const int MaxLength = 2000;

    public async Task HandleAsync(AppealBan command, UpdateContext ctx, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.Argument))
        {
            await sender.SendAsync(ctx.ChatId, AdminMessages.AppealUsage, ct: ct);
            return;
        }

        var text = command.Argument.Length > MaxLength ? command.Argument[..MaxLength] : command.Argument;
        var id = await reports.AppealAsync(ctx.Worker.Id, text, ct);
        await sender.SendAsync(ctx.ChatId, id is null ? AdminMessages.AppealWaiting : AdminMessages.AppealSent, ct: ct);
        if (id is not null)
        {
            alerts.Appeal(ctx.Worker);
        }
    }
}
