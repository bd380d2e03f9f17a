using System.Data;
using Dapper;
using Microtask.Storage;

namespace Microtask.Benchmarks;

/// <summary>One statement on a connection of its own, for setting up and checking the data runs.</summary>
internal static class DatabaseCommands
{
    public static async Task<T> ScalarAsync<T>(this IDatabase db, string sql, object? param = null)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        return (await c.ExecuteScalarAsync<T>(sql, param))!;
    }

    public static async Task ExecuteAsync(this IDatabase db, string sql, object? param = null, int? timeoutSeconds = null)
    {
        await using var c = await db.OpenAsync(CancellationToken.None);
        // Text always: Dapper would take a one-word statement such as CHECKPOINT for a procedure's name.
        await c.ExecuteAsync(sql, param, commandTimeout: timeoutSeconds, commandType: CommandType.Text);
    }
}
