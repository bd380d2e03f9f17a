using Microtask.Bot.Hosting;
using Npgsql;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Hosting;

/// <summary>
/// The bot's PostgreSQL pool prepares its statements and skips DISCARD ALL unless the operator's connection string says
/// otherwise. Npgsql's builder answers ContainsKey for every known keyword, so these defaults were once never applied:
/// the load tool found a DISCARD ALL (and a fresh parse and plan of every statement) on each return to the pool.
/// </summary>
public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void A_plain_connection_string_gets_prepared_statements_and_no_reset_on_close()
    {
        using var source = StorageServices.PostgresDataSource("Host=127.0.0.1;Username=u;Password=p;Database=d");
        var applied = new NpgsqlConnectionStringBuilder(source.ConnectionString);

        Assert.Equal(32, applied.MaxAutoPrepare);
        Assert.True(applied.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=127.0.0.1;noresetonclose=false;MAXAUTOPREPARE=0")]
    public void The_operators_own_values_win_however_they_are_spelled(string given)
    {
        using var source = StorageServices.PostgresDataSource(given);
        var applied = new NpgsqlConnectionStringBuilder(source.ConnectionString);

        Assert.Equal(0, applied.MaxAutoPrepare);
        Assert.False(applied.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Username=u")]
    [InlineData("Host=localhost;Username=u")]
    [InlineData("Host=::1;Username=u")]
    [InlineData("Host=127.0.0.1:5433,localhost;Username=u")]
    public void A_database_on_this_host_is_reached_without_tls(string given)
    {
        using var source = StorageServices.PostgresDataSource(given);

        Assert.Equal(SslMode.Disable, new NpgsqlConnectionStringBuilder(source.ConnectionString).SslMode);
    }

    [Theory]
    [InlineData("Host=db.internal;Username=u", SslMode.Prefer)]
    [InlineData("Host=127.0.0.1,db.internal;Username=u", SslMode.Prefer)]
    [InlineData("Host=10.0.0.5;Username=u", SslMode.Prefer)]
    [InlineData("Host=127.0.0.1;SSL Mode=Require;Trust Server Certificate=true;Username=u", SslMode.Require)]
    [InlineData("Host=localhost;sslmode=VerifyFull;Username=u", SslMode.VerifyFull)]
    [InlineData("Host=127.0.0.1;SSL Certificate=/etc/mt/client.crt;SSL Key=/etc/mt/client.key;Username=u", SslMode.Prefer)]
    [InlineData("Host=127.0.0.1;Root Certificate=/etc/mt/ca.crt;Username=u", SslMode.Prefer)]
    public void Another_host_or_the_operators_own_ssl_mode_keeps_its_tls(string given, SslMode expected)
    {
        using var source = StorageServices.PostgresDataSource(given);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(source.ConnectionString).SslMode);
    }
}
