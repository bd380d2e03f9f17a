using Dapper;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Storage;

/// <summary>Projects and their tasks.</summary>
public sealed class ProjectStore(IDatabase db, TimeProvider time)
{
    private const string Columns = "id, title, instructions, kind, options, template, reward, overlap, overlap_max, overlap_target, time_limit_seconds, state, requester_id, gold_percent, budget, daily_cap, paused_by, min_accuracy, min_gold, min_seconds, fast_flags, qualification, exclude_suspended, option_labels, answer_settings, estimated_seconds, measured_seconds, measured_answers, practice_tasks";

    /// <summary>
    /// Creates a project with its tasks in one transaction: all of them or none. A budget moves from the
    /// requester's ledger account to the project's in the same transaction; <see cref="InsufficientFundsException"/>
    /// when the requester's account holds less than the budget (nothing is created).
    /// </summary>
    public async Task<long> CreateAsync(NewProject project, IReadOnlyList<NewTask> tasks, ProjectState state, CancellationToken ct = default)
    {
        var created = await db.InTransactionAsync(
            async (c, tx) =>
            {
                var now = Clock.Ms(time.GetUtcNow());
                var rules = project.Rules ?? QualityRules.Default;
                var overlap = project.OverlapRule;
                var id = await c.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO projects (requester_id, title, instructions, kind, options, template, reward, overlap, overlap_max, overlap_target, time_limit_seconds, state,
                                          gold_percent, budget, daily_cap, min_accuracy, min_gold, min_seconds, fast_flags, qualification,
                                          exclude_suspended, option_labels, answer_settings, estimated_seconds, created_at)
                    VALUES (@RequesterId, @Title, @Instructions, @kind, @options, @Template, @Reward, @Overlap, @max, @target, @seconds, @state,
                            @GoldPercent, @Budget, @DailyCap, @MinAccuracy, @MinGold, @MinSeconds, @FastFlags, @Qualification,
                            @ExcludeSuspended, @labels, @settings, @EstimatedSeconds, @now)
                    RETURNING id
                    """,
                    new
                    {
                        project.RequesterId, project.EstimatedSeconds, project.GoldPercent, project.Title, project.Instructions, kind = project.Kind.ToString(),
                        options = Json.Of(project.Options), project.Template, project.Reward, project.Overlap,
                        max = overlap.Dynamic ? overlap.Max : (int?)null, target = overlap.Dynamic ? overlap.TargetPercent : null,
                        seconds = (int)project.TimeLimit.TotalSeconds, state = state.ToString(), project.Budget, project.DailyCap, now,
                        rules.MinAccuracy, rules.MinGold, rules.MinSeconds, rules.FastFlags, rules.Qualification, rules.ExcludeSuspended,
                        labels = project.OptionLabels is { Count: > 0 } labels ? Json.Of(labels) : null,
                        settings = project.Settings is { } settings && settings != AnswerSettings.Default ? Json.Of(settings) : null,
                    },
                    tx);
                if (project.Budget is > 0 and var budget)
                {
                    // A requester's budget must be covered by the requester's account (InsufficientFundsException rolls
                    // the project back); config projects are funded by the platform.
                    if (project.RequesterId is not null)
                    {
                        await LedgerStore.DebitAsync(db, c, tx, LedgerAccounts.Funding(project.RequesterId), LedgerAccounts.Project(id), budget, now);
                    }
                    else
                    {
                        await LedgerStore.MoveAsync(c, tx, LedgerAccounts.Funding(project.RequesterId), LedgerAccounts.Project(id), budget, now);
                    }
                }

                await db.InsertTasksAsync(c, tx, id, overlap, [.. tasks.Where(t => !t.Practice)], null, ct);
                await PracticeStore.AddAsync(c, tx, id, null, [.. tasks.Where(t => t.Practice)]);
                return id;
            },
            ct);
        if (tasks.Count > 0)
        {
            await db.AnalyzeAsync("tasks");
        }

        return created;
    }

    /// <summary>
    /// Moves the requester's own project from one of <paramref name="from"/> to <paramref name="to"/>; false when it
    /// is not theirs, not in such a state, or (to Active) its budget cannot pay for an answer or an admin paused it.
    /// Claims read the state from the table, so the change is at once. Closing ends the project's live leases and
    /// returns what is left of the budget to the requester.
    /// </summary>
    public async Task<bool> ChangeStateAsync(long id, long requesterId, ProjectState[] from, ProjectState to, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ChangeStateOnceAsync(id, requesterId, from, to, ct);
            }
            catch (System.Data.Common.DbException e) when (attempt < 3 && Conflicts.IsConflict(e))
            {
                // A close raced an answer of the same project (each waits for a row the other holds): rolled back whole.
            }
        }
    }

    private Task<bool> ChangeStateOnceAsync(long id, long requesterId, ProjectState[] from, ProjectState to, CancellationToken ct) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var changed = await c.ExecuteAsync(
                    $"""
                    UPDATE projects SET state = @to, paused_by = NULL
                    WHERE id = @id AND requester_id = @requesterId AND state IN ({string.Join(", ", from.Select(f => $"'{f}'"))})
                      AND (@to <> 'Active' OR budget IS NULL OR budget >= reward)
                      AND (@to <> 'Active' OR paused_by IS NULL OR paused_by <> 'admin')
                    """,
                    new { id, requesterId, to = to.ToString() },
                    tx) == 1;
                if (changed && to == ProjectState.Closed)
                {
                    // Its live leases end with it: an answer after the close would be paid from a budget already returned.
                    var freed = (await c.QueryAsync<long>(
                        "UPDATE assignments SET state = 'expired', finished_at = @now WHERE project_id = @id AND state = 'active' RETURNING task_id",
                        new { id, now = Clock.Ms(time.GetUtcNow()) },
                        tx)).GroupBy(t => t).Select(g => new { task = g.Key, n = g.Count() }).ToList();
                    await c.ExecuteAsync("UPDATE tasks SET leases = leases - @n WHERE id = @task", freed, tx);

                    // The row is ours until commit: no answer can draw from the budget between reading and zeroing it.
                    var left = await c.ExecuteScalarAsync<long?>("SELECT budget FROM projects WHERE id = @id", new { id }, tx);
                    if (left is { } amount and not 0)
                    {
                        await LedgerStore.MoveAsync(c, tx, LedgerAccounts.Project(id), LedgerAccounts.Funding(requesterId), amount, Clock.Ms(time.GetUtcNow()));
                        await c.ExecuteAsync("UPDATE projects SET budget = 0 WHERE id = @id", new { id }, tx);
                    }
                }

                return changed;
            },
            ct);

    /// <summary>
    /// Changes the quality rules of the requester's own project (not a closed one); false when it is not theirs.
    /// They apply from the next answer: the rules are read in the transaction that stores each answer.
    /// </summary>
    public async Task<bool> SetRulesAsync(long id, long requesterId, int goldPercent, QualityRules rules, CancellationToken ct = default) =>
        await db.WriteAsync(
            c => c.ExecuteAsync(
                """
                UPDATE projects SET gold_percent = @goldPercent, min_accuracy = @MinAccuracy, min_gold = @MinGold, min_seconds = @MinSeconds,
                    fast_flags = @FastFlags, qualification = @Qualification, exclude_suspended = @ExcludeSuspended
                WHERE id = @id AND requester_id = @requesterId AND state <> 'Closed'
                """,
                new
                {
                    id, requesterId, goldPercent, rules.MinAccuracy, rules.MinGold, rules.MinSeconds, rules.FastFlags, rules.Qualification,
                    rules.ExcludeSuspended,
                }),
            ct) == 1;

    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long?>("SELECT id FROM projects LIMIT 1") is not null;
    }

    public async Task<Project?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<ProjectRow>($"SELECT {Columns} FROM projects WHERE id = @id", new { id }))?.ToProject();
    }

    internal static async Task<Project> LoadAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, long id) =>
        (await c.QuerySingleAsync<ProjectRow>($"SELECT {Columns} FROM projects WHERE id = @id", new { id }, tx)).ToProject();
}
