using System.Globalization;
using Microtask.Core;
using Microtask.Sandbox;
using static Microtask.Bot.Tests.Workers.AnswerKindFixtures;

namespace Microtask.Bot.Tests.Workers;

/// <summary>Multiple choice and pairwise, from the wizard's questions through the worker's buttons to the results' columns.</summary>
public abstract class ChoiceKindTests(string backend) : BotTest(backend, AnswerKindFixtures.Settings)
{
    private static readonly string[] Colours = ["red", "green", "blue"];
    private Player requester = null!;

    protected override async Task StartedAsync() => requester = await Bot.WorkerAsync("Rini", "en");

    [Fact]
    public async Task The_wizard_asks_multiple_choice_for_its_options_and_a_none_of_these_button()
    {
        await requester.SendAsync("/newproject");
        await requester.SendAsync("Colours");
        await requester.SendAsync("Tick each colour you see");
        await requester.SendAsync("6");
        var none = await requester.SendAsync("red, green, blue");
        Assert.Contains("None of these", none.PlainText);
        await requester.TapAsync(none, "Yes");
        foreach (var answer in new[] { "{{text}}", "0", "20s", "3", "5m", "none", "default", "0" })
        {
            await requester.SendAsync(answer);
        }

        var preview = requester.BotMessages()[^2];
        Assert.Contains("Tick every option that applies", preview.PlainText);
        Assert.Equal(["red", "green", "blue", "None of these", "Done ✔"], preview.Keyboard.SelectMany(r => r).Take(5).Select(b => b.Text));
        Assert.Equal(("MultipleChoice", 1L), (await KindAsync(), await Bot.ScalarAsync("SELECT COUNT(*) FROM projects WHERE answer_settings LIKE '%\"NoneOption\":true%'")));
    }

    [Fact]
    public async Task The_wizard_asks_pairwise_whether_same_is_allowed_and_for_a_template_with_two_items()
    {
        await requester.SendAsync("/newproject");
        await requester.SendAsync("Better photo");
        await requester.SendAsync("Which reads better?");
        Assert.Contains("Same", (await requester.SendAsync("7")).PlainText);
        Assert.Contains("Press Yes or No", (await requester.SendAsync("perhaps")).PlainText);
        await requester.SendAsync("yes");
        Assert.Contains("two fields", (await requester.SendAsync("Only {{left}}")).PlainText);
        foreach (var answer in new[] { "A: {{left}}\nB: {{right}}", "0", "20s", "3", "5m", "none", "default", "0" })
        {
            await requester.SendAsync(answer);
        }

        var preview = requester.BotMessages()[^2];
        Assert.Contains("Which is better, A or B?", preview.PlainText);
        Assert.Equal(["A", "B", "Same"], preview.Keyboard[0].Select(b => b.Text));
        Assert.Equal("Pairwise", await KindAsync());
    }

    [Fact]
    public async Task Options_tick_and_untick_in_place_and_done_stores_the_set_while_done_with_nothing_is_refused()
    {
        var id = await ProjectAsync(Bot, requester, AnswerKind.MultipleChoice, "{{text}}", [Row(("text", "a flag"))], Colours, new AnswerSettings { NoneOption = true });
        var worker = await Bot.WorkerAsync("Ayu");
        var task = await worker.SendAsync("/task");

        await worker.TapAsync(task, "Done ✔");
        Assert.Equal("Tick at least one option, or None of these, first.", worker.LastToast());
        await worker.TapAsync(task, "red");
        await worker.TapAsync(worker.Message(task.MessageId), "blue");
        Assert.Equal(["✅ red", "green", "✅ blue", "None of these"], Options(worker.Message(task.MessageId)));
        await worker.TapAsync(worker.Message(task.MessageId), "red");
        Assert.Equal(["red", "green", "✅ blue", "None of these"], Options(worker.Message(task.MessageId)));
        Assert.Equal(0, await AnswersAsync(id));

        // None of these clears the options it excludes; an option clears it again.
        await worker.TapAsync(worker.Message(task.MessageId), "None of these");
        Assert.Equal(["red", "green", "blue", "✅ None of these"], Options(worker.Message(task.MessageId)));
        await worker.TapAsync(worker.Message(task.MessageId), "green");
        await worker.TapAsync(worker.Message(task.MessageId), "blue");
        Assert.Equal(["red", "✅ green", "✅ blue", "None of these"], Options(worker.Message(task.MessageId)));

        await worker.TapAsync(worker.Message(task.MessageId), "Done ✔");
        Assert.Contains("Saved: green, blue", worker.Message(task.MessageId).PlainText);
        Assert.Equal("[\"green\",\"blue\"]", await ValueAsync(id));
    }

    [Fact]
    public async Task None_of_these_is_stored_as_an_empty_set()
    {
        var id = await ProjectAsync(Bot, requester, AnswerKind.MultipleChoice, "{{text}}", [Row(("text", "a cloud"))], Colours, new AnswerSettings { NoneOption = true });
        var worker = await Bot.WorkerAsync("Ayu");
        var task = await worker.SendAsync("/task");

        await worker.TapAsync(task, "None of these");
        await worker.TapAsync(worker.Message(task.MessageId), "Done ✔");

        Assert.Contains("Saved: None of these", worker.Message(task.MessageId).PlainText);
        Assert.Equal("[]", await ValueAsync(id));
    }

    [Fact]
    public async Task Without_none_of_these_done_with_nothing_asks_for_an_option_and_a_forged_none_is_refused()
    {
        var id = await ProjectAsync(Bot, requester, AnswerKind.MultipleChoice, "{{text}}", [Row(("text", "a flag"))], Colours);
        var worker = await Bot.WorkerAsync("Ayu");
        var task = await worker.SendAsync("/task");
        Assert.DoesNotContain(task.Keyboard.SelectMany(r => r), b => b.Text.Contains("None", StringComparison.Ordinal));

        await worker.TapAsync(task, "Done ✔");
        Assert.Equal("Tick at least one option first.", worker.LastToast());
        var assignment = Button(task, "Done ✔").CallbackData!.Split(':')[1];
        await worker.ForgeAsync(task.MessageId, $"md:{assignment}:{1 << 10}");
        Assert.Equal("This button is no longer valid.", worker.LastToast());
        await worker.ForgeAsync(task.MessageId, $"mt:{assignment}:8");
        Assert.Equal("This button is no longer valid.", worker.LastToast());
        Assert.Equal(Options(task), Options(worker.Message(task.MessageId)));
        Assert.Equal(0, await AnswersAsync(id));
    }

    [Fact]
    public async Task A_toggle_on_an_answered_or_expired_task_is_refused_and_changes_nothing()
    {
        var id = await ProjectAsync(Bot, requester, AnswerKind.MultipleChoice, "{{text}}", [Row(("text", "one")), Row(("text", "two"))], Colours, overlap: 1);
        var worker = await Bot.WorkerAsync("Ayu");
        var first = await worker.SendAsync("/task");
        var staleToggle = Button(first, "green").CallbackData!;
        await worker.TapAsync(first, "red");
        await worker.TapAsync(worker.Message(first.MessageId), "Done ✔");

        await worker.ForgeAsync(first.MessageId, staleToggle);
        Assert.Equal("This button is no longer valid.", worker.LastToast());
        Assert.Contains("Saved: red", worker.Message(first.MessageId).PlainText);

        var second = Task(worker);
        var toggle = Button(second, "blue").CallbackData!;
        Bot.Time.Advance(TimeSpan.FromMinutes(6));
        await worker.ForgeAsync(second.MessageId, toggle);
        Assert.Equal("This button is no longer valid.", worker.LastToast());
        Assert.DoesNotContain("✅", string.Concat(worker.Message(second.MessageId).Keyboard.SelectMany(r => r).Select(b => b.Text)));
        Assert.Equal(1, await AnswersAsync(id));
    }

    [Fact]
    public async Task Results_give_each_option_its_aggregated_yes_or_no_with_confidence_and_the_raw_sets()
    {
        var id = await ProjectAsync(Bot, requester, AnswerKind.MultipleChoice, "{{text}}", [Row(("text", "flag")), Row(("text", "sky"))], Colours, new AnswerSettings { NoneOption = true });
        string[][] ticks = [["red", "blue"], ["red"], ["red", "green"]];
        foreach (var (set, i) in ticks.Select((s, i) => (s, i)))
        {
            var worker = await Bot.WorkerAsync($"W{i}");
            var task = await worker.SendAsync("/task");
            Assert.Contains("flag", task.PlainText);
            foreach (var option in set)
            {
                await worker.TapAsync(worker.Message(task.MessageId), option);
            }

            await worker.TapAsync(worker.Message(task.MessageId), "Done ✔");
            if (i == 0)
            {
                var next = Task(worker); // the sky: one answer, none of these
                await worker.TapAsync(next, "None of these");
                await worker.TapAsync(worker.Message(next.MessageId), "Done ✔");
            }
        }

        var csv = Csv(Bot, requester, await requester.SendAsync($"/results {id}"));

        Assert.Equal(["task_id", "text", "answer", "option:red", "option:red:confidence", "option:green", "option:green:confidence", "option:blue", "option:blue:confidence", "answers", "method", "raw_answers"], csv[0]);
        Assert.Equal(("flag", "red", "yes", "no", "no", "3", "dawid-skene"),
            (Cell(csv, 1, "text"), Cell(csv, 1, "answer"), Cell(csv, 1, "option:red"), Cell(csv, 1, "option:green"), Cell(csv, 1, "option:blue"), Cell(csv, 1, "answers"), Cell(csv, 1, "method")));
        Assert.All(Colours, c => Assert.InRange(double.Parse(Cell(csv, 1, $"option:{c}:confidence"), CultureInfo.InvariantCulture), 0.5, 1));
        Assert.Contains(":red; blue | ", Cell(csv, 1, "raw_answers"), StringComparison.Ordinal);
        Assert.Equal(("", "no", "1", "1", "majority"), (Cell(csv, 2, "answer"), Cell(csv, 2, "option:red"), Cell(csv, 2, "option:red:confidence"), Cell(csv, 2, "answers"), Cell(csv, 2, "method")));
        Assert.EndsWith(":none", Cell(csv, 2, "raw_answers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pairwise_answers_a_b_or_same_and_results_rank_the_items_by_bradley_terry()
    {
        // Three pairs over x, y, z: x beats both, y beats z. By hand: x first, y second, z last.
        var id = await ProjectAsync(Bot, requester, AnswerKind.Pairwise, "A: {{left}}\nB: {{right}}",
            [Row(("left", "x"), ("right", "y")), Row(("left", "z"), ("right", "y")), Row(("left", "x"), ("right", "z"))], overlap: 1);
        var worker = await Bot.WorkerAsync("Ayu");
        var task = await worker.SendAsync("/task");
        Assert.Equal(["A", "B"], task.Keyboard[0].Select(b => b.Text));
        for (var i = 0; i < 3; i++)
        {
            task = Task(worker);
            var a = task.PlainText.Split("A: ")[1][0];
            var b = task.PlainText.Split("B: ")[1][0];
            var pick = "xyz".IndexOf(a, StringComparison.Ordinal) < "xyz".IndexOf(b, StringComparison.Ordinal) ? "A" : "B";
            await worker.TapAsync(task, pick);
            Assert.Contains($"Saved: {pick}", worker.Message(task.MessageId).PlainText);
        }

        var results = await requester.SendAsync($"/results {id}");
        var ranking = requester.BotMessages()[^2];
        Assert.Equal($"project-{id}-ranking.csv", ranking.DocumentFileName);
        var ranked = Csv(Bot, requester, ranking);
        Assert.Equal(["x", "y", "z"], ranked.Skip(1).Select(r => r[1]));
        Assert.Equal(["2", "1", "0"], ranked.Skip(1).Select(r => r[3]));
        var scores = ranked.Skip(1).ToDictionary(r => r[1], r => double.Parse(r[2], CultureInfo.InvariantCulture));
        Assert.True(scores["x"] > scores["y"] && scores["y"] > scores["z"]);

        var csv = Csv(Bot, requester, results);
        Assert.Equal(["task_id", "left", "right", "answer", "confidence", "agreement", "answers", "method", "tie", "score_a", "score_b", "raw_answers"], csv[0]);
        var zy = csv.Single(r => r[1] == "z");
        Assert.Equal(("B", ranked[2][2], ranked[3][2]), (zy[3], zy[10], zy[9]));
    }

    [Fact]
    public async Task Pairwise_with_same_allowed_stores_same()
    {
        var id = await ProjectAsync(Bot, requester, AnswerKind.Pairwise, "A: {{left}}\nB: {{right}}", [Row(("left", "x"), ("right", "y"))],
            settings: new AnswerSettings { AllowSame = true });
        var worker = await Bot.WorkerAsync("Ayu");
        var task = await worker.SendAsync("/task");

        await worker.TapAsync(task, "Same");

        Assert.Contains("Saved: Same", worker.Message(task.MessageId).PlainText);
        Assert.Equal("same", await ValueAsync(id));
    }

    private static List<string> Options(ChatMessage message) =>
        message.Keyboard.SelectMany(r => r).TakeWhile(b => !b.Text.StartsWith("Done", StringComparison.Ordinal)).Select(b => b.Text).ToList();

    private Task<long> AnswersAsync(long projectId) => Bot.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE project_id = {projectId}");

    private async Task<string> ValueAsync(long projectId)
    {
        await using var c = await Bot.Get<Microtask.Storage.IDatabase>().OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, $"SELECT value FROM answers WHERE project_id = {projectId}"))!;
    }

    private async Task<string> KindAsync()
    {
        await using var c = await Bot.Get<Microtask.Storage.IDatabase>().OpenAsync(CancellationToken.None);
        return (await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT kind FROM projects"))!;
    }
}

public sealed class EmbeddedChoiceKindTests() : ChoiceKindTests("Embedded");

public sealed class PostgresChoiceKindTests() : ChoiceKindTests("Postgres");
