using Npgsql;

namespace Microtask.Testing;

/// <summary>
/// The real servers tests run against. scripts/test.sh starts them and sets these variables; the defaults
/// are the same values, so a developer who ran scripts/services.sh can run `dotnet test` directly.
/// </summary>
internal static class TestServers
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("MICROTASK_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=microtask;Password=microtask;Database=microtask_test";

    public static string Redis => Environment.GetEnvironmentVariable("MICROTASK_TEST_REDIS") ?? "127.0.0.1:6379";

    /// <summary>A fresh, empty PostgreSQL database of its own for one test class; dropped on dispose.</summary>
    public static Task<ScratchDatabase> CreatePostgresDatabaseAsync() => CreateAsync(template: null);

    /// <summary>
    /// A fresh PostgreSQL database of its own for one test class with every migration applied (and
    /// <paramref name="extra"/>): a copy of a <see cref="MigratedTemplate"/> made once per run, so that migrating it
    /// again finds nothing to do. Dropped on dispose.
    /// </summary>
    public static async Task<ScratchDatabase> CreateMigratedPostgresDatabaseAsync(TemplateExtra? extra = null)
    {
        var template = MigratedTemplate.Of(extra);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CreateAsync(await template.EnsureAsync());
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && attempt < 3)
            {
                template.Forget();
            }
        }
    }

    private static async Task<ScratchDatabase> CreateAsync(string? template)
    {
        var name = "mt_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(Postgres) { Database = name, MaxPoolSize = 100 };
        return new ScratchDatabase(name, builder.ToString());
    }

    public static string SqlitePath() => Path.Combine(Path.GetTempPath(), "microtask-tests", Guid.NewGuid().ToString("N") + ".db");
}

internal sealed record ScratchDatabase(string Name, string ConnectionString) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServers.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
