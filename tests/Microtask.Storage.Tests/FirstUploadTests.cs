using Microsoft.Extensions.Logging.Abstractions;
using Microtask.Core;
using Microtask.Storage.Coordination;
using Microtask.Testing;
using StackExchange.Redis;

namespace Microtask.Storage.Tests;

/// <summary>
/// The first upload of a media value across instances (two coordinations on two connections to one Redis): one leads,
/// the other waits for its file_id, and a lead that fails or outlasts its lock lets the other upload.
/// </summary>
public sealed class RedisFirstUploadTests : IAsyncLifetime
{
    private const string Picture = "sha256:00aa";
    private ConnectionMultiplexer redis = null!;
    private ConnectionMultiplexer otherRedis = null!;
    private RedisKeys keys = null!;

    public async Task InitializeAsync()
    {
        redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        otherRedis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        keys = new RedisKeys($"test:{Guid.NewGuid():N}:");
    }

    public async Task DisposeAsync()
    {
        await redis.DisposeAsync();
        await otherRedis.DisposeAsync();
    }

    [Fact]
    public async Task The_second_instance_waits_for_the_first_upload_and_gets_its_file_id()
    {
        var (first, second) = (Instance(redis), Instance(otherRedis));
        var lead = (await first.ClaimAsync(Picture, MediaKind.Image)).Lead;
        Assert.NotNull(lead);
        Assert.Equal(default, await second.ClaimAsync(Picture, MediaKind.Image));

        var waiting = second.WaitAsync(Picture, MediaKind.Image, TimeSpan.FromSeconds(30), CancellationToken.None);
        await lead.FinishAsync("file-1");

        Assert.Equal("file-1", await waiting);
        Assert.Equal(new FirstUpload(null, "file-1"), await second.ClaimAsync(Picture, MediaKind.Image));
        // The same value as another kind is another upload.
        Assert.NotNull((await second.ClaimAsync(Picture, MediaKind.Video)).Lead);
    }

    [Fact]
    public async Task A_failed_first_upload_ends_the_wait_and_the_next_instance_leads()
    {
        var (first, second) = (Instance(redis), Instance(otherRedis));
        var lead = (await first.ClaimAsync(Picture, MediaKind.Image)).Lead!;
        var waiting = second.WaitAsync(Picture, MediaKind.Image, TimeSpan.FromSeconds(30), CancellationToken.None);

        await lead.FinishAsync(null);

        Assert.Null(await waiting);
        Assert.NotNull((await second.ClaimAsync(Picture, MediaKind.Image)).Lead);
    }

    [Fact]
    public async Task A_first_upload_that_outlasts_its_lock_lets_the_waiting_instance_upload()
    {
        var first = Instance(redis, TimeSpan.FromMilliseconds(300));
        var second = Instance(otherRedis);
        Assert.NotNull((await first.ClaimAsync(Picture, MediaKind.Image)).Lead);

        // Long before the wait's own bound, the lock runs out: the waiting instance uploads, and leads.
        Assert.Null(await second.WaitAsync(Picture, MediaKind.Image, TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.NotNull((await second.ClaimAsync(Picture, MediaKind.Image)).Lead);
    }

    [Fact]
    public async Task A_wait_ends_at_its_bound_while_the_first_upload_still_holds_the_value()
    {
        var (first, second) = (Instance(redis), Instance(otherRedis));
        Assert.NotNull((await first.ClaimAsync(Picture, MediaKind.Image)).Lead);

        Assert.Null(await second.WaitAsync(Picture, MediaKind.Image, TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.Equal(default, await second.ClaimAsync(Picture, MediaKind.Image));
    }

    [Fact]
    public async Task Without_redis_or_in_one_process_every_send_leads()
    {
        var config = ConfigurationOptions.Parse("127.0.0.1:1");
        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        config.ConnectTimeout = 500;
        await using var away = await ConnectionMultiplexer.ConnectAsync(config);
        var cut = Instance(away);

        var claim = await cut.ClaimAsync(Picture, MediaKind.Image);
        Assert.NotNull(claim.Lead);
        await claim.Lead.FinishAsync("file-1");
        Assert.Null(await cut.WaitAsync(Picture, MediaKind.Image, TimeSpan.FromSeconds(1), CancellationToken.None));

        var alone = new InProcessCoordination();
        Assert.NotNull((await alone.ClaimAsync(Picture, MediaKind.Image)).Lead);
        Assert.NotNull((await alone.ClaimAsync(Picture, MediaKind.Image)).Lead);
    }

    private RedisCoordination Instance(IConnectionMultiplexer connection, TimeSpan? lockTtl = null) =>
        new(connection, keys, NullLogger<RedisCoordination>.Instance) { UploadLockTtl = lockTtl ?? TimeSpan.FromSeconds(20) };
}
