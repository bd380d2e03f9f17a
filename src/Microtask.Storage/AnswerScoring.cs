using System.Data.Common;
using Dapper;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Storage;

/// <summary>
/// A stored answer's quality, on either engine: scored if gold, flagged if too fast, and the worker's record on the
/// project judged by its rules.
/// </summary>
internal static class AnswerScoring
{
    /// <summary>Whether the answer is gold or too fast, the two kinds that <see cref="ScoreAsync"/> has work for.</summary>
    public static bool IsScored(SubmitResult result, StoredAnswerRow row, long ms) =>
        result.GoldCorrect is not null || row.Rules.TooFast(TimeSpan.FromMilliseconds(ms - row.ClaimedAt));

    /// <summary>
    /// In the transaction given (the answer's own, or one right after its commit): score it if gold, flag it if too fast,
    /// and let the project's rules judge the worker's record on the project — a suspension (a project ban with its rule
    /// and no admin behind it) or the qualification passed. An answer that is neither gold nor too fast costs nothing.
    /// </summary>
    public static async Task<SubmitResult> ScoreAsync(DbConnection c, DbTransaction tx, SubmitResult result, StoredAnswerRow row, long projectId, long assignmentId, long workerId, long ms)
    {
        var rules = row.Rules;
        var tooFast = rules.TooFast(TimeSpan.FromMilliseconds(ms - row.ClaimedAt));
        if (!IsScored(result, row, ms))
        {
            return result;
        }

        var gold = result.GoldCorrect is not null;
        var args = new
        {
            workerId, projectId, assignmentId, ms, tooFast,
            correct = result.GoldCorrect, goldTotal = gold ? 1 : 0, goldCorrect = result.GoldCorrect == true ? 1 : 0, flags = tooFast ? 1 : 0,
        };
        var record = await c.QuerySingleAsync<QualityRecordRow>(
            """
            UPDATE answers SET gold_correct = @correct, too_fast = @tooFast WHERE assignment_id = @assignmentId;
            UPDATE workers SET gold_total = gold_total + @goldTotal, gold_correct = gold_correct + @goldCorrect WHERE id = @workerId;
            INSERT INTO worker_quality (worker_id, project_id, gold_total, gold_correct, fast_flags)
            VALUES (@workerId, @projectId, @goldTotal, @goldCorrect, @flags)
            ON CONFLICT (worker_id, project_id) DO UPDATE SET
                gold_total = worker_quality.gold_total + excluded.gold_total,
                gold_correct = worker_quality.gold_correct + excluded.gold_correct,
                fast_flags = worker_quality.fast_flags + excluded.fast_flags
            RETURNING gold_correct, gold_total, fast_flags, qualified
            """,
            args,
            tx);
        var verdict = QualityVerdict.Judge(rules, record.ToRecord(), gold, tooFast);
        if (verdict.Qualified)
        {
            await c.ExecuteAsync("UPDATE worker_quality SET qualified = TRUE WHERE worker_id = @workerId AND project_id = @projectId", args, tx);
        }

        if (verdict.Suspended is { } rule)
        {
            // Once: a suspension already in force (say, by an admin) is not stacked on.
            await c.ExecuteAsync(
                """
                INSERT INTO bans (worker_id, project_id, until, reason, created_by, created_at, rule)
                SELECT @workerId, @projectId, @until, @reason, NULL, @ms, @rule
                WHERE NOT EXISTS (SELECT 1 FROM bans WHERE worker_id = @workerId AND project_id = @projectId AND until > @ms)
                """,
                new { workerId, projectId, ms, until = Clock.Ms(BanStore.Permanent), reason = Figures(rule, verdict.Record, rules), rule = RuleName(rule) },
                tx);
        }

        return result with { TooFast = tooFast, Verdict = verdict };
    }

    /// <summary>The rule as stored in bans.rule.</summary>
    private static string RuleName(SuspensionRule rule) => rule switch
    {
        SuspensionRule.Accuracy => "accuracy",
        SuspensionRule.TooFast => "too_fast",
        _ => "qualification",
    };

    /// <summary>The figures behind a suspension, kept as its reason for admins: language-neutral numbers.</summary>
    private static string Figures(SuspensionRule rule, QualityRecord r, QualityRules rules) => rule switch
    {
        SuspensionRule.TooFast => $"{r.FastFlags} × < {rules.MinSeconds} s",
        _ => $"{r.GoldCorrect}/{r.GoldTotal} gold, {r.Accuracy * 100:0}% < {rules.MinAccuracy}%",
    };

    private sealed class QualityRecordRow
    {
        public long GoldCorrect { get; set; }
        public long GoldTotal { get; set; }
        public long FastFlags { get; set; }
        public bool Qualified { get; set; }

        public QualityRecord ToRecord() => new((int)GoldCorrect, (int)GoldTotal, (int)FastFlags, Qualified);
    }
}
