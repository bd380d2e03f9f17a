using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Sandbox.Tests;

public sealed class EditAndDeleteTests : EmulatorTest
{
    private const string NotModified =
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    private static InlineKeyboardMarkup Keyboard(string data) => new([[InlineKeyboardButton.WithCallbackData("Go", data)]]);

    [Fact]
    public async Task Edited_text_and_keyboard_replace_the_old_ones_in_the_transcript()
    {
        var user = StartedUser();
        var sent = await Bot.SendMessage(user.Id, "Task 1", replyMarkup: Keyboard("a:1"));
        var edits = new List<SandboxEvent>();
        Emulator.Changed += e => { lock (edits) edits.Add(e); };

        var edited = await Bot.EditMessageText(user.Id, sent.Id, "<i>Saved</i>", parseMode: ParseMode.Html, replyMarkup: Keyboard("a:2"));

        Assert.Equal("Saved", edited.Text);
        Assert.NotNull(edited.EditDate);
        var shown = Emulator.Transcript(user.Id).Single(m => m.MessageId == sent.Id);
        Assert.Equal(("<i>Saved</i>", "Saved", "a:2"), (shown.Text, shown.PlainText, shown.Keyboard.Single().Single().CallbackData));
        Assert.NotNull(shown.EditDate);
        Assert.Equal(SandboxEventKind.MessageEdited, Assert.Single(edits).Kind);
    }

    [Fact]
    public async Task Editing_text_without_reply_markup_removes_the_keyboard_like_telegram()
    {
        var user = StartedUser();
        var sent = await Bot.SendMessage(user.Id, "Task", replyMarkup: Keyboard("a:1"));

        await Bot.EditMessageText(user.Id, sent.Id, "Done");

        Assert.Empty(Emulator.Transcript(user.Id)[^1].Keyboard);
    }

    [Fact]
    public async Task Edit_that_changes_nothing_is_refused_with_telegrams_wording()
    {
        var user = StartedUser();
        var sent = await Bot.SendMessage(user.Id, "<b>Task</b>", parseMode: ParseMode.Html, replyMarkup: Keyboard("a:1"));

        // Different markup, same visible result: Telegram compares what the user would see.
        var text = await Assert.ThrowsAsync<ApiRequestException>(() =>
            Bot.EditMessageText(user.Id, sent.Id, "<strong>Task</strong>", parseMode: ParseMode.Html, replyMarkup: Keyboard("a:1")));
        var markup = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageReplyMarkup(user.Id, sent.Id, Keyboard("a:1")));

        Assert.Equal((400, NotModified), (text.ErrorCode, text.Message));
        Assert.Equal(NotModified, markup.Message);
    }

    [Fact]
    public async Task Reply_markup_edit_swaps_only_the_keyboard()
    {
        var user = StartedUser();
        var sent = await Bot.SendMessage(user.Id, "Task", replyMarkup: Keyboard("a:1"));

        await Bot.EditMessageReplyMarkup(user.Id, sent.Id, Keyboard("a:9"));
        await Bot.EditMessageReplyMarkup(user.Id, sent.Id, replyMarkup: null);
        var again = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageReplyMarkup(user.Id, sent.Id, replyMarkup: null));

        var shown = Emulator.Transcript(user.Id)[^1];
        Assert.Equal("Task", shown.Text);
        Assert.Empty(shown.Keyboard);
        Assert.Equal(NotModified, again.Message);
    }

    [Fact]
    public async Task Editing_an_unknown_message_is_message_to_edit_not_found()
    {
        var user = StartedUser();

        var text = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageText(user.Id, 999, "x"));
        var markup = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageReplyMarkup(user.Id, 999, Keyboard("a")));

        Assert.Equal((400, "Bad Request: message to edit not found"), (text.ErrorCode, text.Message));
        Assert.Equal("Bad Request: message to edit not found", markup.Message);
    }

    [Fact]
    public async Task A_users_message_cannot_be_edited_by_the_bot()
    {
        var user = StartedUser();

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageText(user.Id, 1, "mine now"));

        Assert.Equal("Bad Request: message can't be edited", error.Message);
    }

    [Fact]
    public async Task Deleted_message_leaves_the_transcript_and_cannot_be_deleted_twice()
    {
        var user = StartedUser();
        var sent = await Bot.SendMessage(user.Id, "oops");

        await Bot.DeleteMessage(user.Id, sent.Id);
        var twice = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.DeleteMessage(user.Id, sent.Id));
        var edit = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageText(user.Id, sent.Id, "x"));

        Assert.DoesNotContain(Emulator.Transcript(user.Id), m => m.MessageId == sent.Id);
        Assert.Equal((400, "Bad Request: message to delete not found"), (twice.ErrorCode, twice.Message));
        Assert.Equal("Bad Request: message to edit not found", edit.Message);
    }

    [Fact]
    public async Task WaitForMessage_also_wakes_on_edits()
    {
        var user = StartedUser();
        var sent = await Bot.SendMessage(user.Id, "Working...");
        var done = Emulator.WaitForMessageAsync(user.Id, m => m.PlainText == "Done");

        await Bot.EditMessageText(user.Id, sent.Id, "Done");

        Assert.Equal(sent.Id, (await done).MessageId);
    }
}
