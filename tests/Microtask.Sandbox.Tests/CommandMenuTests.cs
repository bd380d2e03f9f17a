using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

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

    [Theory]
    [InlineData("Next", "Upper case")]
    [InlineData("next-task", "Dash")]
    [InlineData("next", "")]
    public async Task Invalid_commands_are_refused(string command, string description)
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SetMyCommands([new BotCommand(command, description)]));

        Assert.Equal(400, error.ErrorCode);
    }
}
