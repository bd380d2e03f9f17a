namespace Microtask.Bot.Tests.Admins;

/// <summary>/broadcast: a preview to confirm, then every reachable worker through the bulk lane; blocked ones skipped and counted.</summary>
public abstract class BroadcastTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Admins:Owners:0"] = "100001" })
{
    [Fact]
    public async Task A_confirmed_broadcast_reaches_workers_and_counts_those_who_blocked_the_bot()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var workers = new List<Player>();
        for (var i = 0; i < 4; i++)
        {
            workers.Add(await Bot.WorkerAsync($"W{i}"));
        }

        Bot.Emulator.Faults.Block(workers[3].Id);
        var preview = await admin.SendAsync("/broadcast Libur <b>besok</b> &amp; lusa");
        Assert.Equal("📣 Preview — this goes to 5 workers:\n\nLibur besok & lusa", preview.PlainText);
        Assert.EndsWith("Libur <b>besok</b> &amp; lusa", preview.Text);
        Assert.DoesNotContain(workers[0].BotMessages(), m => m.PlainText.Contains("Libur"));

        await admin.PressAsync(preview, preview.Keyboard[0][0].CallbackData!);
        var done = await WaitAsync(admin, m => m.PlainText.StartsWith("✅ Broadcast done"));
        Assert.Equal("✅ Broadcast done: 4 sent, 1 skipped (blocked the bot) of 5.", done.PlainText);
        Assert.NotEqual(preview.MessageId, done.MessageId);
        var kept = admin.Message(preview.MessageId);
        Assert.Equal("📣 Broadcast confirmed — going to 5 workers:\n\nLibur besok & lusa", kept.PlainText);
        Assert.Empty(kept.Keyboard);
        Assert.All(workers.Take(3), w => Assert.Equal("Libur <b>besok</b> &amp; lusa", w.Last().Text));
        Assert.Equal(0, await Bot.ScalarAsync($"SELECT COUNT(*) FROM workers WHERE telegram_id = {workers[3].Id} AND active = TRUE"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM audit_log WHERE action = 'broadcast'"));

        await admin.ForgeAsync(preview.MessageId, preview.Keyboard.Count > 0 ? preview.Keyboard[0][0].CallbackData! : "b:0:1");
        Assert.Equal("Already decided.", admin.LastToast());
        Assert.Single(workers[0].BotMessages(), m => m.PlainText.Contains("Libur"));
    }

    [Fact]
    public async Task Stop_ends_a_running_broadcast_early_and_a_second_stop_is_refused()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var workers = new List<Player>();
        for (var i = 0; i < 12; i++)
        {
            workers.Add(await Bot.WorkerAsync($"W{i}"));
        }

        // Each Bot API call takes 300 ms: the fan-out takes seconds, time to press Stop.
        Bot.Emulator.Faults.Delay = TimeSpan.FromMilliseconds(300);
        var preview = await admin.SendAsync("/broadcast slow news");
        await admin.PressAsync(preview, preview.Keyboard[0][0].CallbackData!);
        var progress = await WaitAsync(admin, m => m.PlainText.StartsWith("📣 Broadcast: "));
        await admin.PressAsync(progress, progress.Keyboard[0][0].CallbackData!);
        Assert.Equal("Stopping…", admin.LastToast());
        var stopped = await WaitAsync(admin, m => m.PlainText.StartsWith('⏹'));
        var sent = await Bot.ScalarAsync("SELECT sent FROM broadcasts WHERE state = 'stopped'");
        Assert.True(sent < 13, $"{sent} sent");
        Assert.StartsWith($"⏹ Broadcast stopped: {sent} sent, 0 skipped of 13.", stopped.PlainText);
        Assert.Equal(sent, workers.Count(w => w.BotMessages().Any(m => m.PlainText == "slow news")) + (admin.BotMessages().Any(m => m.PlainText == "slow news") ? 1 : 0));

        await admin.ForgeAsync(progress.MessageId, progress.Keyboard[0][0].CallbackData!);
        Assert.Equal("Already decided.", admin.LastToast());
    }

    [Fact]
    public async Task A_cancelled_broadcast_sends_nothing()
    {
        var admin = await Bot.WorkerAsync("Owen");
        var worker = await Bot.WorkerAsync("Wati");
        var preview = await admin.SendAsync("/broadcast hello");
        await admin.PressAsync(preview, preview.Keyboard[0][1].CallbackData!);
        Assert.Equal("Broadcast cancelled; nothing was sent:\n\nhello", admin.Message(preview.MessageId).PlainText);
        Assert.DoesNotContain(worker.BotMessages(), m => m.PlainText == "hello");
        Assert.Equal("Usage: /broadcast <text>", (await admin.SendAsync("/broadcast")).PlainText);
    }

    [Fact]
    public async Task A_broadcast_Telegram_would_refuse_is_refused_with_the_place_and_nothing_is_kept()
    {
        var admin = await Bot.WorkerAsync("Owen");
        await Bot.WorkerAsync("Wati");

        Assert.Equal(
            "Telegram would refuse this text: <besok> is not a tag Telegram allows (b, i, u, s, code, pre, a, span, tg-spoiler, blockquote). Fix it and send /broadcast again; write &lt; for a plain “<”.",
            (await admin.SendAsync("/broadcast Libur <besok>")).PlainText);
        Assert.StartsWith("Telegram would refuse this text: <b> is never closed.", (await admin.SendAsync("/broadcast Libur <b>besok")).PlainText);
        Assert.StartsWith(
            "A broadcast can be at most 4,000 characters as workers read it; this one has 5,000.",
            (await admin.SendAsync("/broadcast " + new string('x', 5000))).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM broadcasts"));
    }

    private static async Task<Sandbox.ChatMessage> WaitAsync(Player player, Func<Sandbox.ChatMessage, bool> what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (player.BotMessages().FirstOrDefault(what) is { } m)
            {
                return m;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no such message");
    }
}

public sealed class EmbeddedBroadcastTests() : BroadcastTests("Embedded");

public sealed class PostgresBroadcastTests() : BroadcastTests("Postgres");
