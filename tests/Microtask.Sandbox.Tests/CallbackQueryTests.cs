using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Sandbox.Tests;

public sealed class CallbackQueryTests : EmulatorTest
{
    private async Task<(SandboxUser User, int MessageId)> TaskMessageAsync()
    {
        var user = StartedUser();
        var sent = await Bot.SendMessage(user.Id, "Is this a cat?",
            replyMarkup: new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Yes", "a:7:y"), InlineKeyboardButton.WithCallbackData("No", "a:7:n")]]));
        await DrainAsync();
        return (user, sent.Id);
    }

    [Fact]
    public async Task Pressing_a_button_sends_a_callback_query_with_the_current_message()
    {
        var (user, messageId) = await TaskMessageAsync();

        var updateId = Emulator.PressButton(user.Id, messageId, "a:7:n");
        var update = Assert.Single(await Bot.GetUpdates());

        Assert.Equal(updateId, update.Id);
        Assert.Equal(UpdateType.CallbackQuery, update.Type);
        var query = update.CallbackQuery!;
        Assert.Equal("a:7:n", query.Data);
        Assert.Equal(user.Id, query.From.Id);
        Assert.Equal(messageId, query.Message!.Id);
        Assert.Equal("Is this a cat?", query.Message.Text);
        Assert.False(string.IsNullOrEmpty(query.Id));
    }

    [Fact]
    public async Task A_user_can_only_press_buttons_that_exist()
    {
        var (user, messageId) = await TaskMessageAsync();

        var missing = Assert.Throws<InvalidOperationException>(() => Emulator.PressButton(user.Id, messageId, "a:7:maybe"));
        Assert.Throws<InvalidOperationException>(() => Emulator.PressButton(user.Id, 999, "a:7:y"));

        Assert.Contains("a:7:y", missing.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Forged_callback_data_is_delivered_unchecked()
    {
        var (user, messageId) = await TaskMessageAsync();

        Emulator.SendCallback(user.Id, messageId, "a:1:' OR 1=1");

        Assert.Equal("a:1:' OR 1=1", Assert.Single(await Bot.GetUpdates()).CallbackQuery!.Data);
    }

    [Fact]
    public async Task Answer_is_recorded_once_and_a_second_answer_is_query_too_old()
    {
        var (user, messageId) = await TaskMessageAsync();
        Emulator.PressButton(user.Id, messageId, "a:7:y");
        var query = Assert.Single(await Bot.GetUpdates()).CallbackQuery!;

        await Bot.AnswerCallbackQuery(query.Id, "Saved!", showAlert: true);
        var again = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.AnswerCallbackQuery(query.Id));

        Assert.Equal([new CallbackAnswer(query.Id, user.Id, "Saved!", true)], Emulator.CallbackAnswers(user.Id));
        Assert.Equal((400, "Bad Request: query is too old and response timeout expired or query ID is invalid"), (again.ErrorCode, again.Message));
    }

    [Fact]
    public async Task Unknown_query_id_is_refused()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.AnswerCallbackQuery("12345"));

        Assert.Equal("Bad Request: query is too old and response timeout expired or query ID is invalid", error.Message);
    }

    [Fact]
    public async Task Answer_text_over_200_characters_is_refused_and_the_query_stays_open()
    {
        var (user, messageId) = await TaskMessageAsync();
        Emulator.PressButton(user.Id, messageId, "a:7:y");
        var query = Assert.Single(await Bot.GetUpdates()).CallbackQuery!;

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.AnswerCallbackQuery(query.Id, new string('x', 201)));
        await Bot.AnswerCallbackQuery(query.Id, new string('x', 200));

        Assert.Equal((400, "Bad Request: MESSAGE_TOO_LONG"), (error.ErrorCode, error.Message));
        Assert.Single(Emulator.CallbackAnswers(user.Id));
    }
}
