using System.Data.Common;
using Dapper;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>
/// Workers' ratings of projects: the questions asked (at most one a week per worker and project), the scores chosen on
/// them, the finished ratings, and their averages over the last 30 days.
/// </summary>
public sealed class RatingStore(IDatabase db, TimeProvider time)
{
    /// <summary>
    /// A new question for the worker about the project, unless one was asked, skipped or rated in the last week; its id,
    /// or null then. Most calls find a recent one (a worker answering on is checked every 10 answers), so a read
    /// decides first and only a question to ask takes the writer.
    /// </summary>
    public async Task<long?> AskAsync(long workerId, long projectId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var args = new { workerId, projectId, now = Clock.Ms(now), since = Clock.Ms(now - ProjectRating.Quiet) };
        await using (var c = await db.OpenAsync(ct))
        {
            if (await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM ({Recent}) AS recent", args) > 0)
            {
                return null;
            }
        }

        return await db.WriteAsync(
            c => c.ExecuteScalarAsync<long?>(
                $"""
                INSERT INTO rating_prompts (worker_id, project_id, asked_at)
                SELECT @workerId, @projectId, @now WHERE NOT EXISTS ({Recent})
                RETURNING id
                """,
                args),
            ct);
    }

    /// <summary>The worker's question about the project asked, skipped or rated since <c>@since</c>, if any.</summary>
    private const string Recent = """
        SELECT 1 FROM rating_prompts
        WHERE worker_id = @workerId AND project_id = @projectId AND (asked_at > @since OR closed_at > @since)
        LIMIT 1
        """;

    /// <summary>
    /// Sets one row's score on the worker's open question; the one that completes it stores the rating and closes the
    /// question. A row already scored keeps its score.
    /// </summary>
    public Task<(RatingPress Press, RatingPrompt? Prompt)> RateAsync(long id, long workerId, RatingCriterion criterion, int score, CancellationToken ct = default) =>
        db.InTransactionAsync<(RatingPress, RatingPrompt?)>(
            async (c, tx) =>
            {
                var now = time.GetUtcNow();
                var (press, prompt) = await OpenAsync(c, tx, id, workerId, now);
                if (prompt is null)
                {
                    return (press, null);
                }

                var column = Column(criterion);
                if (prompt.Score(criterion) is not null
                    || await c.ExecuteAsync($"UPDATE rating_prompts SET {column} = @score WHERE id = @id AND {column} IS NULL", new { id, score }, tx) == 0)
                {
                    return (RatingPress.AlreadyChosen, prompt);
                }

                var scores = prompt.Scores.Select((s, i) => i == (int)criterion ? score : s).ToArray();
                prompt = prompt with { Scores = scores };
                if (!prompt.Complete)
                {
                    return (RatingPress.Saved, prompt);
                }

                await c.ExecuteAsync(
                    """
                    UPDATE rating_prompts SET state = 'rated', closed_at = @now WHERE id = @id AND state = 'open';
                    INSERT INTO project_ratings (prompt_id, project_id, worker_id, pay, clarity, fairness, payment_speed, rated_at)
                    SELECT id, project_id, worker_id, pay, clarity, fairness, payment_speed, @now FROM rating_prompts WHERE id = @id;
                    """,
                    new { id, now = Clock.Ms(now) },
                    tx);
                return (RatingPress.Rated, prompt);
            },
            ct);

    /// <summary>Closes the worker's open question unrated; the week without questions about the project starts now.</summary>
    public Task<(RatingPress Press, RatingPrompt? Prompt)> SkipAsync(long id, long workerId, CancellationToken ct = default) =>
        db.InTransactionAsync<(RatingPress, RatingPrompt?)>(
            async (c, tx) =>
            {
                var now = time.GetUtcNow();
                var (press, prompt) = await OpenAsync(c, tx, id, workerId, now);
                if (prompt is null)
                {
                    return (press, null);
                }

                await c.ExecuteAsync("UPDATE rating_prompts SET state = 'skipped', closed_at = @now WHERE id = @id AND state = 'open'", new { id, now = Clock.Ms(now) }, tx);
                return (RatingPress.Skipped, prompt);
            },
            ct);

    /// <summary>
    /// The projects' ratings of the last 30 days, for those that have any: each worker's ratings averaged first, so a
    /// worker asked every week weighs no more than one asked once. One indexed query per project (a list shows ten).
    /// </summary>
    public async Task<IReadOnlyDictionary<long, RatingSummary>> SummariesAsync(IEnumerable<long> projectIds, CancellationToken ct = default)
    {
        var since = Clock.Ms(time.GetUtcNow() - ProjectRating.Window);
        var summaries = new Dictionary<long, RatingSummary>();
        await using var c = await db.OpenAsync(ct);
        foreach (var projectId in projectIds.Distinct())
        {
            var r = await c.QuerySingleAsync<SummaryRow>(Summary, new { projectId, since });
            if (r.Workers > 0)
            {
                summaries[projectId] = new RatingSummary((int)r.Workers, r.Pay ?? 0, r.Clarity ?? 0, r.Fairness ?? 0, r.PaymentSpeed ?? 0);
            }
        }

        return summaries;
    }

    private const string Summary = """
        SELECT COUNT(*) AS workers, AVG(pay) AS pay, AVG(clarity) AS clarity, AVG(fairness) AS fairness, AVG(payment_speed) AS payment_speed
        FROM (SELECT worker_id, AVG(CAST(pay AS real)) AS pay, AVG(CAST(clarity AS real)) AS clarity,
                     AVG(CAST(fairness AS real)) AS fairness, AVG(CAST(payment_speed AS real)) AS payment_speed
              FROM project_ratings
              WHERE project_id = @projectId AND rated_at > @since
              GROUP BY worker_id) AS per_worker
        """;

    /// <summary>The worker's question if it is still open (NotYours or Closed otherwise), read under the transaction.</summary>
    private static async Task<(RatingPress Press, RatingPrompt? Prompt)> OpenAsync(DbConnection c, DbTransaction tx, long id, long workerId, DateTimeOffset now)
    {
        var row = await c.QuerySingleOrDefaultAsync<PromptRow>($"SELECT {PromptRow.Columns}, state, asked_at FROM rating_prompts WHERE id = @id", new { id }, tx);
        if (row is null || row.WorkerId != workerId)
        {
            return (RatingPress.NotYours, null);
        }

        return row.State != "open" || row.AskedAt <= Clock.Ms(now - ProjectRating.Quiet) ? (RatingPress.Closed, null) : (RatingPress.Saved, row.Prompt);
    }

    /// <summary>Each criterion's column; never built from input.</summary>
    private static string Column(RatingCriterion criterion) => criterion switch
    {
        RatingCriterion.Pay => "pay",
        RatingCriterion.Clarity => "clarity",
        RatingCriterion.Fairness => "fairness",
        RatingCriterion.PaymentSpeed => "payment_speed",
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };

    private sealed class PromptRow
    {
        public const string Columns = "id, worker_id, project_id, pay, clarity, fairness, payment_speed";

        public long Id { get; set; }
        public long WorkerId { get; set; }
        public long ProjectId { get; set; }
        public int? Pay { get; set; }
        public int? Clarity { get; set; }
        public int? Fairness { get; set; }
        public int? PaymentSpeed { get; set; }
        public string State { get; set; } = "";
        public long AskedAt { get; set; }

        public RatingPrompt Prompt => new(Id, WorkerId, ProjectId, [Pay, Clarity, Fairness, PaymentSpeed]);
    }

    private sealed class SummaryRow
    {
        public long Workers { get; set; }
        public double? Pay { get; set; }
        public double? Clarity { get; set; }
        public double? Fairness { get; set; }
        public double? PaymentSpeed { get; set; }
    }
}
