using Npgsql;

namespace Microtask.Storage;

/// <summary>
/// After PostgreSQL went away (a restart, a network cut), every idle connection in the pool is dead, and each would
/// fail one more request before the pool drops it: the first failure that says the connection broke empties the
/// pools, so requests after the recovery get fresh connections.
/// </summary>
public static class BrokenConnections
{
    /// <summary>
    /// True (and the pools emptied: the bot's data source from <paramref name="services"/>, and the pools of plain
    /// connection strings, which Hangfire uses) when <paramref name="e"/> says a PostgreSQL connection broke.
    /// </summary>
    public static bool Forget(Exception e, IServiceProvider services)
    {
        if (e is not NpgsqlException { IsTransient: true } and not NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException })
        {
            return false;
        }

        (services.GetService(typeof(NpgsqlDataSource)) as NpgsqlDataSource)?.Clear();
        NpgsqlConnection.ClearAllPools();
        return true;
    }
}
