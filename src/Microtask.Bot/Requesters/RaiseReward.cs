using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/reward &lt;project&gt; &lt;amount&gt;; the argument as typed.</summary>
internal sealed record RaiseReward(string? Argument) : ITypedCommand<RaiseReward>
{
    public static string Trigger => "/reward";

    public static Access Access => Access.Requester;

    public static RaiseReward Parse(string? argument) => new(argument);
}

/// <summary>The one-tap raise under the pay-floor notice: the reward that meets the floor.</summary>
internal sealed record RaiseRewardButton(long ProjectId, long Reward) : IButtonCommand<RaiseRewardButton>
{
    public static string Prefix => "pw";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, ProjectId, Reward);

    public static RaiseRewardButton? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Id(0) is { } project && args.Id(1) is { } reward && reward <= Amounts.Max ? new(project, reward) : null;
}

/// <summary>
/// /reward and its button: the requester raises a project's reward for every answer from now on. Only up: workers took
/// its tasks for what they were shown. What an hour then pays is said with the new reward.
/// </summary>
internal sealed class RaiseRewardHandler(
    OwnedProject owned, PayStore pay, ProjectCache cache, AuditStore audit, Sender sender, IOptions<MicrotaskOptions> options) :
    IHandler<RaiseReward>, IHandler<RaiseRewardButton>
{
    public async Task HandleAsync(RaiseReward command, UpdateContext ctx, CancellationToken ct)
    {
        var usage = string.Format(CultureInfo.CurrentCulture, RequesterMessages.RewardUsage, options.Value.Currency.Symbol);
        var parts = (command.Argument ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (await owned.ResolveAsync(ctx, parts.FirstOrDefault(), usage, ct) is not { } project)
        {
            return;
        }

        if (parts.Length != 2 || Amounts.Parse(parts[1]) is not { } reward)
        {
            await sender.SendAsync(ctx.ChatId, usage, ct: ct);
            return;
        }

        await RaiseAsync(ctx, project, reward, ct);
    }

    public async Task HandleAsync(RaiseRewardButton command, UpdateContext ctx, CancellationToken ct)
    {
        if (await owned.ResolveAsync(ctx, command.ProjectId.ToString(CultureInfo.InvariantCulture), RequesterMessages.QuestionAnswered, ct) is { } project)
        {
            await RaiseAsync(ctx, project, command.Reward, ct);
        }
    }

    private async Task RaiseAsync(UpdateContext ctx, Project project, long reward, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var currency = options.Value.Currency;
        if (project.State == ProjectState.Closed || reward <= project.Reward || !await pay.RaiseRewardAsync(project.Id, ctx.Worker.Id, reward, ct))
        {
            // Read again in the refusal: a press of an old notice after a raise names the reward in force now.
            var key = project.State == ProjectState.Closed ? RequesterMessages.RewardClosed : RequesterMessages.RewardNotHigher;
            await sender.SendAsync(ctx.ChatId, string.Format(culture, key, project.Id, currency.Format(project.Reward, culture)), ct: ct);
            return;
        }

        cache.Forget(project.Id);
        await audit.WriteAsync(
            ctx.Worker.Id, "reward", null,
            string.Create(CultureInfo.InvariantCulture, $"#{project.Id} {currency.Format(project.Reward, CultureInfo.InvariantCulture)} → {currency.Format(reward, CultureInfo.InvariantCulture)}"),
            ct);
        var raised = project with { Reward = reward };
        var hourly = PayRate.PerHour(raised) is { } perHour
            ? " " + string.Format(culture, RequesterMessages.RewardRaisedHourly, currency.Format(perHour, culture))
            : "";
        await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.RewardRaised, project.Id, currency.Format(reward, culture)) + hourly, ct: ct);
    }
}
