using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>Telegram @usernames: admins name users by them, so the store keeps each worker's current one.</summary>
public sealed partial class WorkerStore
{
    /// <summary>The worker with this username, with or without the @, in any case; null when none has it.</summary>
    public async Task<Worker?> FindByUsernameAsync(string username, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await ReadAsync(c, $"SELECT {Columns} FROM workers WHERE lower(username) = lower(@username)", new { username = username.TrimStart('@') });
    }

    /// <summary>
    /// Stores the username Telegram sent (null: the user has none). Telegram usernames are unique but can move from one
    /// user to another; a stale copy on the old holder is cleared, so a name leads to one worker.
    /// </summary>
    public Task<Worker> SetUsernameAsync(Worker worker, string? username, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                if (username is not null)
                {
                    await c.ExecuteAsync(
                        "UPDATE workers SET username = NULL WHERE lower(username) = lower(@username) AND id <> @id", new { username, id = worker.Id }, tx);
                }

                await c.ExecuteAsync("UPDATE workers SET username = @username WHERE id = @id", new { username, id = worker.Id }, tx);
                return worker with { Username = username };
            },
            ct);

    // WorkerRow has no username: Dapper reads it as a second row split off at the last column of Columns.
    private static Task<IEnumerable<Worker>> ReadAllAsync(DbConnection c, string sql, object args, DbTransaction? tx = null) =>
        c.QueryAsync<WorkerRow, UsernameRow?, Worker>(sql, (row, name) => row.ToWorker() with { Username = name?.Username }, args, tx, splitOn: "username");

    private static async Task<Worker?> ReadAsync(DbConnection c, string sql, object args, DbTransaction? tx = null) =>
        (await ReadAllAsync(c, sql, args, tx)).SingleOrDefault();
}

internal sealed class UsernameRow
{
    public string? Username { get; set; }
}
