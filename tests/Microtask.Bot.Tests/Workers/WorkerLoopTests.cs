using Microtask.Bot.Jobs;
using Microtask.Core;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Workers;

/// <summary>The worker's task loop end to end, through the emulator, on both backends.</summary>
public abstract class WorkerLoopTests(string backend) : BotTest(backend)
{
    [Fact]
    public async Task A_task_Telegram_refuses_to_show_is_set_aside_and_the_next_one_comes()
    {
        var id = await Bot.Get<Storage.ProjectStore>().CreateAsync(
            new NewProject("Long", "x", AnswerKind.YesNo, [], "{{text}}", 1, 2, TimeSpan.FromMinutes(5)),
            [new NewTask(new Dictionary<string, string> { ["text"] = new string('x', 4200) }), new NewTask(new Dictionary<string, string> { ["text"] = "short" })],
            ProjectState.Active);
        var worker = await Bot.WorkerAsync("Lina");

        var first = await worker.SendAsync("/task");
        Assert.Equal("That task could not be shown and was set aside. Tap Next task for another.", first.PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT SUM(leases) FROM tasks"));

        var next = await worker.PressAsync(first, first.Keyboard[0][0].CallbackData!);
        Assert.Contains("short", next.PlainText);
        Assert.Equal(id, await Bot.ScalarAsync("SELECT project_id FROM assignments WHERE state = 'active'"));
    }

    [Fact]
    public async Task A_press_saved_by_an_instance_that_died_before_showing_it_catches_up_and_a_double_tap_sends_nothing()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 3, overlap: 1);
        var worker = await Bot.WorkerAsync("Cahya");
        var task = await worker.SendAsync("/task");
        var yes = task.Keyboard[0][0].CallbackData!;

        // Another instance stored this very press, then died before it edited the message or sent the next task.
        var assignment = long.Parse(yes.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        var workerId = (await Bot.Get<Storage.WorkerStore>().FindAsync(worker.Id))!.Id;
        Assert.Equal(SubmitOutcome.Accepted, (await Bot.Get<Storage.AnswerStore>().SubmitAsync(assignment, workerId, "yes")).Outcome);

        // Telegram redelivers the press here: the worker sees the answer saved and gets the next task.
        var next = await worker.PressAsync(task, yes);
        Assert.Contains("Saved: Yes", worker.Message(task.MessageId).PlainText);
        Assert.NotEqual(task.MessageId, next.MessageId);
        Assert.Contains("item", next.PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));

        // A plain double tap: the next task is already on the screen, nothing more is sent.
        var before = worker.BotMessages().Count;
        await worker.ForgeAsync(task.MessageId, yes);
        Assert.Equal(before, worker.BotMessages().Count);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task Worker_starts_agrees_and_answers_three_tasks_in_a_row()
    {
        await Bot.ProjectAsync(AnswerKind.SingleChoice, tasks: 5);
        var user = Bot.Emulator.CreateUser("Nadia", "en");
        var player = new Player(Bot, user);

        var welcome = await player.SendAsync("/start");
        Assert.Contains("Hi Nadia!", welcome.PlainText);
        var ready = await player.PressAsync(welcome, "c");
        Assert.Contains("Next task", ready.Keyboard[0][0].Text);

        var task = await player.PressAsync(ready, "n");
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("Text: item", task.PlainText);
            Assert.Equal(["cat", "dog"], task.Keyboard[0].Select(b => b.Text));
            var next = await player.AnswerAsync(task, option: 1);
            var answered = player.Message(task.MessageId);
            Assert.Contains("Saved: dog", answered.PlainText);
            Assert.Empty(answered.Keyboard);
            Assert.NotEqual(task.MessageId, next.MessageId);
            task = next;
        }

        var me = await player.SendAsync("/me");
        Assert.Contains("Today: 3 answers", me.PlainText);
        Assert.Contains("Balance: Rp 300", me.PlainText);
        Assert.Equal(3, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task Indonesian_user_is_greeted_in_Indonesian_and_can_switch_to_English()
    {
        var player = new Player(Bot, Bot.Emulator.CreateUser("Budi", "id"));

        var welcome = await player.SendAsync("/start");
        Assert.Contains("Hai Budi!", welcome.PlainText);
        var choice = await player.SendAsync("/language");
        var switched = await player.PressAsync(choice, "l:en");

        Assert.Equal("Language set to English.", switched.PlainText);
        Assert.Contains("What I can do", (await player.SendAsync("/help")).PlainText);
    }

    [Fact]
    public async Task Empty_pool_says_so_with_a_Next_button()
    {
        var player = await Bot.WorkerAsync("Ayu");

        var reply = await player.SendAsync("/task");

        Assert.Contains("no tasks for you right now", reply.PlainText);
        Assert.Equal("n", reply.Keyboard[0][0].CallbackData);
    }

    [Fact]
    public async Task Double_tap_and_replayed_press_save_the_answer_once()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 3);
        var player = await Bot.WorkerAsync("Eko");
        var task = await player.SendAsync("/task");
        var data = task.Keyboard[0][0].CallbackData!;

        await player.PressAsync(task, data);
        await player.ForgeAsync(task.MessageId, data);

        Assert.Equal("Already saved ✔", player.LastToast());
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.Equal(2, player.BotMessages().Count(m => m.PlainText.Contains("YesNo project")));
    }

    [Fact]
    public async Task Forged_callbacks_are_refused_and_change_nothing()
    {
        await Bot.ProjectAsync(AnswerKind.SingleChoice, tasks: 3);
        var owner = await Bot.WorkerAsync("Owner");
        var thief = await Bot.WorkerAsync("Thief");
        var task = await owner.SendAsync("/task");
        var assignment = task.Keyboard[0][0].CallbackData!.Split(':')[1];

        await thief.ForgeAsync(thief.Last().MessageId, $"a:{assignment}:0");
        Assert.Equal("This button is not for you.", thief.LastToast());
        await owner.ForgeAsync(task.MessageId, $"a:{assignment}:7");
        Assert.Equal("This button is no longer valid.", owner.LastToast());
        await owner.ForgeAsync(task.MessageId, "\u0000garbage:;DROP TABLE");
        Assert.Equal("This button is no longer valid.", owner.LastToast());
        await owner.ForgeAsync(task.MessageId, "a:999999:0");
        Assert.Equal("This button is no longer valid.", owner.LastToast());

        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.Equal(2, owner.Message(task.MessageId).Keyboard.Count);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_reply_and_changes_nothing()
    {
        await Bot.ProjectAsync(AnswerKind.SingleChoice, tasks: 2);
        var player = await Bot.WorkerAsync("Rina");
        await player.SendAsync("/task");

        Assert.Equal("Please answer with the buttons under the task.", (await player.SendAsync("dog")).PlainText);
        Assert.Equal("/me takes no arguments; send just /me.", (await player.SendAsync("/me please now")).PlainText);
        Assert.Contains("don't know that command", (await player.SendAsync("/frobnicate")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task Number_and_free_text_tasks_take_a_typed_reply()
    {
        await Bot.ProjectAsync(AnswerKind.Number, tasks: 1, overlap: 1);
        await Bot.ProjectAsync(AnswerKind.FreeText, tasks: 1, overlap: 1);
        var player = await Bot.WorkerAsync("Tono");

        var first = await player.SendAsync("/task");
        Assert.Contains("Reply with a number", first.PlainText);
        Assert.Contains("send just a number", (await player.SendAsync("many")).PlainText);
        var second = await player.SendAsync("4,5");
        Assert.Contains("Saved: 4.5", player.Message(first.MessageId).PlainText);
        Assert.Contains("Reply with your answer", second.PlainText);
        await player.SendAsync("  a <b>bold</b> cat  ");

        Assert.Contains("Saved: a <b>bold</b> cat", player.Message(second.MessageId).PlainText);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task Late_answer_is_refused_after_the_lease_expires()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1, timeLimit: TimeSpan.FromMinutes(2));
        var slow = await Bot.WorkerAsync("Slow");
        var task = await slow.SendAsync("/task");
        var data = task.Keyboard[0][0].CallbackData!;

        Bot.Time.Advance(TimeSpan.FromMinutes(3));
        await Bot.Get<LeaseSweepJob>().RunAsync();
        Assert.Contains("Time is up", slow.Message(task.MessageId).PlainText);
        await slow.ForgeAsync(task.MessageId, data);

        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        Assert.Contains("time for this task is up", slow.LastToast());
    }

    /// <summary>The task that follows a late answer is, as often as not, the same one back in the pool: the worker is told which.</summary>
    [Fact]
    public async Task A_late_answer_says_whether_the_task_that_comes_is_the_same_one_again()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2, overlap: 1, timeLimit: TimeSpan.FromMinutes(2));
        var slow = await Bot.WorkerAsync("Slow");
        var task = await slow.SendAsync("/task");
        Assert.Contains("item 1", task.PlainText);

        // No tick came: the press finds the lease over, and task 1, free again, is the one offered.
        Bot.Time.Advance(TimeSpan.FromMinutes(3));
        var again = await slow.AnswerAsync(task);
        Assert.NotEqual(task.MessageId, again.MessageId);
        Assert.Contains("item 1", again.PlainText);
        Assert.Contains("here it is once more", slow.LastToast());

        // Meanwhile another worker took task 1: the late press gets task 2, and hears it is another one.
        Bot.Time.Advance(TimeSpan.FromMinutes(3));
        await Bot.Get<LeaseSweepJob>().RunAsync();
        var quick = await Bot.WorkerAsync("Quick");
        Assert.Contains("item 1", (await quick.SendAsync("/task")).PlainText);
        var other = await slow.ForgeAsync(again.MessageId, again.Keyboard[0][0].CallbackData!);
        Assert.Contains("item 2", other.PlainText);
        Assert.Contains("Here is another one", slow.LastToast());
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    /// <summary>
    /// A task shown again (asked for twice, or brought back by a press on a stale message) keeps its buttons in its
    /// newest message only, so no two messages answer the same live task.
    /// </summary>
    [Fact]
    public async Task Only_the_newest_message_of_a_live_task_keeps_its_buttons()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2, overlap: 1, timeLimit: TimeSpan.FromMinutes(2));
        var worker = await Bot.WorkerAsync("Dian");
        var first = await worker.SendAsync("/task");
        var again = await worker.SendAsync("/task");
        Assert.NotEqual(first.MessageId, again.MessageId);
        Assert.Contains("item 1", again.PlainText);
        Assert.Contains("item 1", worker.Message(first.MessageId).PlainText);
        Assert.Empty(worker.Message(first.MessageId).Keyboard);
        Assert.Equal(1, LiveCopies(worker));

        // The lease ran out with no tick, and the next claim ended it: its message still shows buttons. A press there
        // is late, and the live task it brings back is not left answerable in two messages.
        Bot.Time.Advance(TimeSpan.FromMinutes(3));
        var next = await worker.SendAsync("/task");
        await worker.PressAsync(again, again.Keyboard[0][0].CallbackData!);
        Assert.Contains("Time is up", worker.Message(again.MessageId).PlainText);
        Assert.Equal(1, LiveCopies(worker));
        Assert.Empty(worker.Message(next.MessageId).Keyboard);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task A_number_too_large_to_count_is_refused_kindly_and_any_digits_are_read()
    {
        await Bot.ProjectAsync(AnswerKind.Number, tasks: 1, overlap: 1);
        var player = await Bot.WorkerAsync("Budi");
        var task = await player.SendAsync("/task");

        Assert.Contains("too large", (await player.SendAsync("79228162514264337593543950335")).PlainText);
        Assert.Contains("too large", (await player.SendAsync("1e40")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
        await player.SendAsync("٤٢");
        Assert.Contains("Saved: 42", player.Message(task.MessageId).PlainText);
    }

    [Fact]
    public async Task Pause_returns_the_task_to_the_pool_with_no_penalty()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1, overlap: 1);
        var first = await Bot.WorkerAsync("First");
        var second = await Bot.WorkerAsync("Second");
        var task = await first.SendAsync("/task");
        Assert.Contains("no tasks", (await second.SendAsync("/task")).PlainText);

        Assert.Contains("Paused", (await first.SendAsync("/pause")).PlainText);

        Assert.Contains("YesNo project", (await second.SendAsync("/task")).PlainText);
        Assert.Empty(first.Message(task.MessageId).Keyboard);
    }

    [Fact]
    public async Task Skip_and_report_move_on_and_never_show_the_task_again()
    {
        await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 2);
        var player = await Bot.WorkerAsync("Dewi");
        var first = await player.SendAsync("/task");

        var second = await player.PressAsync(first, first.Keyboard[1][0].CallbackData!);
        Assert.Contains("Skipped", player.Message(first.MessageId).PlainText);
        var reasons = await player.PressAsync(second, second.Keyboard[1][1].CallbackData!);
        Assert.Equal(["Offensive", "Broken", "Unclear"], player.Message(second.MessageId).Keyboard[0].Select(b => b.Text));
        var after = await player.PressAsync(player.Message(second.MessageId), player.Message(second.MessageId).Keyboard[0][1].CallbackData!);

        Assert.Contains("no tasks", after.PlainText);
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM reports WHERE reason = 'Broken'"));
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM answers"));
    }

    [Fact]
    public async Task Task_fields_are_escaped_so_markup_in_content_shows_as_text()
    {
        await Bot.Get<Storage.ProjectStore>().CreateAsync(
            new NewProject("Hostile", "Careful", AnswerKind.YesNo, [], "{{text}}", 1, 1, TimeSpan.FromMinutes(5)),
            [new NewTask(new Dictionary<string, string> { ["text"] = "<script>alert(1)</script><img src=x onerror=alert(2)> & more" })],
            ProjectState.Active);
        var player = await Bot.WorkerAsync("Safe");

        var task = await player.SendAsync("/task");

        Assert.Contains("<script>alert(1)</script><img src=x onerror=alert(2)> & more", task.PlainText);
        Assert.Contains("&lt;script&gt;", task.Text);
    }

    /// <summary>Messages that still carry answer buttons.</summary>
    private static int LiveCopies(Player worker) =>
        worker.BotMessages().Count(m => m.Keyboard.SelectMany(row => row).Any(b => b.CallbackData?.StartsWith("a:", StringComparison.Ordinal) == true));
}

public sealed class EmbeddedWorkerLoopTests() : WorkerLoopTests("Embedded");

public sealed class PostgresWorkerLoopTests() : WorkerLoopTests("Postgres");
