namespace Microtask.Storage;

/// <summary>
/// The ledger's account names, built here and nowhere else: worker:&lt;id&gt; (mirrored by workers.balance),
/// project:&lt;id&gt; (projects.budget), requester:&lt;id&gt;, platform, topups, payouts:pending and payouts:paid.
/// </summary>
public static class LedgerAccounts
{
    /// <summary>Funds the projects that come from config, which have no requester.</summary>
    public const string Platform = "platform";

    /// <summary>Where admins' top-ups come from: the money requesters paid in from outside.</summary>
    public const string Topups = "topups";

    /// <summary>Withdrawals requested and not yet decided.</summary>
    public const string PayoutsPending = "payouts:pending";

    /// <summary>Withdrawals paid out.</summary>
    public const string PayoutsPaid = "payouts:paid";

    private const string WorkerPrefix = "worker:";
    private const string RequesterPrefix = "requester:";
    private const string ProjectPrefix = "project:";

    public static string Worker(long workerId) => $"{WorkerPrefix}{workerId}";

    public static string Requester(long requesterId) => $"{RequesterPrefix}{requesterId}";

    public static string Project(long projectId) => $"{ProjectPrefix}{projectId}";

    /// <summary>The account a project's budget comes from and goes back to: its requester's, or the platform's.</summary>
    public static string Funding(long? requesterId) => requesterId is { } r ? Requester(r) : Platform;

    /// <summary>A worker's account as a SQL expression over <paramref name="workerId"/>, itself SQL (a column or a parameter).</summary>
    internal static string WorkerSql(string workerId) => $"'{WorkerPrefix}' || {workerId}";

    /// <summary>A project's account as a SQL expression over <paramref name="projectId"/>, itself SQL.</summary>
    internal static string ProjectSql(string projectId) => $"'{ProjectPrefix}' || {projectId}";
}
