using System.Diagnostics;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace Microtask.Sandbox.Tests;

public sealed class GetUpdatesTests : EmulatorTest
{
    [Fact]
    public async Task Text_message_arrives_with_the_user_chat_and_a_bot_command_entity()
    {
        var user = Emulator.CreateUser("Budi", "id", "budi_s");
        var updateId = Emulator.SendText(user.Id, "/start ref42");

        var update = Assert.Single(await Bot.GetUpdates());

        Assert.Equal(updateId, update.Id);
        Assert.Equal(UpdateType.Message, update.Type);
        var message = update.Message!;
        Assert.Equal("/start ref42", message.Text);
        Assert.Equal(user.Id, message.Chat.Id);
        Assert.Equal(ChatType.Private, message.Chat.Type);
        Assert.Equal(user.Id, message.From!.Id);
        Assert.Equal("Budi", message.From.FirstName);
        Assert.Equal("budi_s", message.From.Username);
        Assert.Equal("id", message.From.LanguageCode);
        var entity = Assert.Single(message.Entities!);
        Assert.Equal(MessageEntityType.BotCommand, entity.Type);
        Assert.Equal((0, 6), (entity.Offset, entity.Length));
    }

    [Fact]
    public async Task Users_get_increasing_ids_from_100001()
    {
        var first = Emulator.CreateUser("A");
        var second = Emulator.CreateUser("B");

        Assert.Equal(100001, first.Id);
        Assert.Equal(100002, second.Id);
        Assert.Equal([first, second], Emulator.Users);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Updates_below_the_offset_are_confirmed_and_gone_forever()
    {
        var user = Emulator.CreateUser("A");
        var first = Emulator.SendText(user.Id, "one");
        var second = Emulator.SendText(user.Id, "two");
        var third = Emulator.SendText(user.Id, "three");

        Assert.Equal([first, second, third], (await Bot.GetUpdates()).Select(u => (long)u.Id));
        Assert.Equal([first, second, third], (await Bot.GetUpdates()).Select(u => (long)u.Id)); // not confirmed yet

        var rest = await Bot.GetUpdates(offset: (int)second);
        await Emulator.WaitUntilConfirmedAsync(first);

        Assert.Equal([second, third], rest.Select(u => (long)u.Id));
        Assert.Equal([second, third], (await Bot.GetUpdates(offset: 0)).Select(u => (long)u.Id));
        Assert.Empty(await Bot.GetUpdates(offset: (int)third + 1));
        await Emulator.WaitUntilConfirmedAsync(third);
        Assert.Empty(await Bot.GetUpdates());
    }

    [Fact]
    public async Task Limit_caps_the_batch_between_1_and_100()
    {
        var user = Emulator.CreateUser("A");
        for (var i = 0; i < 120; i++) Emulator.SendText(user.Id, $"m{i}");

        Assert.Equal(2, (await Bot.GetUpdates(limit: 2)).Length);
        Assert.Equal(100, (await Bot.GetUpdates()).Length);
        Assert.Equal(100, (await Bot.GetUpdates(limit: 1000)).Length);
        Assert.Single(await Bot.GetUpdates(limit: 0));
    }

    [Fact]
    public async Task Long_poll_returns_as_soon_as_an_update_arrives()
    {
        var user = Emulator.CreateUser("A");
        var poll = Bot.GetUpdates(timeout: 30);
        Assert.False(poll.IsCompleted);

        var updateId = Emulator.SendText(user.Id, "hello");
        var updates = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(updateId, Assert.Single(updates).Id);
    }

    [Fact]
    public async Task Long_poll_answers_an_empty_list_when_the_timeout_passes()
    {
        var clock = Stopwatch.StartNew();

        var updates = await Bot.GetUpdates(timeout: 1);

        Assert.Empty(updates);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_second_getUpdates_terminates_the_first_with_a_conflict()
    {
        var first = Bot.GetUpdates(timeout: 30);
        await Eventually.True(() => Emulator.State.Updates.IsPolling);

        var second = Bot.GetUpdates(timeout: 1);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => first);
        Assert.Equal(409, error.ErrorCode);
        Assert.Equal("Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", error.Message);
        Assert.Empty(await second);
    }

    [Fact]
    public async Task WaitUntilConfirmed_completes_only_after_the_offset_passes_the_update()
    {
        var user = Emulator.CreateUser("A");
        var updateId = Emulator.SendText(user.Id, "x");
        var confirmed = Emulator.WaitUntilConfirmedAsync(updateId);

        await Bot.GetUpdates();
        Assert.False(confirmed.IsCompleted);
        await Bot.GetUpdates(offset: (int)updateId + 1, timeout: 0);

        await confirmed;
    }

    [Fact]
    public async Task WaitUntilConfirmed_times_out_with_a_clear_message()
    {
        var user = Emulator.CreateUser("A");
        var updateId = Emulator.SendText(user.Id, "x");

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Emulator.WaitUntilConfirmedAsync(updateId, TimeSpan.FromMilliseconds(50)));

        Assert.Contains($"update {updateId}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_injected_update_gets_the_next_update_id()
    {
        var user = Emulator.CreateUser("A");
        var before = Emulator.SendText(user.Id, "x");

        var injected = Emulator.InjectRawUpdate("""{"update_id": 1, "message": {"message_id": 9, "date": 0, "chat": {"id": 5, "type": "private"}, "text": "forged"}}""");

        Assert.Equal(before + 1, injected);
        var update = (await Bot.GetUpdates())[^1];
        Assert.Equal(injected, update.Id);
        Assert.Equal("forged", update.Message!.Text);
    }

    [Fact]
    public async Task Disposing_the_emulator_answers_a_parked_long_poll_at_once()
    {
        var emulator = await BotApiEmulator.StartAsync();
        var client = new TelegramBotClient(new TelegramBotClientOptions(emulator.Token, emulator.BaseUrl.ToString()), Http);
        var poll = client.GetUpdates(timeout: 50);
        await Eventually.True(() => emulator.State.Updates.IsPolling);
        var clock = Stopwatch.StartNew();

        await emulator.DisposeAsync();

        Assert.Empty(await poll);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"dispose took {clock.Elapsed}");
    }
}
