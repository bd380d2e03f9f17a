using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Telegram;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Telegram;

/// <summary>The Sender's two lanes: a fan-out takes the bot's rate only when no interactive reply is waiting for it.</summary>
public sealed class SendLimitsTests
{
    [Fact]
    public async Task An_interactive_send_goes_before_a_waiting_fan_out()
    {
        using var limits = new SendLimits(Options.Create(new SenderOptions { GlobalPerSecond = 10, PerChatPerSecond = 1, PerChatBurst = 1 }));
        using var stop = new CancellationTokenSource();
        var bulkDone = 0;
        var fanOut = Enumerable.Range(1, 60).Select(async chat =>
        {
            await limits.WaitBulkAsync(chat, stop.Token);
            Interlocked.Increment(ref bulkDone);
        }).ToList();

        // The bucket starts full: the fan-out takes its ten tokens at once, then waits for the next.
        for (var i = 0; i < 500 && Volatile.Read(ref bulkDone) < 10; i++)
        {
            await Task.Delay(10);
        }

        var before = Volatile.Read(ref bulkDone);
        await limits.WaitAsync(1_000_000, CancellationToken.None);
        var after = Volatile.Read(ref bulkDone);

        Assert.True(before >= 10);
        Assert.True(after - before <= 1, $"{after - before} fan-out sends went before the waiting reply");
        await stop.CancelAsync();
        await Task.WhenAll(fanOut.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }
}
