using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Workers;
using Microtask.Bot.Telegram;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Benchmarks;

/// <summary>
/// <c>--nudge N</c>: the daily reminder to N workers. First with Telegram's rate lifted, against the emulator, which
/// measures what our own code costs per reminder (the due-workers pages, the day's counter rebuilt from the answers
/// table, the "is there a task" query, the once-a-day mark, the HTTP send); then the bulk lane of the Sender alone
/// at the default rate, which shows the rate is what a real run waits for.
/// </summary>
internal static class NudgeBench
{
    private const string Zone = "Asia/Jakarta";
    private const int MinuteOfDay = 8 * 60 + 30;

    public static async Task<int> RunAsync(int workers, BenchOptions options)
    {
        var backend = options.Backends.Contains("postgres") ? "postgres" : options.Backends[0];
        await using var bot = await BotUnderLoad.StartAsync(backend, options);
        await bot.CreateProjectAsync(1_000);

        var setup = Stopwatch.StartNew();
        await StartChatsAsync(bot, workers);
        await using (var c = await bot.Database.OpenAsync(CancellationToken.None))
        {
            await c.ExecuteAsync("UPDATE workers SET consented = TRUE, remind_at = @MinuteOfDay", new { MinuteOfDay });
        }

        Console.WriteLine($"[{backend}] {workers} workers started their chats and set a reminder in {setup.Elapsed.TotalSeconds:0.0} s");

        var (run, seconds) = await NudgeAsync(bot);
        var again = await NudgeAsync(bot);
        var perNudgeMs = seconds * 1000 / Math.Max(1, run.Sent);
        Console.WriteLine($"[{backend}] rate lifted: {run.Sent} reminders in {seconds:0.0} s = {run.Sent / seconds:0} reminders/s, {perNudgeMs:0.00} ms each; second run sent {again.Run.Sent} in {again.Seconds:0.0} s");

        var sample = 300;
        var laneSeconds = await BulkLaneAsync(sample);
        var rate = new SenderOptions().GlobalPerSecond;
        Console.WriteLine($"bulk lane at the default {rate} msg/s: {sample} sends in {laneSeconds:0.0} s = {sample / laneSeconds:0.0} msg/s (a full bucket of {rate} goes at once)");

        var atRate = 100_000.0 / rate;
        var ours = 100_000 * perNudgeMs / 1000;
        Console.WriteLine();
        Console.WriteLine("| reminders | our code, rate lifted | at the default 30 msg/s | share of the time that is ours |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {run.Sent:N0} measured | {seconds:0.0} s ({run.Sent / seconds:0}/s, {perNudgeMs:0.00} ms each) | {run.Sent / (double)rate / 60:0.0} min | {seconds / (run.Sent / (double)rate):P1} |");
        Console.WriteLine($"| 100,000 | {ours:0} s (extrapolated) | {atRate / 60:0.0} min | {ours / atRate:P1} |");
        return run.Sent == workers && again.Run.Sent == 0 ? 0 : 1;
    }

    /// <summary>Telegram lets a bot write only to users who wrote first: each user sends /start, and the bot handles it.</summary>
    private static async Task StartChatsAsync(BotUnderLoad bot, int workers)
    {
        long last = 0;
        for (var i = 0; i < workers; i++)
        {
            last = bot.Emulator.SendText(bot.Emulator.CreateUser($"w{i}", i % 2 == 0 ? "id" : "en").Id, "/start");
        }

        await bot.Emulator.WaitUntilConfirmedAsync(last, TimeSpan.FromMinutes(20));
        for (var i = 0; i < 600; i++)
        {
            await using var c = await bot.Database.OpenAsync(CancellationToken.None);
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM workers") >= workers)
            {
                return;
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException("the bot did not register every worker");
    }

    private static async Task<(NudgeRun Run, double Seconds)> NudgeAsync(BotUnderLoad bot)
    {
        await using var scope = bot.App.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<NudgeJob>();
        var clock = Stopwatch.StartNew();
        var run = await job.RunAsync(Zone, "08:30");
        return (run, clock.Elapsed.TotalSeconds);
    }

    /// <summary>N sends through the bulk lane at the default global rate (distinct chats, so only the global rate holds them).</summary>
    private static async Task<double> BulkLaneAsync(int sends)
    {
        using var limits = new SendLimits(Options.Create(new SenderOptions()));
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, sends), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (chat, ct) => await limits.WaitBulkAsync(chat, ct));
        return clock.Elapsed.TotalSeconds;
    }
}
