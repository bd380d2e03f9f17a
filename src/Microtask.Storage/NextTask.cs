namespace Microtask.Storage;

/// <summary>
/// Which task a claim leases, as SQL both engines run: open, in an active project that is not the worker's own (a
/// requester never answers their own tasks), not yet seen by the worker, closest to done (depth first), with gold mixed
/// in at each project's rate. Parameters: @workerId, @roll, @dayStart
/// and @now (unix ms).
/// </summary>
internal static class NextTask
{
    public const string OrdinaryTasks = "AND t.gold_answer IS NULL";
    public const string GoldTasks = "AND t.gold_answer IS NOT NULL";

    /// <summary>
    /// The id of the task to lease: the best gold candidate among the projects whose gold percent the claim's roll falls
    /// under (the roll is a condition of the search, so a gold row the roll then refuses is never locked), else the best
    /// ordinary task, else whatever is left: with no ordinary task left, that is a gold one whatever the roll. COALESCE
    /// stops at the first candidate found, and each search walks a partial index of its own (gold or ordinary: an index
    /// of all open tasks would be one more entry to write on each of the two updates of a task an answer makes).
    /// </summary>
    /// <param name="rowLock">Appended to each search: the engine's row lock, if it has one.</param>
    public static string Pick(string rowLock) => $"""
        COALESCE(
            ({Candidates($"AND t.gold_answer IS NOT NULL AND @roll < p.gold_percent AND {AnyGoldRate}", "t.id", rowLock)}),
            ({Candidates(OrdinaryTasks, "t.id", rowLock)}),
            ({Candidates(GoldTasks, "t.id", rowLock)}))
        """;

    /// <summary>
    /// The best task of <paramref name="kind"/> open to the worker. The unary plus on project_id keeps SQLite's planner
    /// on the partial indexes instead of the project index.
    /// </summary>
    public static string Candidates(string kind, string columns, string rowLock = "") => $"""
        SELECT {columns} FROM tasks t JOIN projects p ON p.id = +t.project_id
        WHERE {OpenToWorker(kind)}
          AND {ChosenProject}
        ORDER BY t.answers DESC, t.id
        LIMIT 1 {rowLock}
        """;

    /// <summary>
    /// The tasks open to the worker in each project they may take (any project, whatever they chose), ordinary tasks
    /// only: the projects /projects lists, with how many tasks each has left for them. Parameters as above.
    /// </summary>
    public static readonly string OpenByProject = $"""
        SELECT p.id AS project_id, COUNT(*) AS tasks FROM tasks t JOIN projects p ON p.id = +t.project_id
        WHERE {OpenToWorker(OrdinaryTasks)}
        GROUP BY p.id
        """;

    /// <summary>The conditions a task of <paramref name="kind"/> meets when the worker may be given it.</summary>
    private static string OpenToWorker(string kind) => $"""
        p.state = 'Active' {kind} AND t.overlap - t.answers - t.leases > 0
          AND (p.budget IS NULL OR p.budget >= p.reward)
          AND {NotOwnProject}
          AND (p.daily_cap IS NULL OR p.id NOT IN ({CappedProjects}))
          AND {NotBanned}
          AND {QualifiedOrGold}
          AND NOT EXISTS (
              SELECT 1 FROM assignments a
              WHERE a.worker_id = @workerId AND a.task_id = t.id AND a.state IN ('active', 'submitted', 'skipped', 'reported'))
        """;

    /// <summary>
    /// The project the worker chose in /projects, if any: the subquery names only the worker, so it is read once per
    /// claim, by primary key.
    /// </summary>
    private const string ChosenProject = "p.id = COALESCE((SELECT wc.project_choice FROM workers wc WHERE wc.id = @workerId), p.id)";

    /// <summary>Gold is mixed in by chance, claim by claim, at each project's rate.</summary>
    public static int Roll() => Random.Shared.Next(100);

    /// <summary>
    /// Whether the roll falls under any active project's gold percent: it names no row of the search, so PostgreSQL
    /// decides it once, before the gold index is walked; most rolls fall above every rate and walk nothing.
    /// </summary>
    private const string AnyGoldRate = "@roll < (SELECT MAX(gp.gold_percent) FROM projects gp WHERE gp.state = 'Active')";

    /// <summary>
    /// Not a project of the worker's own: a filter on the project row the search has already joined, no lookup of its own.
    /// </summary>
    private const string NotOwnProject = "(p.requester_id IS NULL OR p.requester_id <> @workerId)";

    /// <summary>
    /// No platform ban and no suspension from the project in force (@now): both subqueries name only the worker,
    /// so they are evaluated once per claim, not once per candidate task.
    /// </summary>
    private const string NotBanned = """
        NOT EXISTS (SELECT 1 FROM bans pb WHERE pb.worker_id = @workerId AND pb.project_id IS NULL AND pb.until > @now)
          AND p.id NOT IN (SELECT sb.project_id FROM bans sb WHERE sb.worker_id = @workerId AND sb.project_id IS NOT NULL AND sb.until > @now)
        """;

    /// <summary>
    /// A project that asks for a qualification offers the worker only its gold tasks until the worker has passed it;
    /// the subquery names only the worker, so it is evaluated once per claim.
    /// </summary>
    private const string QualifiedOrGold = """
        (t.gold_answer IS NOT NULL OR p.qualification = 0
          OR p.id IN (SELECT q.project_id FROM worker_quality q WHERE q.worker_id = @workerId AND q.qualified))
        """;

    /// <summary>The projects whose daily cap the worker has reached today (since @dayStart, the worker's local midnight).</summary>
    private const string CappedProjects = """
        SELECT d.project_id FROM answers d JOIN projects dp ON dp.id = d.project_id
        WHERE d.worker_id = @workerId AND d.created_at >= @dayStart AND dp.daily_cap IS NOT NULL
        GROUP BY d.project_id, dp.daily_cap HAVING COUNT(*) >= dp.daily_cap
        """;
}
