using System.Data.Common;

namespace Microtask.Storage;

/// <summary>
/// One of the two relational backends: PostgreSQL (production) or SQLite (the embedded default).
/// The stores run the same SQL on both; this is where the two differ.
/// </summary>
public interface IDatabase
{
    string Name { get; }

    /// <summary>Appended to the claim query's candidate SELECT: row locks where the engine has them.</summary>
    string SkipLocked { get; }

    ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Runs <paramref name="work"/> in one transaction; commits if it returns, rolls back if it throws.</summary>
    Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct);

    /// <summary>Applies the numbered migrations not yet applied; safe to call twice and from two processes.</summary>
    Task MigrateAsync(CancellationToken ct);
}
