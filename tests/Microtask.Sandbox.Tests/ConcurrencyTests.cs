using Telegram.Bot;

namespace Microtask.Sandbox.Tests;

public sealed class ConcurrencyTests : EmulatorTest
{
    [Fact]
    public async Task Many_users_and_a_polling_bot_keep_every_chat_consistent()
    {
        var users = Enumerable.Range(0, 100).Select(i => Emulator.CreateUser($"U{i}")).ToArray();
        using var stop = new CancellationTokenSource();
        var bot = EchoBotAsync(stop.Token);

        await Parallel.ForEachAsync(users, async (user, _) =>
        {
            for (var i = 0; i < 5; i++) Emulator.SendText(user.Id, $"{user.Id}-{i}");
            await Emulator.WaitForMessageAsync(user.Id, m => m.Text == $"echo {user.Id}-4", TimeSpan.FromSeconds(30));
        });
        await stop.CancelAsync();
        await bot;

        foreach (var user in users)
        {
            var transcript = Emulator.Transcript(user.Id);
            Assert.Equal(10, transcript.Count);
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), transcript.Select(m => m.MessageId));
            // Replies arrive in order because the bot answers one chat's updates in order.
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $"echo {user.Id}-{i}"), transcript.Where(m => m.FromBot).Select(m => m.Text));
        }
    }

    private async Task EchoBotAsync(CancellationToken ct)
    {
        var offset = 0;
        while (!ct.IsCancellationRequested)
        {
            Telegram.Bot.Types.Update[] updates;
            try { updates = await Bot.GetUpdates(offset: offset, timeout: 1, cancellationToken: ct); }
            catch (OperationCanceledException) { return; }
            var byChat = updates.Where(u => u.Message is not null).GroupBy(u => u.Message!.Chat.Id);
            await Task.WhenAll(byChat.Select(async chat =>
            {
                foreach (var update in chat) await Bot.SendMessage(chat.Key, "echo " + update.Message!.Text, cancellationToken: CancellationToken.None);
            }));
            if (updates.Length > 0) offset = updates[^1].Id + 1;
        }
    }
}
