namespace Microtask.Storage.Tests;

/// <summary>The webhooks' outbox: an event is attempted by one claimant at a time, when due, and never after its delivery.</summary>
public abstract class WebhookStoreTests(string kind) : BackendTest(kind)
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(40);
    private WebhookStore store = null!;
    private long project;

    protected override async Task StartedAsync()
    {
        store = new WebhookStore(Backend.Db, Backend.Time);
        project = await Backend.ProjectAsync(tasks: 1);
    }

    [Fact]
    public async Task An_event_is_recorded_only_for_a_project_with_a_webhook()
    {
        Assert.Null(await store.RecordAsync(project, "evt_1", "project.paused", "{}"));

        await store.SetAsync(project, "https://93.184.215.14/hook", "whsec_a");

        Assert.NotNull(await store.RecordAsync(project, "evt_2", "project.paused", "{}"));
        Assert.Equal(1, (await store.FindAsync(project))!.Pending);
    }

    [Fact]
    public async Task Racing_claims_of_one_event_give_it_to_one_claimant()
    {
        await store.SetAsync(project, "https://93.184.215.14/hook", "whsec_a");
        var id = (await store.RecordAsync(project, "evt_1", "project.paused", "{}"))!.Value;

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.ClaimAsync(id, Hold))));

        var claimed = Assert.Single(claims, c => c is not null);
        Assert.Equal(1, claimed!.Attempt);
        Assert.Null(await store.ClaimAsync(id, Hold));
        Backend.Time.Advance(Hold);
        Assert.Equal(2, (await store.ClaimAsync(id, Hold))!.Attempt); // an attempt that never reported back is over by then

        // The first attempt's 2xx comes after all: delivered for good, whatever the second one meets.
        await store.DeliveredAsync(claimed);
        Backend.Time.Advance(Hold);
        Assert.Null(await store.ClaimAsync(id, Hold));
    }

    [Fact]
    public async Task A_delivered_event_is_never_claimed_again_and_a_failed_one_only_when_its_retry_is_due()
    {
        await store.SetAsync(project, "https://93.184.215.14/hook", "whsec_a");
        var id = (await store.RecordAsync(project, "evt_1", "project.paused", "{}"))!.Value;

        var first = (await store.ClaimAsync(id, Hold))!;
        Assert.Null(await store.FailedAsync(first, "http:500", Backend.Time.GetUtcNow() + TimeSpan.FromMinutes(2), noticeAfter: 2));
        Assert.Null(await store.ClaimAsync(id, Hold));
        Assert.Empty(await store.DueAsync(Backend.Time.GetUtcNow(), 10));
        Backend.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal([id], await store.DueAsync(Backend.Time.GetUtcNow(), 10));
        var second = (await store.ClaimAsync(id, Hold))!;
        Assert.Equal(2, await store.FailedAsync(second, "timeout", Backend.Time.GetUtcNow(), noticeAfter: 2));

        var third = (await store.ClaimAsync(id, Hold))!;
        Assert.Null(await store.FailedAsync(third, "timeout", Backend.Time.GetUtcNow(), noticeAfter: 2)); // told once per run
        var fourth = (await store.ClaimAsync(id, Hold))!;
        await store.DeliveredAsync(fourth);

        Backend.Time.Advance(TimeSpan.FromDays(1));
        Assert.Null(await store.ClaimAsync(id, Hold));
        Assert.Empty(await store.DueAsync(Backend.Time.GetUtcNow(), 10));
        var hook = (await store.FindAsync(project))!;
        Assert.Equal(0, hook.Failures);
        Assert.Equal("timeout", hook.LastError);
        Assert.NotNull(hook.LastDeliveredAt);
    }

    [Fact]
    public async Task Removing_the_webhook_drops_its_waiting_events()
    {
        await store.SetAsync(project, "https://93.184.215.14/hook", "whsec_a");
        var id = (await store.RecordAsync(project, "evt_1", "project.paused", "{}"))!.Value;

        Assert.True(await store.RemoveAsync(project));

        Assert.Null(await store.ClaimAsync(id, Hold));
        Assert.Null(await store.FindAsync(project));
        Assert.False(await store.RemoveAsync(project));
        Assert.DoesNotContain("whsec", new Webhook(project, "https://h.example/p?token=t", "whsec_a", default).ToString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteWebhookStoreTests() : WebhookStoreTests("Sqlite");

public sealed class PostgresWebhookStoreTests() : WebhookStoreTests("Postgres");
