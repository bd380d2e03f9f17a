using Microtask.Storage;
using Microtask.Storage.Postgres;
using Microtask.Testing;

namespace Microtask.Bot.Tests;

/// <summary>The database a PostgreSQL test starts on is a copy of the run's template: already what the bot would make.</summary>
public sealed class MigratedTemplateTests
{
    [Fact]
    public async Task A_copy_holds_every_migration_and_Hangfires_schema_so_the_bot_starting_on_it_applies_none()
    {
        await MigratedTemplate.Of(BotHarness.HangfireSchema).EnsureAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await using var bot = await BotHarness.StartAsync("Postgres");

        var migrations = typeof(PostgresDatabase).Assembly.GetManifestResourceNames()
            .Count(n => n.Contains(".Migrations.Postgres.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal));
        Assert.True(migrations > 0);
        Assert.Equal(migrations, await bot.ScalarAsync("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(0, await bot.ScalarAsync($"SELECT COUNT(*) FROM schema_migrations WHERE applied_at >= {before}"));
        Assert.True(await bot.ScalarAsync("SELECT COUNT(*) FROM hangfire.schema") > 0);
    }
}
