using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/reports; any words after it are ignored.</summary>
internal sealed record ShowReports : ITypedCommand<ShowReports>
{
    public static string Trigger => "/reports";

    public static Access Access => Access.Admin;

    public static ShowReports Parse(string? argument) => new();
}

/// <summary>A decision's button on a report's or appeal's card, by the item's id.</summary>
internal sealed record DecideReview(ReviewAction Action, long ItemId) : IButtonCommand<DecideReview>
{
    public static string Prefix => "q";

    public static Access Access => Access.Admin;

    public string Data => Callback.Data(Prefix, (int)Action, ItemId);

    public static DecideReview? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Small(0) is { } action && Enum.IsDefined((ReviewAction)action) && args.Id(1) is { } id ? new((ReviewAction)action, id) : null;
}

/// <summary>The oldest open report or appeal, one at a time, with a button per decision; deciding shows the next.</summary>
internal sealed class ReviewQueue(
    ReportStore reports, WorkerStore workers, ProjectStore projects, BanStore bans, Roles roles, ReviewDecisions decisions, WorkerSettings settings, Sender sender,
    Microsoft.Extensions.Options.IOptions<Shared.MicrotaskOptions> options) :
    IHandler<ShowReports>, IHandler<DecideReview>
{
    public Task HandleAsync(ShowReports command, UpdateContext ctx, CancellationToken ct) => ShowOldestAsync(ctx, ct);

    public async Task HandleAsync(DecideReview command, UpdateContext ctx, CancellationToken ct)
    {
        var isAppeal = command.Action is ReviewAction.LiftBan or ReviewAction.KeepBan;
        if (await reports.FindOpenAsync(isAppeal, command.ItemId, ct) is not { } item
            || await CardAsync(item, ctx, ct) is not var (text, _, requester)
            || (command.Action == ReviewAction.BanRequester && requester is null)
            || !await reports.ResolveAsync(isAppeal, item.Id, command.Action.ToString(), ct))
        {
            ctx.Toast = AdminMessages.ReviewGone; // decided already, or a forged button
            return;
        }

        var outcome = await decisions.ApplyAsync(command.Action, item, requester, ctx, ct);
        if (ctx.MessageId is { } messageId)
        {
            await sender.EditAsync(ctx.ChatId, messageId, text + "\n\n" + outcome, ct: ct);
        }

        await ShowOldestAsync(ctx, ct);
    }

    private async Task ShowOldestAsync(UpdateContext ctx, CancellationToken ct)
    {
        if (await reports.OldestOpenAsync(ct) is not { } item || await CardAsync(item, ctx, ct) is not var (text, keyboard, _))
        {
            await sender.SendAsync(ctx.ChatId, AdminMessages.ReviewEmpty, ct: ct);
            return;
        }

        await sender.SendAsync(ctx.ChatId, text, keyboard, ct);
    }

    /// <summary>What the admin sees of an item, its buttons, and the requester a report is about (who may be banned).</summary>
    private async Task<(string, InlineKeyboardMarkup, Worker?)?> CardAsync(ReviewItem item, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var who = await workers.GetAsync(item.WorkerId, ct) is { } w ? Targets.Who(w) : "—";
        var at = LocalTimes.Of(item.At, await settings.ZoneAsync(ctx.Worker, ct), culture);
        if (item.IsAppeal)
        {
            var against = await AgainstAsync(item.WorkerId, ctx, ct);
            var text = string.Format(culture, AdminMessages.AppealCard, item.Id, who, at, against, Quotes.Of(item.Text, Quotes.Passage));
            return (text, Buttons(item.Id, (ReviewAction.LiftBan, AdminMessages.ReviewLift), (ReviewAction.KeepBan, AdminMessages.ReviewKeep)), null);
        }

        if (item.ProjectId is not { } projectId || await projects.FindAsync(projectId, ct) is not { } project)
        {
            return null;
        }

        var requester = project.RequesterId is { } rid && await workers.GetAsync(rid, ct) is { } r && !roles.IsOwner(r) ? r : null;
        var card = string.Format(
            culture,
            AdminMessages.ReportCard,
            item.Id,
            Quotes.Of(item.Text, Quotes.Reason),
            who,
            at,
            project.Id,
            Quotes.Of(project.Title, Quotes.Reason),
            requester is null ? "—" : Targets.Who(requester),
            item.TaskId,
            TelegramLimits.FitHtml(TaskMessage.Text(project, item.Fields, options.Value.Currency), Quotes.Passage));
        var buttons = new List<(ReviewAction, string)>
        {
            (ReviewAction.Dismiss, AdminMessages.ReviewDismiss),
            (ReviewAction.RemoveTask, AdminMessages.ReviewRemoveTask),
            (ReviewAction.PauseProject, AdminMessages.ReviewPauseProject),
        };
        if (requester is not null)
        {
            buttons.Add((ReviewAction.BanRequester, AdminMessages.ReviewBanRequester));
        }

        return (card, Buttons(item.Id, [.. buttons]), requester);
    }

    /// <summary>What an appeal is against, as it stands now: the appellant's bans in force and the projects an admin holds paused.</summary>
    private async Task<string> AgainstAsync(long appellantId, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var zone = await settings.ZoneAsync(ctx.Worker, ct);
        var lines = (await bans.InForceAsync(appellantId, ct)).Select(b => BanTerms.Line(b, zone, culture))
            .Concat((await reports.HeldAsync(appellantId, ct)).Select(p => string.Format(culture, AdminMessages.AppealHeldLine, p.Id, Quotes.Of(p.Title, Quotes.Reason))))
            .ToList();
        return lines.Count == 0 ? AdminMessages.AppealAgainstNothing : AdminMessages.AppealAgainst + "\n" + string.Join("\n", lines);
    }

    private static InlineKeyboardMarkup Buttons(long id, params (ReviewAction Action, string Label)[] buttons) =>
        new(buttons.Chunk(2).Select(row => row.Select(b => Keyboards.Button(b.Label, new DecideReview(b.Action, id)))));
}
