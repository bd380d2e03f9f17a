using System.Globalization;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>While /newproject asks its questions, what the requester types answers them, never a task of theirs.</summary>
public abstract class ConversationTextTests(string backend)
    : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = RequesterId.ToString(CultureInfo.InvariantCulture) })
{
    private const long RequesterId = 100001;
    private Player requester = null!;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        Assert.Equal(RequesterId, requester.Id);
    }

    [Fact]
    public async Task A_wizard_owns_typed_text_and_a_live_typed_task_waits_until_it_ends()
    {
        var projectId = await Bot.ProjectAsync(AnswerKind.FreeText, tasks: 3, overlap: 1);
        var first = await requester.SendAsync("/task");
        Assert.Contains("Reply with your answer", first.PlainText);

        // The task is live before the wizard: the wizard says it waits, and takes the typed words as its own.
        var start = await requester.SendAsync("/newproject");
        Assert.Contains("Your open task waits", start.PlainText);
        Assert.Contains("Instructions", (await requester.SendAsync("Label the photos")).PlainText);
        await requester.SendAsync("Pick the label that fits best");
        Assert.Equal(0, await AnswersAsync(projectId));

        Assert.Contains("cancelled", (await requester.SendAsync("/cancel")).PlainText, StringComparison.OrdinalIgnoreCase);
        await requester.SendAsync("first answer");
        Assert.Equal(1, await AnswersAsync(projectId));
        Assert.Contains("Saved: first answer", requester.Message(first.MessageId).PlainText);

        // The next task came with the saved answer and is live when a second wizard starts; it waits again, then answers.
        var second = requester.BotMessages().Last(m => m.PlainText.Contains("Reply with your answer"));
        Assert.NotEqual(first.MessageId, second.MessageId);
        Assert.Contains("Your open task waits", (await requester.SendAsync("/newproject")).PlainText);
        await requester.SendAsync("Another project");
        Assert.Equal(1, await AnswersAsync(projectId));
        await requester.SendAsync("/cancel");
        await requester.SendAsync("second answer");
        Assert.Equal(2, await AnswersAsync(projectId));
        Assert.Contains("Saved: second answer", requester.Message(second.MessageId).PlainText);
    }

    [Fact]
    public async Task A_wizard_started_with_no_live_task_says_nothing_of_one()
    {
        var start = await requester.SendAsync("/newproject");
        Assert.DoesNotContain("Your open task waits", start.PlainText);
    }

    private Task<long> AnswersAsync(long projectId) => Bot.ScalarAsync($"SELECT COUNT(*) FROM answers WHERE project_id = {projectId}");
}

public sealed class EmbeddedConversationTextTests() : ConversationTextTests("Embedded");

public sealed class PostgresConversationTextTests() : ConversationTextTests("Postgres");
