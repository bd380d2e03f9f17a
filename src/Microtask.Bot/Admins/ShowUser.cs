using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/user &lt;user&gt;; the argument as typed.</summary>
internal sealed record ShowUser(string? Argument) : ITypedCommand<ShowUser>
{
    public static string Trigger => "/user";

    public static Access Access => Access.Admin;

    public static ShowUser Parse(string? argument) => new(argument);
}

/// <summary>/user &lt;telegram id&gt;: a worker's profile for admins: roles, answers, gold accuracy, reports raised, bans, balance.</summary>
internal sealed class ShowUserHandler(
    Targets targets, WorkerStore workers, ReportStore reports, BanStore bans, QualityStore quality, Roles roles, WorkerSettings settings, Sender sender,
    TimeProvider time, IOptions<MicrotaskOptions> options) :
    IHandler<ShowUser>
{
    public async Task HandleAsync(ShowUser command, UpdateContext ctx, CancellationToken ct)
    {
        if (await targets.FindAsync(command.Argument, AdminMessages.UserUsage, ctx, ct) is not var (target, _)
            || await workers.StatsAsync(target.TelegramId, time.GetUtcNow() - TimeSpan.FromDays(1), ct) is not { } stats)
        {
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        var w = stats.Worker;
        var accuracy = w.GoldTotal == 0 ? "—" : w.Accuracy.ToString("P0", culture);
        var text = new StringBuilder(string.Format(
            culture,
            AdminMessages.UserProfile,
            Targets.Who(w),
            w.Language,
            RoleNames(w),
            w.Active ? "" : AdminMessages.UserBlockedBot,
            stats.AnsweredTotal,
            stats.AnsweredToday,
            accuracy,
            w.GoldCorrect,
            w.GoldTotal,
            await reports.RaisedByAsync(w.Id, ct),
            options.Value.Currency.Format(w.Balance, culture)));
        var records = await quality.ForWorkerAsync(w.Id, 5, ct);
        if (records.Count > 0)
        {
            text.Append('\n').Append(QualityMessages.UserQuality);
            foreach (var (projectId, r) in records)
            {
                text.Append('\n').Append(string.Format(
                    culture, QualityMessages.UserQualityLine, projectId, r.GoldCorrect, r.GoldTotal,
                    r.GoldTotal == 0 ? "—" : QualityTexts.Percent(r.Accuracy), r.FastFlags, r.Qualified ? QualityMessages.UserQualified : ""));
            }
        }

        var list = await bans.ForWorkerAsync(w.Id, 5, ct);
        text.Append('\n').Append(list.Count == 0 ? AdminMessages.UserNoBans : AdminMessages.UserBans);
        var now = time.GetUtcNow();
        var zone = await settings.ZoneAsync(ctx.Worker, ct);
        foreach (var ban in list)
        {
            text.Append('\n').Append(BanTerms.Line(ban, zone, culture)).Append(' ').Append(ban.Until > now ? AdminMessages.BanInForce : AdminMessages.BanEnded);
        }

        await sender.SendAsync(ctx.ChatId, text.ToString(), ct: ct);
    }

    private string RoleNames(Worker w)
    {
        var names = new List<string>();
        if (roles.IsOwner(w))
        {
            names.Add("owner");
        }

        if (w.Roles.Contains(Roles.Admin))
        {
            names.Add(Roles.Admin);
        }

        if (roles.IsRequester(w))
        {
            names.Add(Roles.Requester);
        }

        return names.Count == 0 ? "worker" : string.Join(", ", names);
    }
}
