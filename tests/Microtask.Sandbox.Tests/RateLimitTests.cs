using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using System.Globalization;

namespace Microtask.Sandbox.Tests;

/// <summary>Telegram's send limits, on a fake clock so no test depends on the machine's speed.</summary>
public sealed class RateLimitTests : EmulatorTest
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-01-05T08:00:00Z", CultureInfo.InvariantCulture));

    protected override TimeProvider Time => this.clock;

    [Fact]
    public async Task Rate_limits_are_off_by_default()
    {
        var user = StartedUser();

        for (var i = 0; i < 10; i++) await Bot.SendMessage(user.Id, $"m{i}");

        Assert.Empty(Emulator.Refused);
    }

    [Fact]
    public async Task A_chat_gets_a_burst_of_3_then_1_per_second()
    {
        var user = StartedUser();
        Emulator.Faults.EnableRateLimits();

        for (var i = 0; i < 3; i++) await Bot.SendMessage(user.Id, $"burst {i}");
        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, "too fast"));
        this.clock.Advance(TimeSpan.FromSeconds(1));
        await Bot.SendMessage(user.Id, "after a second");

        Assert.Equal((429, 1), (refused.ErrorCode, refused.Parameters?.RetryAfter));
        Assert.Equal("Too Many Requests: retry after 1", refused.Message);
        Assert.Equal(1, Emulator.Refused.Count(r => r.ErrorCode == 429));
    }

    [Fact]
    public async Task More_than_the_global_rate_across_chats_is_refused()
    {
        Emulator.Faults.EnableRateLimits(globalPerSecond: 5);
        var users = Enumerable.Range(0, 6).Select(i => StartedUser($"U{i}")).ToArray();

        for (var i = 0; i < 5; i++) await Bot.SendMessage(users[i].Id, "hi");
        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(users[5].Id, "hi"));
        this.clock.Advance(TimeSpan.FromSeconds(1));
        await Bot.SendMessage(users[5].Id, "hi");

        Assert.Equal(429, refused.ErrorCode);
        Assert.True(refused.Parameters?.RetryAfter >= 1);
    }

    [Fact]
    public async Task Message_dates_follow_the_emulators_clock()
    {
        var user = StartedUser();

        var sent = await Bot.SendMessage(user.Id, "x");

        Assert.Equal(this.clock.GetUtcNow().UtcDateTime, sent.Date);
    }
}
