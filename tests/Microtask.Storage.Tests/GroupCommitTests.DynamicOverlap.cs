using Dapper;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Storage.Tests;

/// <summary>
/// Dynamic overlap inside PostgreSQL's answer statement: the agreement is computed in SQL over the task's stored answers
/// and the batch's own, and must say what Core's <see cref="TaskAgreement"/> says, as must whether it is decided.
/// </summary>
public sealed partial class GroupCommitTests
{
    [Fact]
    public async Task Answers_to_one_task_in_one_batch_are_all_counted_in_its_agreement()
    {
        var project = await Backend.Projects.CreateAsync(
            new NewProject("Dynamic", "x", AnswerKind.YesNo, [], "{{text}}", 0, 2, TimeSpan.FromMinutes(5)) { OverlapMax = 4, OverlapTarget = 90 },
            [new NewTask(new Dictionary<string, string> { ["text"] = "t" })],
            ProjectState.Active);
        var batchId = await Scalar("INSERT INTO batches (project_id, requester_id, file_id, file_name, sha256, rows_ok, state, created_at) VALUES (@project, @requester, 'f', 'b.csv', 'x', 1, 'imported', 0) RETURNING id", new { project, requester = await Backend.WorkerAsync(99) });
        await Execute("UPDATE tasks SET batch_id = @batchId", new { batchId });
        var workers = new List<long>();
        var leases = new List<ClaimedTask>();
        for (var i = 1; i <= 4; i++)
        {
            workers.Add(await Backend.WorkerAsync(i));
        }

        // Two that agree: the statement's snapshot shows neither stored, yet both count, and the later fills the task.
        leases.AddRange([(await Backend.Assignments.ClaimAsync(workers[0]))!, (await Backend.Assignments.ClaimAsync(workers[1]))!]);
        var agreeing = await Task.WhenAll(Pg.SubmitTogether([(leases[0].Assignment.Id, workers[0], "yes"), (leases[1].Assignment.Id, workers[1], "yes")]));
        Assert.Equal([null, batchId], agreeing.Select(r => r.FilledBatchId));
        Assert.Equal(2L, await Scalar("SELECT overlap FROM tasks"));

        // Raised by hand to let two more in, who disagree: the task wants one more, and neither filled it.
        await Execute("UPDATE tasks SET overlap = 4, overlap_max = 5");
        leases.AddRange([(await Backend.Assignments.ClaimAsync(workers[2]))!, (await Backend.Assignments.ClaimAsync(workers[3]))!]);
        var split = await Task.WhenAll(Pg.SubmitTogether([(leases[2].Assignment.Id, workers[2], "no"), (leases[3].Assignment.Id, workers[3], "no")]));
        Assert.All(split, r => Assert.Null(r.FilledBatchId));
        Assert.Equal(5L, await Scalar("SELECT overlap FROM tasks"));
    }

    [Fact]
    public async Task The_sql_agreement_and_decision_say_what_core_says_for_every_kind()
    {
        var random = new Random(26);
        string[] texts = ["Jakarta", " jakarta ", "JAKARTA", "Ibu  Kota", "ibu kota", "École", "école", "", "  "];
        string[] numbers = ["100", "104", "96", "120", "-1", "0", "1", "2.50", "2.5", "0.0", "x", "1e2", "-100", "-103"];
        string[] sets = ["[]", "[\"a\"]", "[\"b\"]", "[\"a\",\"b\"]", "[\"a\",\"c\"]"];
        string[] choices = ["positive", "negative", "neutral"];
        var cases = new List<(AnswerKind Kind, string[] Answers, int Target)>();
        foreach (var (kind, pool) in new[] { (AnswerKind.FreeText, texts), (AnswerKind.Number, numbers), (AnswerKind.MultipleChoice, sets), (AnswerKind.SingleChoice, choices) })
        {
            for (var i = 0; i < 60; i++)
            {
                var answers = Enumerable.Range(0, random.Next(1, 7)).Select(_ => pool[random.Next(pool.Length)]).ToArray();
                cases.Add((kind, answers, random.Next(1, 101)));
            }
        }

        cases.Add((AnswerKind.Photo, ["a", "b"], 100));
        cases.Add((AnswerKind.Voice, ["a"], 40));
        cases.Add((AnswerKind.YesNo, ["yes", "yes"], 100));
        cases.Add((AnswerKind.Number, [], 50));
        await using var c = await Backend.Db.OpenAsync(CancellationToken.None);
        foreach (var (kind, answers, target) in cases)
        {
            var sql = await c.ExecuteScalarAsync<bool>("SELECT overlap_reached(@kind, @answers, @target)", new { kind = kind.ToString(), answers, target });
            Assert.True(
                TaskAgreement.Reaches(kind, answers, target) == sql,
                $"{kind} [{string.Join(" | ", answers)}] at {target} %: Core {TaskAgreement.Of(kind, answers)}, SQL {sql}");
            var still = random.Next(0, 5);
            var decided = await c.ExecuteScalarAsync<bool>("SELECT overlap_decided(@kind, @answers, @still)", new { kind = kind.ToString(), answers, still });
            Assert.True(TaskAgreement.Decided(kind, answers, still) == decided, $"{kind} [{string.Join(" | ", answers)}] with {still} still to come: SQL {decided}");
            foreach (var stopsAt in new[] { target, 100 })
            {
                Assert.True(
                    TaskAgreement.Stops(kind, answers, stopsAt, still)
                        == await c.ExecuteScalarAsync<bool>("SELECT overlap_stops(@kind, @answers, @stopsAt, @still)", new { kind = kind.ToString(), answers, stopsAt, still }),
                    $"{kind} [{string.Join(" | ", answers)}] at {stopsAt} % with {still} still to come");
            }
        }
    }
}
