using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Measures the time projects' tasks take (the median of their latest answers), so that task messages show it without
/// a query; then tells the requester of a project whose measured pay an hour fell below the floor, once per project,
/// with the reward that would meet it a tap away. Safe to run twice: the notice is claimed before it is sent.
/// </summary>
public sealed class PayRateJob(
    PayStore pay, ProjectStore projects, ProjectCache cache, NoticeStore notices, WorkerStore workers, IServiceProvider services,
    IOptions<MicrotaskOptions> options, ILogger<PayRateJob> log)
{
    public async Task RunAsync()
    {
        var o = options.Value;
        foreach (var id in await pay.MeasureAsync())
        {
            cache.Forget(id);
            if (o.Pay.HourlyFloor == 0
                || await projects.FindAsync(id) is not { RequesterId: { } requesterId, State: ProjectState.Active or ProjectState.Paused } project
                || !PayRate.IsMeasured(project)
                || o.Pay.RewardNeeded(project.Reward, PayRate.SecondsPerTask(project)!.Value) is not { } needed
                || await workers.GetAsync(requesterId) is not { } requester
                || !await notices.ClaimAsync("pay-floor", id, "once"))
            {
                continue;
            }

            try
            {
                await TellAsync(requester, project, needed, o);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await notices.UnclaimAsync("pay-floor", id, "once");
                log.LogWarning("Pay floor notice for project {ProjectId} not sent: {Error}", id, e.Message);
            }
        }
    }

    private async Task TellAsync(Worker requester, Project project, long needed, MicrotaskOptions o)
    {
        var culture = Languages.Use(requester.Language);
        var seconds = PayRate.SecondsPerTask(project)!.Value;
        var hourly = PayRate.PerHour(project.Reward, seconds);
        var text = string.Format(
            culture,
            RequesterMessages.BelowFloorMeasured,
            project.Id,
            Quotes.Of(project.Title, Quotes.Word),
            Durations.Short(TimeSpan.FromSeconds(seconds)),
            project.Measured!.Value.Answers,
            o.Currency.Format(hourly, culture),
            o.Currency.Format(o.Pay.HourlyFloor, culture),
            o.Currency.Format(needed, culture));
        var button = Keyboards.Single(
            string.Format(culture, RequesterMessages.RaiseRewardButton, o.Currency.Format(needed, culture)),
            new RaiseRewardButton(project.Id, needed));
        await services.GetRequiredService<Sender>().SendBulkAsync(requester.TelegramId, text, button);
    }
}
