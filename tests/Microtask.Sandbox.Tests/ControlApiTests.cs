using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Sandbox.Tests;

/// <summary>The same user actions over HTTP under /sandbox/api, for another process or the web chat.</summary>
public sealed class ControlApiTests : EmulatorTest
{
    private Uri Api(string path) => new(Emulator.BaseUrl, "sandbox/api/" + path);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Users_are_created_and_write_to_the_bot_over_http()
    {
        var user = await JsonAsync(await Http.PostAsJsonAsync(Api("users"), new { firstName = "Citra", languageCode = "id" }));
        var userId = user.GetProperty("id").GetInt64();

        var queued = await JsonAsync(await Http.PostAsJsonAsync(Api($"users/{userId}/messages"), new { text = "/start" }));
        var users = await JsonAsync(await Http.GetAsync(Api("users")));

        Assert.Equal("Citra", users[0].GetProperty("firstName").GetString());
        var update = Assert.Single(await Bot.GetUpdates());
        Assert.Equal(queued.GetProperty("updateId").GetInt64(), update.Id);
        Assert.Equal("/start", update.Message!.Text);
    }

    [Fact]
    public async Task Buttons_are_pressed_and_transcripts_read_over_http()
    {
        var user = StartedUser();
        var sent = await Bot.SendMessage(user.Id, "<b>Pick</b>", parseMode: Telegram.Bot.Types.Enums.ParseMode.Html,
            replyMarkup: new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("A", "a")]]));

        var transcript = await JsonAsync(await Http.GetAsync(Api($"chats/{user.Id}/transcript")));
        var pressed = await Http.PostAsJsonAsync(Api($"users/{user.Id}/presses"), new { messageId = sent.Id, callbackData = "a" });
        var missing = await Http.PostAsJsonAsync(Api($"users/{user.Id}/presses"), new { messageId = sent.Id, callbackData = "zzz" });

        Assert.Equal("Pick", transcript[1].GetProperty("plainText").GetString());
        Assert.Equal("a", transcript[1].GetProperty("keyboard")[0][0].GetProperty("callbackData").GetString());
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("a", (await Bot.GetUpdates())[^1].CallbackQuery!.Data);
    }

    [Fact]
    public async Task Documents_are_uploaded_over_http()
    {
        var user = StartedUser();
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("a,b\n"u8.ToArray()), "file", "tasks.csv" },
            { new StringContent("my batch"), "caption" },
        };

        await JsonAsync(await Http.PostAsync(Api($"users/{user.Id}/documents"), form));

        var message = (await Bot.GetUpdates())[^1].Message!;
        Assert.Equal(("tasks.csv", "my batch"), (message.Document!.FileName, message.Caption));
    }

    [Fact]
    public async Task Events_stream_the_chats_changes_as_server_sent_events()
    {
        var user = StartedUser();
        using var response = await Http.GetAsync(Api($"events?userId={user.Id}"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());

        await Bot.SendMessage(user.Id, "streamed");

        string? line;
        do line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        while (line is not null && !line.StartsWith("data: ", StringComparison.Ordinal));
        var change = JsonDocument.Parse(line![6..]).RootElement;
        Assert.Equal("MessageAdded", change.GetProperty("kind").GetString());
        Assert.Equal("streamed", change.GetProperty("message").GetProperty("text").GetString());
    }
}
