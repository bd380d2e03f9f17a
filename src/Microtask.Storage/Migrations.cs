using System.Data.Common;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Microtask.Storage;

/// <summary>One numbered SQL file. <see cref="Transactional"/> is false for a file whose first line is
/// <c>-- outside a transaction</c> (a concurrent index build cannot run inside one); its statements, each ending with
/// a semicolon at the end of a line, then run one by one (so no function bodies and no <c>DO</c> blocks there).</summary>
internal sealed record Migration(int Version, string Sql, bool Transactional)
{
    public const string OutsideTransaction = "-- outside a transaction";

    public IEnumerable<string> Statements()
    {
        if (Transactional)
        {
            yield return Sql;
            yield break;
        }

        var statement = new StringBuilder();
        foreach (var line in Sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
        {
            statement.AppendLine(line.TrimEnd());
            if (line.TrimEnd().EndsWith(';'))
            {
                yield return statement.ToString();
                statement.Clear();
            }
        }

        if (!string.IsNullOrWhiteSpace(statement.ToString()))
        {
            yield return statement.ToString();
        }
    }
}

/// <summary>Numbered SQL files embedded in this assembly, applied in order and recorded in <c>schema_migrations</c>.</summary>
internal static partial class Migrations
{
    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)";

    public static IReadOnlyList<Migration> For(string backend)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{backend}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n[prefix.Length..].Split('_')[0].TrimStart('_'), System.Globalization.CultureInfo.InvariantCulture), Sql: Read(assembly, n)))
            .Select(m => new Migration(m.Version, m.Sql, !m.Sql.StartsWith(Migration.OutsideTransaction, StringComparison.Ordinal)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>All pending migrations in one transaction (SQLite, whose files are all transactional).</summary>
    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, string backend)
    {
        await connection.ExecuteAsync(CreateTable, transaction: transaction);
        foreach (var migration in await PendingAsync(connection, transaction, backend))
        {
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await RecordAsync(connection, transaction, migration);
        }
    }

    /// <summary>Each pending migration on its own: a transactional one in a transaction with its record, the others
    /// statement by statement and recorded after the last. The caller holds a lock that keeps other instances out.</summary>
    public static async Task ApplyOneByOneAsync(DbConnection connection, string backend, CancellationToken ct)
    {
        await connection.ExecuteAsync(CreateTable);
        foreach (var migration in await PendingAsync(connection, null, backend))
        {
            if (migration.Transactional)
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(migration.Sql, transaction: transaction);
                await RecordAsync(connection, transaction, migration);
                await transaction.CommitAsync(ct);
                continue;
            }

            foreach (var statement in migration.Statements())
            {
                if (ConcurrentIndex().Match(statement) is { Success: true } concurrent)
                {
                    if (concurrent.Groups["built"] is { Success: true } built)
                    {
                        await DropBrokenBuildAsync(connection, built.Value, ct);
                    }

                    // Outside any transaction (PostgreSQL refuses one), and no timeout: a concurrent build on a big table
                    // takes as long as it takes, and either kind waits for the transactions using the table, never
                    // blocking the writes that come after.
                    await connection.ExecuteAsync(new CommandDefinition(statement, commandTimeout: 0, cancellationToken: ct));
                }
                else
                {
                    await WithShortLockWaitsAsync(connection, statement, ct);
                }
            }

            await RecordAsync(connection, null, migration);
        }
    }

    /// <summary>
    /// A statement that needs a strong lock (ALTER TABLE on a table the answers write to) waits for it in the queue, and
    /// everything that comes after waits behind it, reads included: behind an export's long transaction that would stop
    /// every claim and answer. So it waits at most <see cref="LockWait"/>, and tries again after a pause, in a
    /// transaction of its own so that the setting ends with it. A deadlock with an answer is retried the same way.
    /// </summary>
    private static async Task WithShortLockWaitsAsync(DbConnection connection, string statement, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition($"SET LOCAL lock_timeout = '{LockWait.TotalMilliseconds:0}ms'", transaction: transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, commandTimeout: 0, cancellationToken: ct));
                await transaction.CommitAsync(ct);
                return;
            }
            catch (DbException e) when (e.SqlState is LockNotAvailable or DeadlockDetected && attempt < LockAttempts)
            {
                await Task.Delay(LockWait, ct);
            }
        }
    }

    private const string LockNotAvailable = "55P03";
    private const string DeadlockDetected = "40P01";
    private const int LockAttempts = 300;
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A concurrent index build that failed or was killed leaves its index behind, invalid: never used by a query, yet
    /// written by every insert, and taken by IF NOT EXISTS for done. Before such a build runs again, the leftover goes.
    /// </summary>
    private static async Task DropBrokenBuildAsync(DbConnection connection, string name, CancellationToken ct)
    {
        var broken = await connection.ExecuteScalarAsync<bool>(
            """
            SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                           WHERE c.relname = @name AND c.relnamespace = current_schema()::regnamespace AND NOT i.indisvalid)
            """,
            new { name });
        if (broken)
        {
            await connection.ExecuteAsync(new CommandDefinition($"DROP INDEX CONCURRENTLY IF EXISTS {name}", commandTimeout: 0, cancellationToken: ct));
        }
    }

    /// <summary>A concurrent index build or drop; <c>built</c> names the index a build makes if it does not exist.</summary>
    [GeneratedRegex(@"^\s*(CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY(\s+IF\s+NOT\s+EXISTS\s+(?<built>\w+))?|DROP\s+INDEX\s+CONCURRENTLY)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ConcurrentIndex();

    private static async Task<IEnumerable<Migration>> PendingAsync(DbConnection connection, DbTransaction? transaction, string backend)
    {
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations", transaction: transaction)).ToHashSet();
        return For(backend).Where(m => !applied.Contains(m.Version));
    }

    private static Task<int> RecordAsync(DbConnection connection, DbTransaction? transaction, Migration migration) =>
        connection.ExecuteAsync(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (@Version, @now)",
            new { migration.Version, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
            transaction);

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
