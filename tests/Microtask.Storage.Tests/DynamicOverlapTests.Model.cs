using Microtask.Core;

namespace Microtask.Storage.Tests;

/// <summary>Dynamic overlap's second look: Dawid–Skene fitted over the project sends back the tasks it is not sure of and leaves those it finds decided.</summary>
public abstract partial class DynamicOverlapTests
{
    [Fact]
    public async Task The_model_sends_back_tasks_whose_agreement_came_from_a_random_clicker()
    {
        // Six workers right four times in five, and one who presses "yes" whatever the task: paired two by two on each task.
        const int tasks = 150;
        var project = await Backend.Projects.CreateAsync(
            new NewProject("Dynamic", "x", AnswerKind.YesNo, [], "{{text}}", 0, 2, TimeSpan.FromMinutes(5)) { OverlapMax = 5, OverlapTarget = 90 },
            Enumerable.Range(0, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"t{i}", ["truth"] = i % 2 == 0 ? "yes" : "no" })).ToList(),
            ProjectState.Active);
        var good = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            good.Add(await Backend.WorkerAsync(10 + i));
        }

        var clicker = await Backend.WorkerAsync(20);
        var given = good.ToDictionary(w => w, _ => 0);
        var ids = await QueryAsync<long>("SELECT id FROM tasks ORDER BY id");
        var store = new OverlapStore(Backend.Db);
        Assert.Equal(0, await store.RecheckWithModelAsync((await Backend.Projects.FindAsync(project))!)); // no answers yet

        for (var i = 0; i < tasks; i++)
        {
            var order = new List<long> { good[i % 6], i % 3 == 0 ? clicker : good[(i + 1) % 6] };
            order.AddRange(good.Except(order));
            foreach (var worker in order)
            {
                if (await ScalarAsync($"SELECT overlap - answers FROM tasks WHERE id = {ids[i]}") == 0)
                {
                    break;
                }

                var claimed = (await Backend.Assignments.ClaimAsync(worker))!;
                Assert.Equal(ids[i], claimed.Task.Id);
                var truth = claimed.Task.Fields["truth"];
                var answer = worker == clicker ? "yes" : ++given[worker] % 5 == 0 ? (truth == "yes" ? "no" : "yes") : truth;
                await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, answer);
            }
        }

        var leanedOnTheClicker = await QueryAsync<long>(
            $"SELECT t.id FROM tasks t WHERE t.answers = 2 AND t.overlap = 2 AND EXISTS (SELECT 1 FROM answers a WHERE a.task_id = t.id AND a.worker_id = {clicker}) ORDER BY t.id");
        var agreedByTwo = await QueryAsync<long>(
            $"SELECT t.id FROM tasks t WHERE t.answers = 2 AND t.overlap = 2 AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.task_id = t.id AND a.worker_id = {clicker}) ORDER BY t.id");
        // Three against one by votes, one of the three the clicker's: decided by votes with one answer to come, and so
        // stopped at 4 of 5; the model, which knows what the clicker's "yes" is worth, may find some of them not decided.
        var decidedWithTheClicker = await QueryAsync<long>(
            $"SELECT t.id FROM tasks t WHERE t.answers = 4 AND t.overlap = 4 AND EXISTS (SELECT 1 FROM answers a WHERE a.task_id = t.id AND a.worker_id = {clicker}) ORDER BY t.id");
        Assert.NotEmpty(leanedOnTheClicker);
        Assert.NotEmpty(agreedByTwo);
        Assert.NotEmpty(decidedWithTheClicker);

        // Every task the clicker's "yes" carried at 2 answers wants another answer; of those two workers agreed on, only
        // the ones the model trusts less than 90 % (two of the weaker workers) do; and some of the 3 against 1.
        var raised = await store.RecheckWithModelAsync((await Backend.Projects.FindAsync(project))!);
        var open = await QueryAsync<long>("SELECT id FROM tasks WHERE answers < overlap ORDER BY id");
        Assert.Equal(raised, open.Count);
        Assert.Subset(open.ToHashSet(), leanedOnTheClicker.ToHashSet());
        Assert.Subset(leanedOnTheClicker.Concat(agreedByTwo).Concat(decidedWithTheClicker).ToHashSet(), open.ToHashSet());
        Assert.Contains(open, decidedWithTheClicker.Contains);
        Assert.InRange(open.Count(agreedByTwo.Contains), 0, agreedByTwo.Count - 1);
        Assert.Equal(0, await store.RecheckWithModelAsync((await Backend.Projects.FindAsync(project))!)); // those now wait for their answer
    }

    [Fact]
    public async Task Until_100_percent_a_task_goes_on_until_decided_and_the_model_leaves_what_is_decided()
    {
        // Six workers right four times in five, each on their own dice, taking turns in an order that turns; every task is
        // answered until it wants no more, then the model looks.
        const int tasks = 120;
        var project = await Backend.Projects.CreateAsync(
            new NewProject("Dynamic", "x", AnswerKind.YesNo, [], "{{text}}", 0, 2, TimeSpan.FromMinutes(5)) { OverlapMax = 5, OverlapTarget = 100 },
            Enumerable.Range(0, tasks).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"t{i}", ["truth"] = i % 2 == 0 ? "yes" : "no" })).ToList(),
            ProjectState.Active);
        var workers = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            workers.Add(await Backend.WorkerAsync(10 + i));
        }

        var dice = workers.ToDictionary(w => w, w => new Random((int)w));
        var store = new OverlapStore(Backend.Db);
        await AnswerWhatIsOpenAsync();

        // Two answers of two agree at 100 %, yet three more could overturn them: at 100 % no task stops there.
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM tasks WHERE answers < 3"));
        var stoppedShort = await QueryAsync<long>("SELECT answers FROM tasks WHERE answers = overlap AND overlap < 5");
        Assert.Contains(3L, stoppedShort);
        Assert.Contains(4L, stoppedShort);

        // No posterior is 100 %, so without "decided" the model would send back every task stopped below 5; it leaves
        // those whose answers still to come could not change it (three of three, three against one), most of them.
        Assert.InRange(await store.RecheckWithModelAsync((await Backend.Projects.FindAsync(project))!), 0, stoppedShort.Count / 2);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM tasks WHERE answers > 5"));

        async Task AnswerWhatIsOpenAsync()
        {
            for (var (progress, turn) = (true, 0); progress; turn++)
            {
                progress = false;
                foreach (var worker in workers.Skip(turn % 5).Concat(workers.Take(turn % 5)))
                {
                    if (await Backend.Assignments.ClaimAsync(worker) is { } claimed)
                    {
                        var truth = claimed.Task.Fields["truth"];
                        var answer = dice[worker].NextDouble() < 0.8 ? truth : truth == "yes" ? "no" : "yes";
                        await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, answer);
                        progress = true;
                    }
                }
            }
        }
    }

    [Fact]
    public async Task The_model_looks_at_multiple_choice_one_option_at_a_time()
    {
        // Five workers whose every tick is right 9 times in 10 and one who ticks everything, on 100 tasks of options a-c.
        string[] options = ["a", "b", "c"];
        var project = await Backend.Projects.CreateAsync(
            new NewProject("Dynamic", "x", AnswerKind.MultipleChoice, options, "{{text}}", 0, 2, TimeSpan.FromMinutes(5)) { OverlapMax = 5, OverlapTarget = 90 },
            Enumerable.Range(0, 100).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"t{i}", ["truth"] = $"{i % 8}" })).ToList(),
            ProjectState.Active);
        var workers = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            workers.Add(await Backend.WorkerAsync(10 + i));
        }

        var dice = new Random(26);
        for (var (progress, turn) = (true, 0); progress; turn++)
        {
            progress = false;
            foreach (var worker in workers.Skip(turn % 6).Concat(workers.Take(turn % 6)))
            {
                if (await Backend.Assignments.ClaimAsync(worker) is { } claimed)
                {
                    var truth = int.Parse(claimed.Task.Fields["truth"], System.Globalization.CultureInfo.InvariantCulture);
                    var ticked = worker == workers[5] ? options : options.Where((_, o) => ((truth >> o) & 1) == 1 ^ dice.NextDouble() < 0.1).ToArray();
                    await Backend.Answers.SubmitAsync(claimed.Assignment.Id, worker, System.Text.Json.JsonSerializer.Serialize(ticked));
                    progress = true;
                }
            }
        }

        Assert.InRange(await ScalarAsync("SELECT COUNT(*) FROM answers"), OverlapStore.ModelAnswers, 500);
        var store = new OverlapStore(Backend.Db);
        Assert.Contains(project, await store.ModelledProjectsAsync());

        // Read as a choice among the options, no stored set would count and every task stopped short would go back.
        var stoppedShort = await ScalarAsync("SELECT COUNT(*) FROM tasks WHERE answers = overlap AND overlap < 5");
        Assert.InRange(await store.RecheckWithModelAsync((await Backend.Projects.FindAsync(project))!), 1, (int)stoppedShort - 1);
    }
}
