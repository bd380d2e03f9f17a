using Microtask.Core;

namespace Microtask.Storage;

public sealed partial class WorkerStore
{
    /// <summary>
    /// Reachable workers who may hold the admin role, and the owners (ids from config) who have talked to the bot:
    /// the people to tell of something waiting for admins. The caller checks the roles exactly.
    /// </summary>
    public async Task<IReadOnlyList<Worker>> AdminsAsync(IReadOnlyCollection<long> owners, CancellationToken ct = default)
    {
        List<Worker> admins;
        await using (var c = await db.OpenAsync(ct))
        {
            admins = (await ReadAllAsync(c, $"SELECT {Columns} FROM workers WHERE active = TRUE AND roles LIKE '%admin%' ORDER BY id", new { })).ToList();
        }

        // Owners one by one: a handful at most, and a list parameter reads differently on the two backends.
        foreach (var owner in owners.Where(o => admins.All(a => a.TelegramId != o)))
        {
            if (await FindAsync(owner, ct) is { Active: true } found)
            {
                admins.Add(found);
            }
        }

        return admins;
    }
}
