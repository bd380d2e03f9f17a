using Microsoft.Extensions.Logging;
using Microtask.Bot.Telegram.Routing;

namespace Microtask.Bot.Tests.Telegram;

/// <summary>
/// Every typed command the bot knows, fed words no one should type, by a user who holds every role: each gets a
/// reply of its own (never the failure reply) and nothing is logged as an error. Parsing user input is total.
/// </summary>
public abstract class EveryCommandTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Admins:Owners:0"] = "100001",
    ["Microtask:Requesters:0"] = "100001",
    ["Microtask:Sender:PerChatPerSecond"] = "100",
    ["Microtask:Sender:PerChatBurst"] = "100",
})
{
    private const string Failure = "Maaf, terjadi kesalahan di pihak kami. Silakan coba lagi sebentar lagi.";

    public static TheoryData<string> Hostile_arguments() =>
    [
        new string('x', 5000),
        "#٣ ١٢٣ ۴۵ ３",
        "\u202Eevil\u202C \u200F\u2066",
        "😀👍🏽 🇮🇩",
        "99999999999999999999999999999 -1 0 1e308",
        "#-1 @x <b>&amp; </i> \"'",
        "@a 7d " + new string('r', 3000),
    ];

    [Theory]
    [MemberData(nameof(Hostile_arguments))]
    public async Task Every_command_answers_hostile_arguments_with_a_reply_of_its_own(string argument)
    {
        var logs = new CapturedLogs();
        Bot.Get<ILoggerFactory>().AddProvider(logs);
        var user = await Bot.WorkerAsync("Ade", "id");
        Assert.Equal(100001, user.Id);
        var triggers = Bot.Get<CommandTable>().Triggers.Where(t => t != "/start").Order(StringComparer.Ordinal).ToList();
        Assert.True(triggers.Count > 30, string.Join(" ", triggers));

        foreach (var trigger in triggers)
        {
            var reply = await user.SendAsync($"{trigger} {argument}");
            Assert.False(reply.PlainText.Contains(Failure, StringComparison.Ordinal), $"{trigger}: {reply.PlainText}");
            if (trigger == "/newproject")
            {
                await user.SendAsync("/cancel");
            }
        }

        Assert.Empty(logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message));
    }
}

public sealed class EmbeddedEveryCommandTests() : EveryCommandTests("Embedded");

public sealed class PostgresEveryCommandTests() : EveryCommandTests("Postgres");
