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

    /// <summary>
    /// PostgreSQL runs the hot writes (claim, submit) as one statement with data-modifying CTEs, so row locks
    /// are held for one statement instead of a chain of round trips, and groups the writes made at the same moment into
    /// one round trip and one commit (<see cref="GroupCommit{TRequest, TResult}"/>: answers, claims, task messages);
    /// SQLite, one writer anyway, runs them in steps.
    /// </summary>
    bool HasWritableCtes { get; }

    ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Runs one self-contained write outside an explicit transaction (SQLite still takes its writer lock).</summary>
    Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct);

    /// <summary>Runs <paramref name="work"/> in one transaction; commits if it returns, rolls back if it throws.</summary>
    Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct);

    /// <summary>
    /// Refreshes the planner's statistics of <paramref name="table"/> after a bulk write (a batch import): without it the
    /// claim, planned for the table as it was, walked and sorted every open task (150 ms a claim) until autovacuum's
    /// analyze came by. A no-op where the planner needs none (SQLite's claim has one plan).
    /// </summary>
    Task AnalyzeAsync(string table);

    /// <summary>Applies the numbered migrations not yet applied; safe to call twice and from two processes.</summary>
    Task MigrateAsync(CancellationToken ct);
}
