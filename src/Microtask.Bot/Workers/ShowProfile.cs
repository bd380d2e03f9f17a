using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>/me: today's count (the worker's local day), accuracy on check tasks, and balance.</summary>
internal sealed class ShowProfile(WorkerStore workers, Sender sender, IOptions<MicrotaskOptions> options, TimeProvider time) : IHandler<MeCommand>
{
    public async Task HandleAsync(MeCommand command, UpdateContext ctx, CancellationToken ct)
    {
        var o = options.Value;
        var stats = await workers.StatsAsync(ctx.Worker.TelegramId, LocalDay.StartOf(time.GetUtcNow(), o.TimeZone), ct);
        if (stats is null)
        {
            return;
        }

        var culture = CultureInfo.CurrentUICulture;
        var accuracy = stats.Worker.GoldTotal == 0 ? "—" : stats.Worker.Accuracy.ToString("P0", culture);
        var balance = o.Currency.Format(stats.Worker.Balance, culture);
        await sender.SendAsync(ctx.ChatId, string.Format(culture, WorkerMessages.Profile, stats.AnsweredToday, stats.AnsweredTotal, accuracy, balance), ct: ct);
    }
}
