using System.Diagnostics;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Microtask.Sandbox.Tests;

public sealed class FaultInjectionTests : EmulatorTest
{
    [Fact]
    public async Task Injected_429_carries_retry_after_and_runs_out()
    {
        var user = StartedUser();
        Emulator.Faults.TooManyRequests(retryAfterSeconds: 7, count: 2);

        var first = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, "a"));
        var second = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, "b"));
        await Bot.SendMessage(user.Id, "c");

        Assert.Equal((429, "Too Many Requests: retry after 7", 7), (first.ErrorCode, first.Message, first.Parameters?.RetryAfter));
        Assert.Equal(429, second.ErrorCode);
        Assert.Equal(0, Emulator.Faults.PendingFaults);
        Assert.Equal(2, Emulator.Refused.Count(r => r.ErrorCode == 429 && r.Method == "sendMessage" && r.ChatId == user.Id));
    }

    [Fact]
    public async Task Faults_can_target_one_chat_and_one_method()
    {
        var ayu = StartedUser("Ayu");
        var budi = StartedUser("Budi");
        Emulator.Faults.TooManyRequests(3, chatId: budi.Id, method: "sendmessage");

        await Bot.SendMessage(ayu.Id, "fine");
        await Bot.GetMe();
        await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(budi.Id, "limited"));
        await Bot.SendMessage(budi.Id, "fine again");

        Assert.Single(Emulator.Refused);
    }

    [Fact]
    public async Task Blocked_user_gets_403_until_unblocked()
    {
        var user = StartedUser();
        Emulator.Faults.Block(user.Id);

        var send = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, "hello?"));
        var again = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, "hello??"));
        Emulator.Faults.Unblock(user.Id);
        await Bot.SendMessage(user.Id, "welcome back");

        Assert.Equal((403, "Forbidden: bot was blocked by the user"), (send.ErrorCode, send.Message));
        Assert.Equal(403, again.ErrorCode);
        Assert.Equal(2, Emulator.Refused.Count(r => r.ErrorCode == 403));
    }

    [Theory]
    [InlineData(500, "Internal Server Error")]
    [InlineData(502, "Bad Gateway")]
    public async Task Server_errors_are_answered_with_their_status(int status, string description)
    {
        var user = StartedUser();
        Emulator.Faults.ServerError(status);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, "x"));
        await Bot.SendMessage(user.Id, "x");

        Assert.Equal((status, description), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task Artificial_delay_slows_every_call()
    {
        Emulator.Faults.Delay = TimeSpan.FromMilliseconds(300);
        var clock = Stopwatch.StartNew();

        await Bot.GetMe();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Reset_clears_faults_and_blocks()
    {
        var user = StartedUser();
        Emulator.Faults.Block(user.Id);
        Emulator.Faults.ServerError(502, count: 5);
        Emulator.Faults.EnableRateLimits();

        Emulator.Faults.Reset();

        await Bot.SendMessage(user.Id, "ok");
        Assert.False(Emulator.Faults.RateLimitsEnabled);
        Assert.Empty(Emulator.Refused);
    }
}
