using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Sandbox.Tests;

public sealed class SendMessageTests : EmulatorTest
{
    [Fact]
    public async Task Sent_message_returns_parsed_text_entities_and_keyboard_and_appears_in_the_transcript()
    {
        var user = StartedUser();
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Yes", "a:1:y"), InlineKeyboardButton.WithUrl("Help", "https://example.com/help")]]);

        var sent = await Bot.SendMessage(user.Id, "<b>Task</b> 1 &amp; 2", parseMode: ParseMode.Html, replyMarkup: keyboard);

        Assert.Equal("Task 1 & 2", sent.Text);
        var bold = Assert.Single(sent.Entities!);
        Assert.Equal((MessageEntityType.Bold, 0, 4), (bold.Type, bold.Offset, bold.Length));
        Assert.Equal(Emulator.BotId, sent.From!.Id);
        Assert.Equal("a:1:y", sent.ReplyMarkup!.InlineKeyboard.Single().First().CallbackData);
        var shown = Emulator.Transcript(user.Id)[^1];
        Assert.Equal(sent.Id, shown.MessageId);
        Assert.True(shown.FromBot);
        Assert.Equal("<b>Task</b> 1 &amp; 2", shown.Text);
        Assert.Equal("Task 1 & 2", shown.PlainText);
        Assert.Equal([new InlineButton("Yes", "a:1:y", null), new InlineButton("Help", null, "https://example.com/help")], shown.Keyboard.Single());
    }

    [Fact]
    public async Task Message_ids_grow_per_chat_across_user_and_bot_messages()
    {
        var ayu = StartedUser("Ayu");
        var budi = StartedUser("Budi");

        var toAyu = await Bot.SendMessage(ayu.Id, "hi");
        var toBudi = await Bot.SendMessage(budi.Id, "hi");
        Emulator.SendText(ayu.Id, "thanks");
        var again = await Bot.SendMessage(ayu.Id, "welcome");

        Assert.Equal(2, toAyu.Id);
        Assert.Equal(2, toBudi.Id);
        Assert.Equal(4, again.Id);
        Assert.Equal([1L, 2, 3, 4], Emulator.Transcript(ayu.Id).Select(m => m.MessageId));
    }

    [Fact]
    public async Task Sending_to_a_user_who_never_wrote_is_chat_not_found()
    {
        var silent = Emulator.CreateUser("Silent");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(silent.Id, "hello"));
        var stranger = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(999, "hello"));

        Assert.Equal((400, "Bad Request: chat not found"), (error.ErrorCode, error.Message));
        Assert.Equal("Bad Request: chat not found", stranger.Message);
    }

    [Fact]
    public async Task Text_longer_than_4096_characters_after_entity_parsing_is_too_long()
    {
        var user = StartedUser();
        var fits = "<b>" + new string('x', 4096) + "</b>";
        var tooLong = new string('x', 4094) + "&lt;&gt;!";

        await Bot.SendMessage(user.Id, fits, parseMode: ParseMode.Html);
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, tooLong, parseMode: ParseMode.Html));

        Assert.Equal((400, "Bad Request: message is too long"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task Empty_text_is_refused_with_telegrams_wording()
    {
        var user = StartedUser();

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, "<b> </b>", parseMode: ParseMode.Html));

        Assert.Equal("Bad Request: message text is empty", error.Message);
    }

    [Theory]
    [InlineData("<b>unclosed")]
    [InlineData("<b><i>crossed</b></i>")]
    [InlineData("<div>not allowed</div>")]
    [InlineData("1 < 2")]
    [InlineData("fish & chips")]
    [InlineData("&nbsp;")]
    [InlineData("</b>")]
    [InlineData("<a>no href</a>")]
    public async Task Malformed_html_is_refused_as_cant_parse_entities(string html)
    {
        var user = StartedUser();

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, html, parseMode: ParseMode.Html));

        Assert.Equal(400, error.ErrorCode);
        Assert.StartsWith("Bad Request: can't parse entities: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_characters_are_fine_without_parse_mode()
    {
        var user = StartedUser();

        var sent = await Bot.SendMessage(user.Id, "1 < 2 & <div>");

        Assert.Equal("1 < 2 & <div>", sent.Text);
        Assert.Equal("1 < 2 & <div>", Emulator.Transcript(user.Id)[^1].PlainText);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    [InlineData("ééééééééééééééééééééééééééééééééé")] // 33 characters, 66 bytes
    public async Task Callback_data_empty_or_over_64_bytes_is_button_data_invalid(string data)
    {
        var user = StartedUser();
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Go", data)]]);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(user.Id, "task", replyMarkup: keyboard));

        Assert.Equal((400, "Bad Request: BUTTON_DATA_INVALID"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task Callback_data_of_exactly_64_bytes_is_accepted()
    {
        var user = StartedUser();
        var keyboard = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Go", new string('d', 64))]]);

        var sent = await Bot.SendMessage(user.Id, "task", replyMarkup: keyboard);

        Assert.Equal(64, sent.ReplyMarkup!.InlineKeyboard.Single().Single().CallbackData!.Length);
    }

    [Fact]
    public async Task A_reply_keyboard_stays_under_the_message_box_through_edits_until_a_later_message_removes_it()
    {
        var user = StartedUser();
        Assert.Null(Emulator.ReplyKeyboard(user.Id));

        var ask = await Bot.SendMessage(user.Id, "Where are you?", replyMarkup: new ReplyKeyboardMarkup(
            [[KeyboardButton.WithRequestLocation("📍 Send my location")], [new KeyboardButton("Skip")]]) { ResizeKeyboard = true });
        await Bot.SendMessage(user.Id, "meanwhile");
        await Bot.EditMessageText(user.Id, ask.Id, "Where are you now?");

        Assert.Empty(Emulator.Transcript(user.Id)[^1].Keyboard);
        Assert.Equal(
            new[] { new[] { new ReplyButton("📍 Send my location", true) }, new[] { new ReplyButton("Skip", false) } },
            Emulator.ReplyKeyboard(user.Id)!.Select(r => r.ToArray()).ToArray());
        Assert.Null(ask.ReplyMarkup); // Telegram's message carries no reply keyboard

        await Bot.SendMessage(user.Id, "bye", replyMarkup: new ReplyKeyboardRemove());

        Assert.True(Emulator.Transcript(user.Id)[^1].RemovesReplyKeyboard);
        Assert.Null(Emulator.ReplyKeyboard(user.Id));
    }

    [Theory]
    [InlineData("""{"keyboard":[[{"text":""}]]}""", "Text must be non-empty")]
    [InlineData("""{"keyboard":[[{"text":"Here","request_location":"yes"}]]}""", "request_location")]
    [InlineData("""{"keyboard":[[]]}""", "keyboard must be non-empty")]
    [InlineData("""{"keyboard":"none"}""", "must be of type Array")]
    [InlineData("""{"remove_keyboard":false}""", "remove_keyboard must be true")]
    public async Task A_malformed_reply_keyboard_is_refused_and_nothing_is_sent(string markup, string reason)
    {
        var user = StartedUser();

        var refused = await Http.PostAsync(MethodUrl("sendMessage"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chat_id"] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["text"] = "Where?",
            ["reply_markup"] = markup,
        }));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(reason, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Emulator.Transcript(user.Id), m => m.FromBot);
    }

    [Fact]
    public async Task WaitForMessage_sees_existing_and_future_bot_messages()
    {
        var user = StartedUser();
        await Bot.SendMessage(user.Id, "first");

        var existing = await Emulator.WaitForMessageAsync(user.Id, m => m.PlainText == "first");
        var future = Emulator.WaitForMessageAsync(user.Id, m => m.PlainText == "second");
        Assert.False(future.IsCompleted);
        await Bot.SendMessage(user.Id, "second");

        Assert.Equal("first", existing.Text);
        Assert.Equal("second", (await future).Text);
    }

    [Fact]
    public async Task WaitForMessage_times_out_with_the_transcript_in_the_message()
    {
        var user = StartedUser();
        await Bot.SendMessage(user.Id, "something else");

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            Emulator.WaitForMessageAsync(user.Id, m => m.PlainText == "never", TimeSpan.FromMilliseconds(50)));

        Assert.Contains("something else", error.Message, StringComparison.Ordinal);
        Assert.Contains("/start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changed_is_raised_for_new_messages()
    {
        var user = StartedUser();
        var events = new List<SandboxEvent>();
        Emulator.Changed += e => { lock (events) events.Add(e); };

        var sent = await Bot.SendMessage(user.Id, "hello");

        var added = Assert.Single(events);
        Assert.Equal((SandboxEventKind.MessageAdded, user.Id, (long?)sent.Id), (added.Kind, added.ChatId, added.MessageId));
        Assert.Equal("hello", added.Message!.Text);
    }
}
