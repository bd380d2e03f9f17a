using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class WorkerStore
{
    /// <summary>Reachable workers holding a role granted in the chat (requester, admin): whose command menus differ from a worker's.</summary>
    public async Task<IReadOnlyList<Worker>> RoleHoldersAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await ReadAllAsync(c, $"SELECT {Columns} FROM workers WHERE active = TRUE AND roles <> '' ORDER BY id", new { })).ToList();
    }
}
