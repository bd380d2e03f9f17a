using System.Globalization;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>/ban &lt;user&gt; [duration] [reason]; the argument as typed.</summary>
internal sealed record BanWorker(string? Argument) : ITypedCommand<BanWorker>
{
    public static string Trigger => "/ban";

    public static Access Access => Access.Admin;

    public static BanWorker Parse(string? argument) => new(argument);
}

/// <summary>/suspend &lt;user&gt; &lt;project&gt; [duration] [reason]; the argument as typed.</summary>
internal sealed record SuspendWorker(string? Argument) : ITypedCommand<SuspendWorker>
{
    public static string Trigger => "/suspend";

    public static Access Access => Access.Admin;

    public static SuspendWorker Parse(string? argument) => new(argument);
}

/// <summary>
/// /ban &lt;user&gt; [duration] [reason] (the whole platform) and /suspend &lt;user&gt; &lt;project&gt; [duration] [reason]
/// (one project): the worker's live lease is released at once and they are told why, for how long, and about /appeal.
/// Published as <see cref="WorkerBanned"/>, so the slots of answers the results now leave out are offered again.
/// </summary>
internal sealed class BanWorkerHandler(
    Targets targets, BanStore bans, ProjectStore projects, AuditStore audit, Roles roles, BannedLeases leases, WorkerSettings settings, Sender sender, Events events,
    TimeProvider time) :
    IHandler<BanWorker>, IHandler<SuspendWorker>
{
    public async Task HandleAsync(BanWorker command, UpdateContext ctx, CancellationToken ct)
    {
        if (await TargetAsync(command.Argument, AdminMessages.BanUsage, ctx, ct) is not var (target, rest)
            || await TermAsync(rest, ctx, ct) is not { } term)
        {
            return;
        }

        await bans.BanAsync(target.Id, null, term.Until, term.Reason, ctx.Worker.Id, ct);
        await audit.WriteAsync(ctx.Worker.Id, "ban", target.Id, Detail(term), ct);
        await events.PublishAsync(new WorkerBanned(target.Id, null), ct);
        var returned = await leases.ReleaseAsync(target, null, ct);
        var theirs = await settings.ZoneAsync(target, ct);
        await leases.TellAsync(target, nameof(AdminMessages.WorkerBanned), c => [BanEnds.Until(term.Until, theirs, c), BanTerms.Reason(term.Reason, c)], ct);
        var culture = CultureInfo.CurrentCulture;
        var until = BanEnds.Until(term.Until, await settings.ZoneAsync(ctx.Worker, ct), culture);
        await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.Banned, Targets.Who(target), until) + Returned(returned), ct: ct);
    }

    public async Task HandleAsync(SuspendWorker command, UpdateContext ctx, CancellationToken ct)
    {
        if (await TargetAsync(command.Argument, AdminMessages.SuspendUsage, ctx, ct) is not var (target, rest)
            || await ProjectAsync(rest, AdminMessages.SuspendUsage, ctx, ct) is not var (project, words)
            || await TermAsync(words, ctx, ct) is not { } term)
        {
            return;
        }

        await bans.BanAsync(target.Id, project.Id, term.Until, term.Reason, ctx.Worker.Id, ct);
        await audit.WriteAsync(ctx.Worker.Id, "suspend", target.Id, $"#{project.Id.ToString(CultureInfo.InvariantCulture)} {Detail(term)}", ct);
        await events.PublishAsync(new WorkerBanned(target.Id, project.Id), ct);
        var returned = await leases.ReleaseAsync(target, project.Id, ct);
        var title = Quotes.Of(project.Title, Quotes.Reason);
        var theirs = await settings.ZoneAsync(target, ct);
        await leases.TellAsync(target, nameof(AdminMessages.WorkerSuspended), c => [title, BanEnds.Until(term.Until, theirs, c), BanTerms.Reason(term.Reason, c)], ct);
        var culture = CultureInfo.CurrentCulture;
        var until = BanEnds.Until(term.Until, await settings.ZoneAsync(ctx.Worker, ct), culture);
        await sender.SendAsync(ctx.ChatId, string.Format(culture, AdminMessages.Suspended, Targets.Who(target), project.Id, until) + Returned(returned), ct: ct);
    }

    /// <summary>The ban's term from the words after the user (and project); null, after telling the admin, for a length that is none.</summary>
    private async Task<BanTerm?> TermAsync(string words, UpdateContext ctx, CancellationToken ct)
    {
        if (BanTerms.Read(words, time.GetUtcNow()) is { } term)
        {
            return term;
        }

        await sender.SendAsync(ctx.ChatId, BanTerms.Refusal(words), ct: ct);
        return null;
    }

    private static string Returned(bool returned) => returned ? " " + AdminMessages.TaskReturned : "";

    /// <summary>The named user, unless it is an owner or the admin themself: nobody locks out the people who could undo it.</summary>
    private async Task<(Worker, string)?> TargetAsync(string? argument, string usage, UpdateContext ctx, CancellationToken ct)
    {
        if (await targets.FindAsync(argument, usage, ctx, ct) is not var (target, rest))
        {
            return null;
        }

        if (roles.IsOwner(target) || target.Id == ctx.Worker.Id)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, AdminMessages.CannotBan, Targets.Who(target)), ct: ct);
            return null;
        }

        return (target, rest);
    }

    /// <summary>The project named by the first word ("12" or "#12") and the words after it.</summary>
    internal static async Task<(Project, string)?> FindProjectAsync(ProjectStore projects, Sender sender, string words, string usage, UpdateContext ctx, CancellationToken ct)
    {
        var parts = words.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !long.TryParse(Digits.Ascii(parts[0]).TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await sender.SendAsync(ctx.ChatId, usage, ct: ct);
            return null;
        }

        if (await projects.FindAsync(id, ct) is not { } project)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, AdminMessages.ProjectUnknown, id), ct: ct);
            return null;
        }

        return (project, parts.Length > 1 ? parts[1].Trim() : "");
    }

    private Task<(Project, string)?> ProjectAsync(string words, string usage, UpdateContext ctx, CancellationToken ct) =>
        FindProjectAsync(projects, sender, words, usage, ctx, ct);

    private static string Detail(BanTerm term) => term.Reason.Length == 0 ? term.Length : $"{term.Length}: {term.Reason}";
}
