using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Microtask.Storage;

internal static class Conflicts
{
    /// <summary>A constraint refused a racing write (unique, check) or PostgreSQL chose a deadlock victim.</summary>
    public static bool IsConflict(DbException e) => e switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation
            or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
        SqliteException sq => sq.SqliteErrorCode == 19, // SQLITE_CONSTRAINT
        _ => false,
    };
}
