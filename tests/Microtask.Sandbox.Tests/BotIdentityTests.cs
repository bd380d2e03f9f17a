using System.Net;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Microtask.Sandbox.Tests;

public sealed class BotIdentityTests : EmulatorTest
{
    [Fact]
    public async Task GetMe_describes_the_sandbox_bot()
    {
        var me = await Bot.GetMe();

        Assert.Equal(Emulator.BotId, me.Id);
        Assert.Equal(7000000001, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal("microtask_sandbox_bot", me.Username);
        Assert.Equal("Microtask Sandbox", me.FirstName);
    }

    [Fact]
    public async Task Wrong_token_is_refused_with_401_unauthorized()
    {
        var stranger = new TelegramBotClient(new TelegramBotClientOptions("7000000001:wrong", Emulator.BaseUrl.ToString()), Http);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => stranger.GetMe());

        Assert.Equal(401, error.ErrorCode);
        Assert.Equal("Unauthorized", error.Message);
        Assert.Contains(Emulator.Refused, r => r.ErrorCode == 401);
    }

    [Fact]
    public async Task Unknown_method_is_404_not_found()
    {
        var response = await Http.PostAsync(MethodUrl("sendTelepathy"), null);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(body.GetProperty("ok").GetBoolean());
        Assert.Equal(404, body.GetProperty("error_code").GetInt32());
        Assert.Equal("Not Found", body.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Method_names_are_case_insensitive_and_GET_works()
    {
        var response = await Http.GetAsync(MethodUrl("GETME"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("ok").GetBoolean());
        Assert.Equal("microtask_sandbox_bot", body.GetProperty("result").GetProperty("username").GetString());
        Assert.Equal(1, Emulator.RequestCount("getMe"));
    }

    [Fact]
    public async Task Base_url_is_loopback_on_a_free_port()
    {
        Assert.Equal("127.0.0.1", Emulator.BaseUrl.Host);
        Assert.NotEqual(0, Emulator.BaseUrl.Port);
        await using var second = await BotApiEmulator.StartAsync();
        Assert.NotEqual(Emulator.BaseUrl.Port, second.BaseUrl.Port);
    }
}
