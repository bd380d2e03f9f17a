using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>A worker's realised pay: what their answers earned and the time they took, over a span.</summary>
public sealed record EarnedRate(long Earned, long Milliseconds, int Answers)
{
    /// <summary>Minor units an hour; null with no time to divide by.</summary>
    public long? PerHour => Milliseconds > 0 ? Earned * 3_600_000 / Milliseconds : null;
}

/// <summary>Pay as workers see it: the time a project's tasks take, a worker's realised rate, a raised reward.</summary>
public sealed class PayStore(IDatabase db)
{
    /// <summary>The latest answers per project the median is read from.</summary>
    public const int Sample = 200;

    /// <summary>
    /// How far back one measuring pass reads, in answers of all projects: the answer ids are the primary key, so the
    /// pass costs the same however large the table grows, and a project with no answer among them keeps its measure.
    /// </summary>
    private const int Window = 50_000;

    /// <summary>
    /// Stores, for each project with answers among the latest, the median time from lease to answer of its latest
    /// <see cref="Sample"/> answers. A project's measure is replaced only by one read from as many answers or more, or
    /// from <see cref="PayRate.MeasuredAfter"/> at least, so a quiet hour does not let three answers speak for two hundred.
    /// Returns the ids of the projects whose measure changed.
    /// </summary>
    public async Task<IReadOnlyList<long>> MeasureAsync(CancellationToken ct = default)
    {
        List<(long Project, long Ms)> recent;
        List<(long Id, long? Seconds, long Answers)> stored;
        await using (var c = await db.OpenAsync(ct))
        {
            recent = [.. await c.QueryAsync<(long, long)>(
                """
                SELECT a.project_id, a.created_at - s.created_at FROM answers a JOIN assignments s ON s.id = a.assignment_id
                WHERE a.id > (SELECT COALESCE(MAX(id), 0) FROM answers) - @window
                ORDER BY a.id DESC
                """,
                new { window = Window })];
            stored = [.. await c.QueryAsync<(long, long?, long)>("SELECT id, measured_seconds, measured_answers FROM projects WHERE state <> 'Closed'")];
        }

        var changed = new List<long>();
        foreach (var group in recent.GroupBy(r => r.Project))
        {
            var sample = group.Select(r => Math.Max(0, r.Ms)).Take(Sample).ToList();
            if (stored.FirstOrDefault(s => s.Id == group.Key) is not { Id: > 0 } before
                || PayRate.Median(sample) is not { } median
                || (sample.Count < before.Answers && sample.Count < PayRate.MeasuredAfter)
                || (before.Seconds == median && before.Answers == sample.Count))
            {
                continue;
            }

            await db.WriteAsync(
                c => c.ExecuteAsync(
                    "UPDATE projects SET measured_seconds = @median, measured_answers = @count WHERE id = @id",
                    new { median, count = sample.Count, id = group.Key }),
                ct);
            changed.Add(group.Key);
        }

        return changed;
    }

    /// <summary>
    /// What the worker's answers since <paramref name="since"/> earned (their ledger rows, at the reward in force when
    /// each was given) and the time from lease to answer they took.
    /// </summary>
    public async Task<EarnedRate> EarnedSinceAsync(long workerId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var (earned, ms, answers) = await c.QuerySingleAsync<(long, long, long)>(
            """
            SELECT COALESCE(SUM(l.amount), 0), COALESCE(SUM(a.created_at - s.created_at), 0), COUNT(*)
            FROM ledger l JOIN answers a ON a.id = l.answer_id JOIN assignments s ON s.id = a.assignment_id
            WHERE l.account = @account AND l.answer_id IS NOT NULL AND l.created_at >= @since
            """,
            new { account = LedgerAccounts.Worker(workerId), since = Clock.Ms(since) });
        return new EarnedRate(earned, ms, (int)answers);
    }

    /// <summary>
    /// Raises the reward of the requester's own project, not a closed one, for every answer from now on; false when it
    /// is not theirs, is closed, or already pays <paramref name="reward"/> or more (a reward is never lowered here:
    /// workers took its tasks for what they were shown).
    /// </summary>
    public Task<bool> RaiseRewardAsync(long projectId, long requesterId, long reward, CancellationToken ct = default) =>
        db.WriteAsync(
            async c => await c.ExecuteAsync(
                "UPDATE projects SET reward = @reward WHERE id = @projectId AND requester_id = @requesterId AND state <> 'Closed' AND reward < @reward",
                new { projectId, requesterId, reward }) == 1,
            ct);

    /// <summary>Open projects whose measured time says they pay less than <paramref name="hourly"/> an hour, lowest first.</summary>
    public async Task<IReadOnlyList<(long Id, string Title, long PerHour)>> BelowAsync(long hourly, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(long Id, string Title, long Reward, long Seconds)>(
            "SELECT id, title, reward, measured_seconds FROM projects WHERE state IN ('Active', 'Paused') AND measured_answers >= @after AND measured_seconds > 0",
            new { after = PayRate.MeasuredAfter });
        return [.. rows.Select(r => (r.Id, r.Title, PayRate.PerHour(r.Reward, (int)r.Seconds))).Where(r => r.Item3 < hourly).OrderBy(r => r.Item3)];
    }
}
