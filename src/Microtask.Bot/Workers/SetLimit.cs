using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>/limit N | off, or /limit alone; the argument as typed.</summary>
internal sealed record SetLimit(string? Argument) : ITypedCommand<SetLimit>
{
    public static string Trigger => "/limit";

    public static Access Access => Access.Worker;

    public static SetLimit Parse(string? argument) => new(argument);
}

/// <summary>/limit N (1–1000) or /limit off: the worker's own daily limit; /limit alone shows it with today's count.</summary>
internal sealed class SetLimitHandler(WorkerStore workers, DailyLimits limits, WorkerSettings settings, Sender sender) : IHandler<SetLimit>
{
    public const int Max = 1000;

    public async Task HandleAsync(SetLimit command, UpdateContext ctx, CancellationToken ct)
    {
        var argument = command.Argument?.Trim().ToLowerInvariant();
        string reply;
        if (argument is null)
        {
            reply = LimitMessages.LimitHowTo;
        }
        else if (argument is "off" or "none" or "mati")
        {
            await workers.SetDailyLimitAsync(ctx.Worker.Id, null, ct);
            reply = string.Format(CultureInfo.CurrentCulture, LimitMessages.LimitOff, limits.PlatformCap);
        }
        else if (int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= Max)
        {
            await workers.SetDailyLimitAsync(ctx.Worker.Id, n, ct);
            reply = n > limits.PlatformCap
                ? string.Format(CultureInfo.CurrentCulture, LimitMessages.LimitAbovePlatform, n, limits.PlatformCap)
                : string.Format(CultureInfo.CurrentCulture, LimitMessages.LimitSet, n);
        }
        else
        {
            await sender.SendAsync(ctx.ChatId, LimitMessages.LimitHint, ct: ct);
            return;
        }

        settings.Forget();
        var quota = await limits.TodayAsync(ctx.Worker, ct);
        var today = string.Format(CultureInfo.CurrentCulture, LimitMessages.LimitToday, quota.Done, quota.Limit, DailyLimits.SourceText(quota.Source));
        await sender.SendAsync(ctx.ChatId, argument is null ? today + "\n" + reply : reply + "\n" + today, ct: ct);
    }
}
