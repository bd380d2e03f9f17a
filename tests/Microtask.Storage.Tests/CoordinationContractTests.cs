using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microtask.Storage.Coordination;
using Microtask.Testing;
using StackExchange.Redis;

namespace Microtask.Storage.Tests;

/// <summary>Leases, the update log, daily counters and project answer counters behave the same in Redis and in-process.</summary>
public abstract class CoordinationContractTests : IAsyncLifetime
{
    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected ILeaseStore Leases { get; set; } = null!;

    protected IUpdateLog Updates { get; set; } = null!;

    protected IDailyCounters Counters { get; set; } = null!;

    protected IProjectAnswerCounters ProjectAnswers { get; set; } = null!;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_lease_is_found_until_removed_and_only_its_own_assignment_removes_it()
    {
        await Leases.PutAsync(7, 100, Time.GetUtcNow().AddMinutes(5));
        Assert.Equal(100, await Leases.GetAsync(7));
        Assert.Null(await Leases.GetAsync(8));

        await Leases.RemoveAsync(7, 99);
        Assert.Equal(100, await Leases.GetAsync(7));
        await Leases.RemoveAsync(7, 100);
        Assert.Null(await Leases.GetAsync(7));
    }

    [Fact]
    public async Task A_lease_already_past_its_expiry_is_not_found()
    {
        await Leases.PutAsync(9, 200, Time.GetUtcNow().AddSeconds(-1));

        Assert.Null(await Leases.GetAsync(9));
    }

    [Fact]
    public async Task An_update_is_remembered_once_marked()
    {
        Assert.False(await Updates.WasHandledAsync(41));
        await Updates.MarkHandledAsync(41);
        await Updates.MarkHandledAsync(41);

        Assert.True(await Updates.WasHandledAsync(41));
        Assert.False(await Updates.WasHandledAsync(42));
    }

    [Fact]
    public async Task A_missing_daily_counter_stays_missing_until_rebuilt_then_counts_on()
    {
        var day = new DateOnly(2026, 11, 27);
        Assert.Null(await Counters.GetAsync(5, day));

        // A lost counter must not restart at 1: the day's earlier answers would be forgotten.
        Assert.Null(await Counters.IncrementAsync(5, day));
        Assert.Null(await Counters.GetAsync(5, day));

        Assert.Equal(3, await Counters.RebuildAsync(5, day, 3));
        Assert.Equal(4, await Counters.IncrementAsync(5, day)); // the count after it, so the caller need not read it back
        Assert.Equal(4, await Counters.GetAsync(5, day));
        Assert.Equal(4, await Counters.RebuildAsync(5, day, 1)); // a counter already there wins over a late rebuild

        Assert.Null(await Counters.GetAsync(5, day.AddDays(1)));
        Assert.Null(await Counters.GetAsync(6, day));
    }

    [Fact]
    public async Task A_project_answer_counter_starts_at_one_counts_per_worker_and_project_and_starts_again_when_reset()
    {
        Assert.Equal(1, await ProjectAnswers.IncrementAsync(5, 10));
        Assert.Equal(2, await ProjectAnswers.IncrementAsync(5, 10));
        Assert.Equal(1, await ProjectAnswers.IncrementAsync(5, 11));
        Assert.Equal(1, await ProjectAnswers.IncrementAsync(6, 10));

        await ProjectAnswers.ResetAsync(5, 10);
        await ProjectAnswers.ResetAsync(7, 10); // none there: nothing to do
        Assert.Equal(1, await ProjectAnswers.IncrementAsync(5, 10));
        Assert.Equal(2, await ProjectAnswers.IncrementAsync(5, 11));
    }
}

public sealed class InProcessCoordinationTests : CoordinationContractTests
{
    public InProcessCoordinationTests()
    {
        Leases = new InProcessLeaseStore(Time);
        Updates = new InProcessUpdateLog();
        Counters = new InProcessDailyCounters(Time);
        ProjectAnswers = new InProcessProjectAnswerCounters(Time);
    }

    [Fact]
    public async Task A_project_answer_counter_lives_30_days_from_its_first_answer()
    {
        await ProjectAnswers.IncrementAsync(5, 10);
        Time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(2, await ProjectAnswers.IncrementAsync(5, 10));
        Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await ProjectAnswers.IncrementAsync(5, 10));
    }
}

public sealed class RedisCoordinationTests : CoordinationContractTests
{
    private ConnectionMultiplexer? redis;
    private RedisKeys? keys;

    public override async Task InitializeAsync()
    {
        redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var keys = new RedisKeys($"test:{Guid.NewGuid():N}:");
        Leases = new RedisLeaseStore(redis, keys, Time, NullLogger<RedisLeaseStore>.Instance);
        Updates = new RedisUpdateLog(redis, keys, NullLogger<RedisUpdateLog>.Instance);
        Counters = new RedisDailyCounters(redis, keys, NullLogger<RedisDailyCounters>.Instance);
        ProjectAnswers = new RedisProjectAnswerCounters(redis, keys, NullLogger<RedisProjectAnswerCounters>.Instance);
        this.keys = keys;
    }

    [Fact]
    public async Task An_api_tokens_requests_are_counted_by_every_instance_together_a_minute_at_a_time()
    {
        var one = new RedisCoordination(redis!, keys!, NullLogger<RedisCoordination>.Instance);
        var two = new RedisCoordination(redis!, keys!, NullLogger<RedisCoordination>.Instance);
        var now = new DateTimeOffset(2026, 12, 8, 1, 30, 15, TimeSpan.Zero);

        Assert.Equal(TimeSpan.Zero, await one.TakeAsync(7, 3, now));
        Assert.Equal(TimeSpan.Zero, await two.TakeAsync(7, 3, now));
        Assert.Equal(TimeSpan.Zero, await one.TakeAsync(7, 3, now.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(35), await two.TakeAsync(7, 3, now.AddSeconds(10)));
        Assert.Equal(TimeSpan.Zero, await two.TakeAsync(8, 3, now)); // another token has its own count
        Assert.Equal(TimeSpan.Zero, await one.TakeAsync(7, 3, now.AddSeconds(45))); // the next minute starts afresh
        Assert.Null(await new InProcessCoordination().TakeAsync(7, 3, now)); // alone: the instance's own limiter decides
    }

    [Fact]
    public async Task A_project_answer_counter_lives_30_days_from_its_first_answer()
    {
        await ProjectAnswers.IncrementAsync(5, 10);
        var first = await redis!.GetDatabase().KeyTimeToLiveAsync(keys!.ProjectAnswers(5, 10));
        Assert.InRange(first!.Value, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));

        // Later answers leave the time it has left as it was: 30 days from the first, not from the latest.
        await redis.GetDatabase().KeyExpireAsync(keys.ProjectAnswers(5, 10), TimeSpan.FromDays(2));
        Assert.Equal(2, await ProjectAnswers.IncrementAsync(5, 10));
        Assert.InRange((await redis.GetDatabase().KeyTimeToLiveAsync(keys.ProjectAnswers(5, 10)))!.Value, TimeSpan.FromDays(1), TimeSpan.FromDays(2));
    }

    public override async Task DisposeAsync()
    {
        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }
}

/// <summary>The chat lock that orders one chat's updates across instances in webhook mode.</summary>
public sealed class RedisChatLockTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);
    private ConnectionMultiplexer redis = null!;
    private RedisCoordination gate = null!;
    private RedisUpdateLog updates = null!;
    private RedisKeys keys = null!;

    public async Task InitializeAsync()
    {
        var config = ConfigurationOptions.Parse(TestServers.Redis);
        config.AllowAdmin = true; // CLIENT LIST, to watch another instance's connection
        redis = await ConnectionMultiplexer.ConnectAsync(config);
        keys = new RedisKeys($"test:{Guid.NewGuid():N}:");
        gate = new RedisCoordination(redis, keys, NullLogger<RedisCoordination>.Instance) { LockTtl = Ttl };
        updates = new RedisUpdateLog(redis, keys, NullLogger<RedisUpdateLog>.Instance);
    }

    public async Task DisposeAsync() => await redis.DisposeAsync();

    [Fact]
    public async Task A_held_lock_is_renewed_past_its_time_to_live_and_free_as_soon_as_let_go()
    {
        // Warmed up first: a first-call stall (JIT, the script's load) longer than the short TTL would test nothing.
        await (await gate.EnterAsync(41, 1, CancellationToken.None)).Exit.DisposeAsync();
        var held = await gate.EnterAsync(42, 2, CancellationToken.None);

        // Well past the lock's time to live, another instance still waits for the chat.
        using (var patience = new CancellationTokenSource(Ttl * 2.5))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(42, 3, patience.Token));
        }

        await held.Exit.DisposeAsync();
        using var quick = new CancellationTokenSource(Ttl / 2);
        await (await gate.EnterAsync(42, 3, quick.Token)).Exit.DisposeAsync();
    }

    [Fact]
    public async Task Entering_a_chat_reads_whether_the_update_was_handled_after_the_lock_is_taken()
    {
        // Another instance: a connection of its own to the same Redis, so nothing is ordered for it by ours.
        var otherConfig = ConfigurationOptions.Parse(TestServers.Redis);
        otherConfig.ClientName = $"other-{Guid.NewGuid():N}";
        await using var otherRedis = await ConnectionMultiplexer.ConnectAsync(otherConfig);
        var other = new RedisCoordination(otherRedis, keys, NullLogger<RedisCoordination>.Instance) { LockTtl = TimeSpan.FromSeconds(30) };
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var first = await gate.EnterAsync(50, 501, patience.Token);
        Assert.False(first.HandledBefore);

        // The holder marks its update and lets go; the update's redelivery on the other instance, waiting meanwhile,
        // enters after the mark, long before the holder's lock could have run out (30 s), and finds it handled.
        var redelivery = other.EnterAsync(50, 501, patience.Token);
        await WaitUntilScriptRunAsync(otherConfig.ClientName); // it has asked for the chat and been refused
        Assert.False(redelivery.IsCompleted);
        await updates.MarkHandledAsync(501);
        await first.Exit.DisposeAsync();
        var second = await redelivery;
        Assert.True(second.HandledBefore);
        await second.Exit.DisposeAsync();

        // Another update of the chat was not handled.
        var next = await gate.EnterAsync(50, 502, patience.Token);
        Assert.False(next.HandledBefore);
        await next.Exit.DisposeAsync();
        await redis.GetDatabase().KeyDeleteAsync(keys.Update(501));
    }

    [Fact]
    public async Task A_gate_that_cannot_tell_says_so_and_lets_the_update_through()
    {
        // The in-process gate of polling mode keeps no update log.
        Assert.Null((await new InProcessCoordination().EnterAsync(50, 501, CancellationToken.None)).HandledBefore);

        // Redis unreachable, configured as the bot configures it: the update goes through, and the caller must ask the
        // update log (null), not take "not handled" (false) for an answer.
        var config = ConfigurationOptions.Parse("127.0.0.1:1");
        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ConnectTimeout = 500;
        await using var away = await ConnectionMultiplexer.ConnectAsync(config);
        var cut = new RedisCoordination(away, keys, NullLogger<RedisCoordination>.Instance);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var entry = await cut.EnterAsync(50, 501, patience.Token);
        Assert.Null(entry.HandledBefore);
        await entry.Exit.DisposeAsync();
    }

    /// <summary>Until the connection named <paramref name="clientName"/> has run a script (its last command is one).</summary>
    private async Task WaitUntilScriptRunAsync(string clientName)
    {
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        for (var deadline = DateTime.UtcNow.AddSeconds(10);
             !(await server.ClientListAsync()).Any(c => c.Name == clientName && c.LastCommand?.StartsWith("eval", StringComparison.Ordinal) == true);
             await Task.Delay(10))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{clientName} never ran a script");
        }
    }
}
