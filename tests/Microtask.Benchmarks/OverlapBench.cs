using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Benchmarks;

/// <summary>
/// --overlap: what dynamic overlap saves and what it costs in accuracy, on a simulated crowd answering through the real
/// stores (claim, submit: the answer path of the bot). For each crowd and each kind of task, the same tasks (their true
/// answer hidden in a field) are answered once under a fixed overlap and once under a range with a target; the answers
/// paid per task, and the accuracy of the final answers as /results would give them (<see cref="Aggregation.Choose"/>).
/// The model's second look (<see cref="OverlapStore.RecheckWithModelAsync"/>) runs whenever the crowd runs out of tasks.
/// </summary>
internal static class OverlapBench
{
    private const int Workers = 50;

    /// <summary>
    /// The policies compared: fixed 5; 2–5 until 90 %; and 2–5 until 100 %, which stops a task only once the answers
    /// still to come cannot change it (<see cref="TaskAgreement.Decided"/>, <see cref="ModelDecision"/>).
    /// </summary>
    private static readonly (string Name, OverlapRule Rule)[] Policies =
    [
        ("fixed 5", OverlapRule.Fixed(5)),
        ("2-5 until 90%", new OverlapRule(2, 5, 90)),
        ("2-5 until 100%", new OverlapRule(2, 5, 100)),
    ];

    /// <summary>The crowds: every worker right 80 % of the time; the same with one worker in five clicking at random.</summary>
    private static readonly (string Name, double Clickers)[] Crowds = [("accuracy 0.8", 0), ("0.8, 20 % random clickers", 0.2)];

    private static readonly (string Name, AnswerKind Kind, string[] Options)[] Kinds =
    [
        ("yes/no", AnswerKind.YesNo, []),
        ("3 choices", AnswerKind.SingleChoice, ["positive", "neutral", "negative"]),
    ];

    public static async Task<int> RunAsync(BenchOptions options, int tasks, int seed)
    {
        Console.WriteLine($"{tasks} tasks per run, {Workers} workers answering through the stores; seed {seed}; {Machine.Describe()}");
        Console.WriteLine("| backend | crowd | tasks | overlap | answers paid per task | accuracy of the final answers | majority vote's | tasks stopped at the minimum | most answers on a task |");
        Console.WriteLine("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        var broken = false;
        foreach (var backend in options.Backends)
        {
            foreach (var (crowdName, clickers) in Crowds)
            {
                foreach (var (kindName, kind, optionList) in Kinds)
                {
                    foreach (var (policyName, rule) in Policies)
                    {
                        await using var bot = await BotUnderLoad.StartAsync(backend, options);
                        var run = await RunOnceAsync(bot, kind, optionList, rule, tasks, clickers, seed);
                        broken |= run.Most > rule.Max;
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"| {backend} | {crowdName} | {kindName} | {policyName} | {run.PerTask:0.00} | {run.Accuracy:0.000} | {run.Majority:0.000} | {(rule.Dynamic ? run.AtMinimum.ToString("0.0 %", CultureInfo.InvariantCulture) : "—")} | {run.Most} |"));
                    }
                }
            }
        }

        return broken ? 1 : 0;
    }

    /// <param name="Accuracy">Of the final answers as /results gives them (Dawid–Skene from 3 answers, majority below).</param>
    /// <param name="Majority">Of plain majority vote over the same answers (a tie is no answer).</param>
    private sealed record Outcome(double PerTask, double Accuracy, double Majority, double AtMinimum, long Most);

    private static async Task<Outcome> RunOnceAsync(BotUnderLoad bot, AnswerKind kind, string[] optionList, OverlapRule rule, int count, double clickers, int seed)
    {
        var services = bot.App.Services;
        var project = new NewProject("Overlap", "Pick the right one", kind, optionList, "{{text}}", 1, rule.Min, TimeSpan.FromMinutes(10))
        {
            OverlapMax = rule.Dynamic ? rule.Max : null,
            OverlapTarget = rule.TargetPercent,
        };
        var choices = new Project(0, "", "", kind, optionList, "", 1, 1, TimeSpan.Zero, ProjectState.Active).Choices;
        var random = new Random(seed);
        var truths = Enumerable.Range(0, count).Select(_ => choices[random.Next(choices.Count)]).ToList();
        var projectId = await services.GetRequiredService<ProjectStore>().CreateAsync(
            project,
            truths.Select((truth, i) => new NewTask(new Dictionary<string, string> { ["text"] = $"item {i}", ["truth"] = truth })).ToList(),
            ProjectState.Active);

        // The same crowd for every policy: one worker in 1/clickers presses at random, the others are right 80 % of the time.
        var crowd = new List<(long Id, bool Clicker, Random Random)>();
        for (var i = 0; i < Workers; i++)
        {
            var worker = await services.GetRequiredService<WorkerStore>().EnsureAsync(8_000_000 + i, $"w{i}", "en");
            crowd.Add((worker.Id, (i < Workers * clickers), new Random((seed * 1_000) + i)));
        }

        var assignments = services.GetRequiredService<AssignmentStore>();
        var answers = services.GetRequiredService<AnswerStore>();
        // Workers leave when nothing is open to them; the model's job then looks again (as it does every few minutes
        // in the bot), and the crowd comes back for the slots it opened, until neither has anything left to do.
        var overlaps = services.GetRequiredService<OverlapStore>();
        var created = (await services.GetRequiredService<ProjectStore>().FindAsync(projectId))!;
        var given = 0;
        for (var before = -1; before != given || await overlaps.RecheckWithModelAsync(created) > 0;)
        {
            before = given;
            await Task.WhenAll(crowd.Select(w => Task.Run(async () =>
            {
                while (await assignments.ClaimAsync(w.Id) is { } claimed)
                {
                    var truth = claimed.Task.Fields["truth"];
                    var answer = w.Clicker ? choices[w.Random.Next(choices.Count)]
                        : w.Random.NextDouble() < 0.8 ? truth
                        : choices.Where(c => c != truth).ElementAt(w.Random.Next(choices.Count - 1));
                    await answers.SubmitAsync(claimed.Assignment.Id, w.Id, answer);
                    Interlocked.Increment(ref given);
                }
            })));
        }

        await using var c = await bot.Database.OpenAsync(CancellationToken.None);
        var rows = (await c.QueryAsync<(long TaskId, long WorkerId, string Value)>("SELECT task_id, worker_id, value FROM answers ORDER BY task_id")).ToList();
        var truthOf = (await c.QueryAsync<(long Id, string Fields)>("SELECT id, fields FROM tasks"))
            .ToDictionary(t => t.Id, t => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(t.Fields)!["truth"]);
        var records = rows.Select(r => new AnswerRecord(r.TaskId, r.WorkerId.ToString(CultureInfo.InvariantCulture), r.Value)).ToList();
        var final = Aggregation.Choose(kind, choices, records);
        var perTask = rows.GroupBy(r => r.TaskId).Select(g => g.Count()).ToList();
        return new Outcome(
            (double)rows.Count / count,
            (double)final.Count(a => a.Value == truthOf[a.TaskId]) / count,
            (double)MajorityVote.Aggregate(records).Count(a => a.Value == truthOf[a.TaskId]) / count,
            (double)perTask.Count(n => n == rule.Min) / count,
            await c.ExecuteScalarAsync<long>("SELECT MAX(answers) FROM tasks"));
    }
}
