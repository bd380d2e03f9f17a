using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microtask.Storage;
using Microtask.Storage.Postgres;
using Npgsql;

namespace Microtask.Testing;

/// <summary>
/// What a template holds beyond the project's migrations (the bot's tests: Hangfire's schema, which the bot would
/// otherwise install at every start). <see cref="Name"/> goes into the template's hash, so it names the version too.
/// </summary>
internal sealed record TemplateExtra(string Name, Func<NpgsqlConnection, Task> ApplyAsync);

/// <summary>
/// A PostgreSQL database migrated once per test run, which test classes copy (CREATE DATABASE … TEMPLATE) instead of
/// running every migration again. Its name carries a hash of the migrations, so a changed migration makes a new one;
/// it records its migrations in <c>schema_migrations</c> like any migrated database, so a copy has nothing left to do.
/// </summary>
internal sealed class MigratedTemplate
{
    private const string Prefix = "mt_template_";

    // Any fixed number: it only has to be the same in every test process (one per test project, and other checkouts').
    private const long LockKey = 7_311_002;

    /// <summary>
    /// A template of other migrations may be another checkout's, running its tests now: it goes only once nobody
    /// has made it or started a run on it for this long.
    /// </summary>
    private static readonly TimeSpan Unused = TimeSpan.FromHours(2);

    private static readonly ConcurrentDictionary<string, MigratedTemplate> Templates = new();

    private readonly TemplateExtra? extra;
    private readonly Lock gate = new();
    private Task<string>? ready;

    private MigratedTemplate(TemplateExtra? extra)
    {
        this.extra = extra;
        Name = Prefix + Hash(extra);
    }

    public string Name { get; }

    public static MigratedTemplate Of(TemplateExtra? extra) => Templates.GetOrAdd(extra?.Name ?? "", _ => new MigratedTemplate(extra));

    /// <summary>The template's name once it exists; made (or found made by another process) on first use.</summary>
    public Task<string> EnsureAsync()
    {
        lock (gate)
        {
            if (ready is null || ready.IsFaulted || ready.IsCanceled)
            {
                ready = Task.Run(CreateOrFindAsync);
            }

            return ready;
        }
    }

    /// <summary>The template went away under this process (dropped by hand): the next use makes it again.</summary>
    public void Forget()
    {
        lock (gate)
        {
            ready = null;
        }
    }

    private async Task<string> CreateOrFindAsync()
    {
        await using var admin = new NpgsqlConnection(TestServers.Postgres);
        await admin.OpenAsync();

        // Several test processes start at once: one makes the template, the others wait here and then find it.
        // Blocking on the lock is safe: it is held in the maintenance database, and the migrations' concurrent index
        // builds wait only for snapshots in the database they build in.
        await ExecuteAsync(admin, $"SELECT pg_advisory_lock({LockKey})", timeout: 0);
        try
        {
            if (await ScalarAsync<bool?>(admin, $"SELECT datistemplate FROM pg_database WHERE datname = '{Name}'") is not true)
            {
                // Absent, or left half made by a process that died while making it.
                await DropAsync(admin, Name);
                await CreateAsync(admin);
            }

            await ExecuteAsync(admin, $"COMMENT ON DATABASE {Name} IS '{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}'");
            await DropUnusedAsync(admin);
        }
        finally
        {
            await ExecuteAsync(admin, $"SELECT pg_advisory_unlock({LockKey})");
        }

        return Name;
    }

    private async Task CreateAsync(NpgsqlConnection admin)
    {
        await ExecuteAsync(admin, $"CREATE DATABASE {Name}");
        var connectionString = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = Name, Pooling = false }.ToString();
        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            await new PostgresDatabase(source).MigrateAsync(CancellationToken.None);
            if (extra is not null)
            {
                await using var connection = await source.OpenConnectionAsync();
                await extra.ApplyAsync(connection);
            }
        }

        // Copies need a template nobody is connected to; without connections autovacuum leaves it alone too. Marked a
        // template last, so a database marked so is a finished one.
        await ExecuteAsync(admin, $"ALTER DATABASE {Name} WITH ALLOW_CONNECTIONS false");
        await ExecuteAsync(admin, $"ALTER DATABASE {Name} WITH IS_TEMPLATE true");
    }

    /// <summary>Templates of other migrations that nobody has used for a while. Best effort: one in use stays.</summary>
    private static async Task DropUnusedAsync(NpgsqlConnection admin)
    {
        var templates = new List<(string Name, string? Stamp)>();
        await using (var list = new NpgsqlCommand($"SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE '{Prefix}%'", admin))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                templates.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        var before = DateTimeOffset.UtcNow - Unused;
        foreach (var (name, stamp) in templates)
        {
            if (long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && DateTimeOffset.FromUnixTimeSeconds(seconds) > before)
            {
                continue;
            }

            try
            {
                await DropAsync(admin, name);
            }
            catch (PostgresException)
            {
                // Being copied at this moment by the checkout it belongs to: in use after all.
            }
        }
    }

    private static async Task DropAsync(NpgsqlConnection admin, string name)
    {
        if (await ScalarAsync<bool?>(admin, $"SELECT true FROM pg_database WHERE datname = '{name}'") is not true)
        {
            return;
        }

        await ExecuteAsync(admin, $"ALTER DATABASE {name} WITH IS_TEMPLATE false");
        await ExecuteAsync(admin, $"DROP DATABASE {name} WITH (FORCE)");
    }

    /// <summary>
    /// A hash of every SQL file the storage assembly embeds (names and contents, as migrated) and of the extra's name:
    /// editing, adding or renaming a migration gives another template.
    /// </summary>
    private static string Hash(TemplateExtra? extra)
    {
        var assembly = typeof(PostgresDatabase).Assembly;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(resource + "\n"));
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var content = new MemoryStream();
            stream.CopyTo(content);
            hash.AppendData(content.ToArray());
        }

        hash.AppendData(Encoding.UTF8.GetBytes("\n" + extra?.Name));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, int timeout = 30)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeout };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T?)await command.ExecuteScalarAsync();
    }
}
