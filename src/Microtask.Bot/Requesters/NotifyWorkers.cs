using System.Globalization;
using System.Text.RegularExpressions;
using Hangfire;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/notify &lt;project&gt; [@pseudonym,pseudonym] &lt;text&gt;; the argument as typed.</summary>
internal sealed record NotifyWorkers(string? Argument) : ITypedCommand<NotifyWorkers>
{
    public static string Trigger => "/notify";

    public static Access Access => Access.Requester;

    public static NotifyWorkers Parse(string? argument) => new(argument);
}

/// <summary>
/// /notify: a requester writes to the workers who answered a project, or to some of them by pseudonym. The text goes out
/// as the requester's words, escaped and quoted under the project's title, by <see cref="NotifyWorkersJob"/>; a requester
/// sends at most Microtask:Notices:NotifyPerDay in their local day, and each is in the audit log.
/// </summary>
internal sealed partial class NotifyWorkersHandler(
    OwnedProject owned, ProjectPseudonyms pseudonyms, ProjectNoticeStore notices, AuditStore audit, WorkerSettings settings, Sender sender,
    IBackgroundJobClient jobs, TimeProvider time, IOptions<MicrotaskOptions> options) : IHandler<NotifyWorkers>
{
    // The project, then an optional "@a,b" list, then the text with its line breaks.
    [GeneratedRegex(@"^(\S+)(?:\s+(@\S*))?(?:\s+([\s\S]*))?$")]
    private static partial Regex Parts();

    public async Task HandleAsync(NotifyWorkers command, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var perDay = options.Value.Notices.NotifyPerDay;
        var usage = string.Format(culture, RequesterMessages.NotifyUsage, perDay);
        var parts = Parts().Match(command.Argument ?? "");
        if (await owned.ResolveAsync(ctx, parts.Success ? parts.Groups[1].Value : null, usage, ct) is not { } project)
        {
            return;
        }

        var text = parts.Groups[3].Value.Trim();
        var max = NotifyWorkersJob.MaxText(project);
        var refusal = text.Length == 0 ? string.Format(culture, RequesterMessages.NotifyEmpty, project.Id)
            : text.Length > max ? string.Format(culture, RequesterMessages.NotifyTooLong, text.Length, max)
            : null;
        if (refusal is not null)
        {
            await sender.SendAsync(ctx.ChatId, refusal, ct: ct);
            return;
        }

        var dayStart = LocalDay.StartOf(time.GetUtcNow(), await settings.ZoneAsync(ctx.Worker, ct));
        if (await notices.CountSinceAsync(ctx.Worker.Id, dayStart, ct) >= perDay)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.NotifyLimit, perDay), ct: ct);
            return;
        }

        var workers = await pseudonyms.OfAsync(project.Id, ct);
        List<long>? chosen = null;
        if (parts.Groups[2].Success)
        {
            var named = parts.Groups[2].Value.Split(',').Select(ProjectPseudonyms.Normalize).Where(p => p.Length > 0).Distinct().ToList();
            var unknown = named.Where(p => !workers.ContainsKey(p)).ToList();
            if (named.Count == 0 || unknown.Count > 0)
            {
                var shown = named.Count == 0 ? parts.Groups[2].Value : string.Join(", ", unknown);
                await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.NotifyUnknown, Quotes.Of(shown, Quotes.Reason), project.Id), ct: ct);
                return;
            }

            chosen = named.Select(p => workers[p]).ToList();
        }
        else if (workers.Count == 0)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.NotifyNobody, project.Id), ct: ct);
            return;
        }

        await SendAsync(ctx, project, text, chosen, dayStart, perDay, ct);
    }

    private async Task SendAsync(UpdateContext ctx, Project project, string text, List<long>? chosen, DateTimeOffset dayStart, int perDay, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        if (await notices.CreateAsync(project.Id, ctx.Worker.Id, ctx.ChatId, ctx.Worker.Language, text, chosen, dayStart, perDay, ct) is not { } id)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.NotifyLimit, perDay), ct: ct);
            return;
        }

        var notice = (await notices.FindAsync(id, ct))!;
        await audit.WriteAsync(
            ctx.Worker.Id, "notify", null, string.Create(CultureInfo.InvariantCulture, $"#{project.Id} → {notice.Total}: {TelegramLimits.FitPlain(text, Quotes.Reason)}"), ct);
        await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.NotifySending, project.Id, notice.Total), ct: ct);
        jobs.Enqueue<NotifyWorkersJob>(job => job.RunAsync(id));
    }
}
