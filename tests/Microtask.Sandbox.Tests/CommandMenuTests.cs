using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using System.Globalization;

namespace Microtask.Sandbox.Tests;

public sealed class CommandMenuTests : EmulatorTest
{
    [Fact]
    public async Task Commands_are_kept_per_language_and_read_back()
    {
        await Bot.SetMyCommands([new BotCommand("next", "Next task"), new BotCommand("me", "My stats")]);
        await Bot.SetMyCommands([new BotCommand("next", "Tugas berikutnya")], languageCode: "id");

        var english = await Bot.GetMyCommands();
        var indonesian = await Bot.GetMyCommands(languageCode: "id");

        Assert.Equal(["next", "me"], english.Select(c => c.Command));
        Assert.Equal("Tugas berikutnya", indonesian.Single().Description);
        Assert.Equal([new BotCommandInfo("next", "Next task"), new BotCommandInfo("me", "My stats")], Emulator.Commands());
        Assert.Equal([new BotCommandInfo("next", "Tugas berikutnya")], Emulator.Commands("id"));
        Assert.Empty(Emulator.Commands("fr"));
    }

    [Fact]
    public async Task Private_chat_scope_overrides_the_default_menu()
    {
        await Bot.SetMyCommands([new BotCommand("start", "Start")]);
        await Bot.SetMyCommands([new BotCommand("next", "Next")], scope: new BotCommandScopeAllPrivateChats());

        Assert.Equal("next", Emulator.Commands().Single().Command);
        Assert.Equal("start", (await Bot.GetMyCommands()).Single().Command);
    }

    [Fact]
    public async Task A_chats_own_menu_comes_first_then_all_private_chats_then_the_default_each_in_the_users_language_first()
    {
        var rini = StartedUser("Rini", "id");
        var sari = StartedUser("Sari", "id");
        var alex = StartedUser("Alex", "en");
        await Bot.SetMyCommands([new BotCommand("next", "Next task")]);
        await Bot.SetMyCommands([new BotCommand("next", "Tugas berikutnya")], languageCode: "id");
        await Bot.SetMyCommands([new BotCommand("newproject", "New project")], scope: new BotCommandScopeChat { ChatId = rini.Id });
        await Bot.SetMyCommands([new BotCommand("newproject", "Proyek baru")], scope: new BotCommandScopeChat { ChatId = rini.Id }, languageCode: "id");

        Assert.Equal("Proyek baru", Emulator.CommandsFor(rini.Id).Single().Description);
        Assert.Equal("Tugas berikutnya", Emulator.CommandsFor(sari.Id).Single().Description);
        Assert.Equal("Next task", Emulator.CommandsFor(alex.Id).Single().Description);
        Assert.Equal("New project", (await Bot.GetMyCommands(new BotCommandScopeChat { ChatId = rini.Id })).Single().Description);
        Assert.Empty(await Bot.GetMyCommands(new BotCommandScopeChat { ChatId = sari.Id }));
        var overHttp = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Emulator.BaseUrl, $"sandbox/api/users/{rini.Id}/commands"))).RootElement;
        Assert.Equal("newproject", overHttp[0].GetProperty("command").GetString());

        await Bot.DeleteMyCommands(new BotCommandScopeChat { ChatId = rini.Id }, languageCode: "id");

        Assert.Equal("New project", Emulator.CommandsFor(rini.Id).Single().Description);
        Assert.Equal("next", Emulator.Commands("id").Single().Command);
    }

    [Theory]
    [InlineData("""{"type":"chat"}""", null, "Bad Request: can't parse BotCommandScope: Can't find field \"chat_id\"")]
    [InlineData("""{"type":"chat","chat_id":""}""", null, "Bad Request: can't parse BotCommandScope: Empty chat_id specified")]
    [InlineData("""{"type":"everyone"}""", null, "Bad Request: can't parse BotCommandScope: Unsupported type specified")]
    [InlineData("""{"chat_id":1}""", null, "Bad Request: can't parse BotCommandScope: Can't find field \"type\"")]
    [InlineData("[1]", null, "Bad Request: can't parse BotCommandScope: BotCommandScope must be an Object")]
    [InlineData("\"{\"", null, "Bad Request: can't parse BotCommandScope JSON object")]
    [InlineData("""{"type":"chat","chat_id":"@rini"}""", null, "Bad Request: chat not found")]
    [InlineData("""{"type":"chat","chat_id":STRANGER}""", null, "Bad Request: chat not found")]
    [InlineData("""{"type":"chat_administrators","chat_id":USER}""", null, "Bad Request: can't use specified scope in private chats")]
    [InlineData("""{"type":"chat_member","chat_id":USER,"user_id":USER}""", null, "Bad Request: can't use specified scope in private chats")]
    [InlineData("""{"type":"chat","chat_id":USER}""", "ind", "Bad Request: invalid language code specified")]
    [InlineData("""{"type":"default"}""", "ID", "Bad Request: invalid language code specified")]
    public async Task Scopes_and_languages_are_checked_in_Telegrams_words(string scope, string? language, string description)
    {
        var user = StartedUser();
        var stranger = Emulator.CreateUser("Silent"); // never wrote to the bot
        var body = new JsonObject
        {
            ["commands"] = JsonNode.Parse("""[{"command":"next","description":"Next"}]"""),
            ["scope"] = JsonNode.Parse(scope.Replace("STRANGER", stranger.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("USER", user.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)),
        };
        if (language is not null) body["language_code"] = language;

        foreach (var method in new[] { "setMyCommands", "getMyCommands", "deleteMyCommands" })
        {
            using var response = await Http.PostAsJsonAsync(MethodUrl(method), body);
            var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

            Assert.Equal((400, description), (answer.GetProperty("error_code").GetInt32(), answer.GetProperty("description").GetString()));
        }
        Assert.Empty(Emulator.CommandsFor(user.Id));
    }

    [Theory]
    [InlineData("Next", "Upper case", "Bad Request: BOT_COMMAND_INVALID")]
    [InlineData("next-task", "Dash", "Bad Request: BOT_COMMAND_INVALID")]
    [InlineData("next", " ", "Bad Request: command description must be non-empty")]
    [InlineData("/", "Slash only", "Bad Request: command must be non-empty")]
    [InlineData("a_command_name_of_thirty_three_ch", "Too long", "Bad Request: command length must not exceed 32")]
    public async Task Invalid_commands_are_refused(string command, string description, string error)
    {
        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SetMyCommands([new BotCommand(command, description)]));

        Assert.Equal((400, error), (refused.ErrorCode, refused.Message));
    }

    [Fact]
    public async Task Commands_are_trimmed_and_lose_a_leading_slash_as_on_Telegram()
    {
        await Bot.SetMyCommands([new BotCommand(" /next ", " Next task ")]);

        Assert.Equal(new BotCommandInfo("next", "Next task"), (await Bot.GetMyCommands()).Select(c => new BotCommandInfo(c.Command, c.Description)).Single());
    }
}
