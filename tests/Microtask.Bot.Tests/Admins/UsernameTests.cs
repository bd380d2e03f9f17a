using System.Text.Json;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Admins;

/// <summary>Admin commands name a user by @username as well as by Telegram id; the bot keeps each worker's username current.</summary>
public abstract class UsernameTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Admins:Owners:0"] = "100001" })
{
    private Player owner = null!;

    protected override async Task StartedAsync() => owner = await Bot.WorkerAsync("Owen");

    [Fact]
    public async Task User_ban_promote_and_topup_find_a_worker_by_username_in_any_case()
    {
        var wati = await WorkerAsync("Wati", "wati_w");

        Assert.StartsWith("👤 Wati (@wati_w, 100002) · en · worker", (await owner.SendAsync("/user @Wati_W")).PlainText);
        Assert.StartsWith("🚫 Wati (@wati_w, 100002) is banned from the platform", (await owner.SendAsync("/ban @WATI_W 1d spam")).PlainText);
        Assert.StartsWith("🚫", wati.Last().PlainText);
        Assert.Equal("✅ Wati (@wati_w, 100002) is no longer banned.", (await owner.SendAsync("/unban @wati_w")).PlainText);
        Assert.Equal("✅ Wati (@wati_w, 100002) is now an admin.", (await owner.SendAsync("/promote @wati_w")).PlainText);
        Assert.StartsWith("✅ Topped up Wati's requester account with Rp 500.", (await owner.SendAsync("/topup @WATI_W 500")).PlainText);
    }

    [Fact]
    public async Task An_unknown_or_malformed_username_gets_a_clear_message()
    {
        await WorkerAsync("Wati", "wati_w");

        Assert.Equal(
            "No user with the username @nobody_here has talked to the bot (or they have changed it since).",
            (await owner.SendAsync("/user @nobody_here")).PlainText);
        Assert.Equal(
            "No user with the username @nobody_here has talked to the bot (or they have changed it since).",
            (await owner.SendAsync("/ban @nobody_here 1d")).PlainText);
        Assert.StartsWith("Usage: /user", (await owner.SendAsync("/user @<b>x</b>")).PlainText);
        Assert.StartsWith("Usage: /user", (await owner.SendAsync("/user wati_w")).PlainText);
    }

    [Fact]
    public async Task A_changed_username_is_picked_up_and_a_taken_over_one_moves_to_its_new_holder()
    {
        var wati = await WorkerAsync("Wati", "wati_w");
        await WorkerAsync("Budi", null);

        await SendAsAsync(wati.Id, "Wati", "wati_new", "/me");
        Assert.StartsWith("👤 Wati (@wati_new, 100002)", (await owner.SendAsync("/user @wati_new")).PlainText);
        Assert.StartsWith("No user with the username @wati_w", (await owner.SendAsync("/user @wati_w")).PlainText);

        // Budi takes the name Wati gave up long ago, while the bot still has it on Wati (she has not written since).
        await SendAsAsync(wati.Id, "Wati", "Shared_Name", "/me");
        await SendAsAsync(100003, "Budi", "shared_name", "/me");
        Assert.StartsWith("👤 Budi (@shared_name, 100003)", (await owner.SendAsync("/user @shared_name")).PlainText);
        Assert.StartsWith("👤 Wati (100002)", (await owner.SendAsync("/user 100002")).PlainText);

        // A username dropped in Telegram is dropped here too.
        await SendAsAsync(100003, "Budi", null, "/me");
        Assert.Null((await Bot.Get<WorkerStore>().FindAsync(100003))!.Username);
    }

    [Fact]
    public async Task A_four_letter_username_names_its_worker_as_Telegram_allows()
    {
        await WorkerAsync("Alexander", "alex");

        Assert.StartsWith("👤 Alexander (@alex, 100002)", (await owner.SendAsync("/user @alex")).PlainText);
        Assert.StartsWith("🚫 Alexander (@alex, 100002) is banned from the platform", (await owner.SendAsync("/ban @ALEX 1d")).PlainText);
        Assert.StartsWith("✅ Topped up Alexander's requester account", (await owner.SendAsync("/topup @alex 500")).PlainText);
        Assert.StartsWith("Usage: /user", (await owner.SendAsync("/user @abc")).PlainText);
    }

    private async Task<Player> WorkerAsync(string name, string? username)
    {
        var player = new Player(Bot, Bot.Emulator.CreateUser(name, "en", username));
        var welcome = await player.SendAsync("/start");
        await player.PressAsync(welcome, "c");
        return player;
    }

    /// <summary>A message from the user as Telegram would send it after they changed their username.</summary>
    private async Task SendAsAsync(long userId, string firstName, string? username, string text)
    {
        var from = new Dictionary<string, object?> { ["id"] = userId, ["is_bot"] = false, ["first_name"] = firstName, ["language_code"] = "en" };
        if (username is not null)
        {
            from["username"] = username;
        }

        var update = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["message"] = new Dictionary<string, object>
            {
                ["message_id"] = 90000 + Random.Shared.Next(10000),
                ["from"] = from,
                ["chat"] = new Dictionary<string, object> { ["id"] = userId, ["type"] = "private", ["first_name"] = firstName },
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["text"] = text,
                ["entities"] = new[] { new Dictionary<string, object> { ["type"] = "bot_command", ["offset"] = 0, ["length"] = text.Split(' ')[0].Length } },
            },
        });
        await Bot.Emulator.WaitUntilConfirmedAsync(Bot.Emulator.InjectRawUpdate(update), TimeSpan.FromSeconds(15));
    }
}

public sealed class EmbeddedUsernameTests() : UsernameTests("Embedded");

public sealed class PostgresUsernameTests() : UsernameTests("Postgres");
