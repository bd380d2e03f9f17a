using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>Projects and their tasks.</summary>
public sealed class ProjectStore(IDatabase db, TimeProvider time)
{
    private const string Columns = "id, title, instructions, kind, options, template, reward, overlap, time_limit_seconds, state, requester_id, gold_percent";

    /// <summary>Creates a project with its tasks in one transaction: all of them or none.</summary>
    public Task<long> CreateAsync(NewProject project, IReadOnlyList<NewTask> tasks, ProjectState state, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var id = await c.ExecuteScalarAsync<long>(
                    """
                    INSERT INTO projects (requester_id, title, instructions, kind, options, template, reward, overlap, time_limit_seconds, state, gold_percent, created_at)
                    VALUES (@RequesterId, @Title, @Instructions, @kind, @options, @Template, @Reward, @Overlap, @seconds, @state, @GoldPercent, @now)
                    RETURNING id
                    """,
                    new
                    {
                        project.RequesterId, project.GoldPercent, project.Title, project.Instructions, kind = project.Kind.ToString(),
                        options = Json.Of(project.Options), project.Template, project.Reward, project.Overlap,
                        seconds = (int)project.TimeLimit.TotalSeconds, state = state.ToString(), now = Clock.Ms(time.GetUtcNow()),
                    },
                    tx);
                await TaskRows.InsertAsync(c, tx, id, project.Overlap, tasks, ct);
                return id;
            },
            ct);

    /// <summary>
    /// Moves the requester's own project from one of <paramref name="from"/> to <paramref name="to"/>; false when it
    /// is not theirs or not in such a state. Claims read the state from the table, so the change is at once.
    /// </summary>
    public Task<bool> ChangeStateAsync(long id, long requesterId, ProjectState[] from, ProjectState to, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => await c.ExecuteAsync(
                $"UPDATE projects SET state = @to WHERE id = @id AND requester_id = @requesterId AND state IN ({string.Join(", ", from.Select(f => $"'{f}'"))})",
                new { id, requesterId, to = to.ToString() },
                tx) == 1,
            ct);

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
