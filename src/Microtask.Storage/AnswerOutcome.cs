using System.Data.Common;
using Dapper;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Storage;

/// <summary>What a submit tells the worker, on either engine: accepted with what storing it found, or refused and why.</summary>
internal static class AnswerOutcome
{
    public static SubmitResult Accepted(string answer, StoredAnswerRow row) =>
        new(SubmitOutcome.Accepted, answer, row.GoldAnswer, row.Reward)
        {
            FilledBatchId = row.Filled ? row.BatchId : null,
            BudgetRanOut = row.RanOut,
            BudgetLeft = row.BudgetLeft,
        };

    /// <summary>Why an assignment closed nothing: not found, another worker's, answered already, or past its time.</summary>
    public static async Task<SubmitOutcome> WhyRefusedAsync(DbConnection c, DbTransaction? tx, long assignmentId, long workerId)
    {
        var row = await c.QuerySingleOrDefaultAsync<OwnerRow>(
            "SELECT worker_id, state FROM assignments WHERE id = @assignmentId", new { assignmentId }, tx);
        return row switch
        {
            null => SubmitOutcome.NotFound,
            { WorkerId: var owner } when owner != workerId => SubmitOutcome.NotYours,
            { State: "submitted" } => SubmitOutcome.AlreadyAnswered,
            _ => SubmitOutcome.Expired,
        };
    }

    private sealed class OwnerRow
    {
        public long WorkerId { get; set; }
        public string State { get; set; } = "";
    }
}

/// <summary>
/// What storing one answer found: its task (gold answer, batch, whether the answer filled it), its project's reward and
/// quality rules, and the budget after it. Read whole by PostgreSQL's batch, piece by piece by SQLite's steps.
/// </summary>
internal sealed class StoredAnswerRow
{
    /// <summary>The project's reward and quality rules, read with the answer (projects aliased p).</summary>
    public const string ProjectColumns = "p.reward, p.min_accuracy, p.min_gold, p.min_seconds, p.fast_flags, p.qualification";

    /// <summary>The answer's place in its batch (1-based), and when it was pressed (unix ms).</summary>
    public long Position { get; set; }

    public long Ms { get; set; }

    public string? GoldAnswer { get; set; }
    public long Reward { get; set; }
    public long? BatchId { get; set; }
    public long ProjectId { get; set; }
    public bool Filled { get; set; }

    /// <summary>The task's overlap is below its dynamic maximum (SQLite's steps read it; PostgreSQL's statement decides in SQL).</summary>
    public bool MayGrow { get; set; }
    public bool RanOut { get; set; }
    public long? BudgetLeft { get; set; }

    /// <summary>When the lease began (unix ms), for the speed rule.</summary>
    public long ClaimedAt { get; set; }

    public long MinAccuracy { get; set; }
    public long MinGold { get; set; } = 1;
    public long MinSeconds { get; set; }
    public long FastFlags { get; set; } = 1;
    public long Qualification { get; set; }

    public QualityRules Rules => new((int)MinAccuracy, (int)MinGold, (int)MinSeconds, (int)FastFlags, (int)Qualification, true);

    /// <summary>Takes the reward and the rules from a row of the project.</summary>
    public void TakeRules(StoredAnswerRow project, long claimedAt)
    {
        (Reward, MinAccuracy, MinGold, MinSeconds, FastFlags, Qualification) =
            (project.Reward, project.MinAccuracy, project.MinGold, project.MinSeconds, project.FastFlags, project.Qualification);
        ClaimedAt = claimedAt;
    }
}
