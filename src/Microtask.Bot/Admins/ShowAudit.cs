using System.Globalization;
using System.Text;
using Microtask.Bot.Shared;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/audit [user]; the argument as typed.</summary>
internal sealed record ShowAudit(string? Argument) : ITypedCommand<ShowAudit>
{
    public static string Trigger => "/audit";

    public static Access Access => Access.Admin;

    public static ShowAudit Parse(string? argument) => new(argument);
}

/// <summary>/audit [telegram id]: the latest 20 admin actions, all of them or those about one user, as many as one message holds.</summary>
internal sealed class ShowAuditHandler(Targets targets, AuditStore audit, WorkerSettings settings, Sender sender) : IHandler<ShowAudit>
{
    private const int Latest = 20;

    // The markup's length bounds what Telegram counts; what is left is for the line saying how many did not fit.
    private const int RoomForLines = TelegramLimits.Message - 100;

    public async Task HandleAsync(ShowAudit command, UpdateContext ctx, CancellationToken ct)
    {
        long? targetId = null;
        if (!string.IsNullOrWhiteSpace(command.Argument))
        {
            if (await targets.FindAsync(command.Argument, AdminMessages.AuditUsage, ctx, ct) is not var (target, _))
            {
                return;
            }

            targetId = target.Id;
        }

        var entries = await audit.LatestAsync(targetId, Latest, ct);
        if (entries.Count == 0)
        {
            await sender.SendAsync(ctx.ChatId, AdminMessages.AuditEmpty, ct: ct);
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        var zone = await settings.ZoneAsync(ctx.Worker, ct);
        var text = new StringBuilder(string.Format(culture, AdminMessages.AuditHeader, entries.Count));
        foreach (var (e, i) in entries.Select((e, i) => (e, i)))
        {
            var line = string.Format(
                culture,
                AdminMessages.AuditLine,
                LocalTimes.Of(e.At, zone, culture),
                Targets.Who(e.ActorName, e.ActorTelegramId),
                Quotes.Of(e.Action, Quotes.Word),
                Targets.Who(e.TargetName, e.TargetTelegramId),
                Quotes.Of(e.Detail, Quotes.Reason));
            if (text.Length + line.Length > RoomForLines)
            {
                text.Append('\n').Append(string.Format(culture, AdminMessages.AuditMore, entries.Count - i));
                break;
            }

            text.Append('\n').Append(line);
        }

        await sender.SendAsync(ctx.ChatId, text.ToString(), ct: ct);
    }
}
