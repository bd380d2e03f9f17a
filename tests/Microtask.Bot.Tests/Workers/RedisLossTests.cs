using Microtask.Bot.Jobs;
using Microtask.Core;
using Microtask.Storage.Coordination;
using StackExchange.Redis;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Workers;

/// <summary>
/// Redis is coordination, never the only copy: with every key of the deployment gone mid-run (what FLUSHALL does
/// to it; only this test's prefix is deleted, so tests running beside it keep theirs) the bot goes on serving at
/// once, no answer is lost, and the sweeper puts the live leases back.
/// </summary>
public sealed class RedisLossTests() : BotTest("Postgres")
{
    [Fact]
    public async Task Losing_every_key_mid_run_loses_no_answer_and_the_sweeper_restores_the_leases()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 10, overlap: 2);
        var workers = new List<Player>();
        var tasks = new List<Sandbox.ChatMessage>();
        for (var i = 0; i < 4; i++)
        {
            workers.Add(await Bot.WorkerAsync($"W{i}"));
            tasks.Add(await workers[i].AnswerAsync(await workers[i].SendAsync("/task")));
        }

        Assert.Equal(4, await DeleteOurKeysAsync());

        // Answers given right after the loss are saved, and the next task comes.
        for (var i = 0; i < 4; i++)
        {
            var next = await workers[i].AnswerAsync(tasks[i], option: 1);
            Assert.Contains("Saved", workers[i].Message(tasks[i].MessageId).PlainText);
            Assert.Equal(2, next.Keyboard[0].Count);
        }

        Assert.Equal(8, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));

        await DeleteOurKeysAsync();
        var leases = Bot.Get<ILeaseStore>();
        Assert.Null(await leases.GetAsync(1));
        await Bot.Get<LeaseSweepJob>().RunAsync();
        var live = await Bot.ScalarAsync("SELECT COUNT(*) FROM assignments WHERE state = 'active'");
        Assert.Equal(4, live);
        foreach (var (workerId, assignmentId) in await LiveAsync())
        {
            Assert.Equal(assignmentId, await leases.GetAsync(workerId));
        }
    }

    private async Task<int> DeleteOurKeysAsync()
    {
        var redis = Bot.Get<IConnectionMultiplexer>();
        var prefix = Bot.App.Configuration["Microtask:RedisPrefix"]!;
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: prefix + "lease:*"))
        {
            keys.Add(key);
        }

        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }

        return keys.Count;
    }

    private async Task<IReadOnlyList<(long WorkerId, long AssignmentId)>> LiveAsync()
    {
        await using var c = await Bot.Get<Storage.IDatabase>().OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.QueryAsync<(long, long)>(c, "SELECT worker_id, id FROM assignments WHERE state = 'active'")).ToList();
    }
}
