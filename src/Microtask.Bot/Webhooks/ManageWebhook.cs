using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Webhooks;

/// <summary>/webhook N https://…, /webhook N, /webhook N off: where project N's events are posted; the words as typed.</summary>
internal sealed record ManageWebhook(string? Project, string? Value) : ITypedCommand<ManageWebhook>
{
    public static string Trigger => "/webhook";

    public static Access Access => Access.Requester;

    public static ManageWebhook Parse(string? argument)
    {
        var words = (argument ?? "").Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new(words.ElementAtOrDefault(0), words.ElementAtOrDefault(1));
    }
}

internal sealed class ManageWebhookHandler(
    ProjectStore projects, WebhookStore store, WebhookRegistry registry, Sender sender, IOptions<WebhookOptions> options) : IHandler<ManageWebhook>
{
    public async Task HandleAsync(ManageWebhook command, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        if (!long.TryParse(Digits.Ascii(command.Project ?? "").TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await sender.SendAsync(ctx.ChatId, WebhookMessages.Usage, ct: ct);
            return;
        }

        if (await projects.FindAsync(id, ct) is not { } project || project.RequesterId != ctx.Worker.Id)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.NoSuchProject, id), ct: ct);
            return;
        }

        var reply = command.Value switch
        {
            null => await ShowAsync(project, culture, ct),
            var off when off.Equals("off", StringComparison.OrdinalIgnoreCase) => await registry.RemoveAsync(project, ctx.Worker.Id, ct)
                ? string.Format(culture, WebhookMessages.Removed, project.Id)
                : string.Format(culture, WebhookMessages.NotSet, project.Id),
            var url => await SetAsync(project, url, ctx, culture, ct),
        };
        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }

    private async Task<string> SetAsync(Project project, string url, UpdateContext ctx, CultureInfo culture, CancellationToken ct)
    {
        var (check, set) = await registry.SetAsync(project, ctx.Worker.Id, url, ct);
        if (set is null)
        {
            var host = TaskTemplate.Escape(TelegramLimits.FitPlain(check.Host, 100));
            return check.Refusal switch
            {
                UrlRefusal.NotHttps => WebhookMessages.NotHttps,
                UrlRefusal.PrivateAddress => string.Format(culture, WebhookMessages.PrivateAddress, host),
                UrlRefusal.Unresolved => string.Format(culture, WebhookMessages.Unresolved, host),
                _ => WebhookMessages.BadUrl,
            };
        }

        var text = string.Format(culture, WebhookMessages.Set, project.Id, Shown(set.Url), set.Secret);
        return set.Replaced ? text + "\n\n" + WebhookMessages.Replaced : text;
    }

    private async Task<string> ShowAsync(Project project, CultureInfo culture, CancellationToken ct)
    {
        if (await store.FindAsync(project.Id, ct) is not { } hook)
        {
            return string.Format(culture, WebhookMessages.NotSet, project.Id);
        }

        var lines = new List<string>
        {
            string.Format(
                culture, WebhookMessages.Show, project.Id, Shown(hook.Url), hook.CreatedAt.UtcDateTime, hook.Pending,
                hook.LastDeliveredAt is { } at ? at.UtcDateTime.ToString("g", culture) + " UTC" : WebhookMessages.Never),
        };
        if (hook is { LastError: { } error, LastErrorAt: { } failedAt })
        {
            var described = TaskTemplate.Escape(WebhookErrors.Describe(error, culture, options.Value.TimeoutSeconds));
            lines.Add(hook.Failures > 0
                ? string.Format(culture, WebhookMessages.ShowFailing, hook.Failures, failedAt.UtcDateTime, described)
                : string.Format(culture, WebhookMessages.ShowLastError, failedAt.UtcDateTime, described));
        }

        if (hook.GivenUp > 0)
        {
            lines.Add(string.Format(culture, WebhookMessages.ShowGivenUp, hook.GivenUp));
        }

        return string.Join("\n", lines);
    }

    private static string Shown(string url) => TaskTemplate.Escape(TelegramLimits.FitPlain(url, 200));
}
