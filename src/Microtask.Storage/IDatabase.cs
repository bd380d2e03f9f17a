using System.Data.Common;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>
/// One of the two relational engines: PostgreSQL (production) or SQLite (the embedded default). The stores' cold paths
/// run the same SQL on both; this is where the two differ outside the hot path (<see cref="IAssignmentProtocol"/>).
/// </summary>
public interface IDatabase
{
    /// <summary>The engine's name, which is also the folder of its migrations.</summary>
    string Name { get; }

    ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>Runs one self-contained write outside an explicit transaction (SQLite still takes its writer lock).</summary>
    Task<T> WriteAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct);

    /// <summary>Runs <paramref name="work"/> in one transaction; commits if it returns, rolls back if it throws.</summary>
    Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct);

    /// <summary>Begins a transaction on <paramref name="c"/> that reads one snapshot and holds up no writer.</summary>
    Task<DbTransaction> BeginSnapshotAsync(DbConnection c, CancellationToken ct);

    /// <summary>
    /// Makes every other transaction that locks <paramref name="name"/> wait until this one ends, so that a check and
    /// the write it allows cannot interleave with another's.
    /// </summary>
    Task LockForTransactionAsync(DbConnection c, DbTransaction tx, string name);

    /// <summary>
    /// Adds tasks to a project inside the caller's transaction, all of them or (with it) none; each wants the answers
    /// <paramref name="overlap"/> gives it (<see cref="OverlapRule.ForTask"/>).
    /// </summary>
    Task InsertTasksAsync(DbConnection c, DbTransaction tx, long projectId, OverlapRule overlap, IReadOnlyList<NewTask> tasks, long? batchId, CancellationToken ct);

    /// <summary>Refreshes the planner's statistics of <paramref name="table"/> after a bulk write (a batch import).</summary>
    Task AnalyzeAsync(string table);

    /// <summary>Applies the numbered migrations not yet applied; safe to call twice and from two processes.</summary>
    Task MigrateAsync(CancellationToken ct);
}
