using Dapper;

namespace Microtask.Storage;

/// <summary>Workers' reports on tasks and banned workers' appeals: the admins' review queue.</summary>
public sealed class ReportStore(IDatabase db, TimeProvider time)
{
    /// <summary>How many tasks the worker has reported.</summary>
    public async Task<long> RaisedByAsync(long workerId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM reports WHERE worker_id = @workerId", new { workerId });
    }

    private long Now => Clock.Ms(time.GetUtcNow());
}
