using System.Data.Common;
using System.Reflection;
using Dapper;

namespace Microtask.Storage;

/// <summary>Numbered SQL files embedded in this assembly, applied in order and recorded in <c>schema_migrations</c>.</summary>
internal static class Migrations
{
    public static IReadOnlyList<(int Version, string Sql)> For(string backend)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{backend}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n[prefix.Length..].Split('_')[0].TrimStart('_'), System.Globalization.CultureInfo.InvariantCulture), Sql: Read(assembly, n)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    public static async Task ApplyAsync(DbConnection connection, DbTransaction transaction, string backend)
    {
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)",
            transaction: transaction);
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations", transaction: transaction)).ToHashSet();
        foreach (var (version, sql) in For(backend).Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @now)",
                new { version, now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() },
                transaction);
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
