using System.Globalization;
using System.Text.Json;
using Microtask.Sandbox.Methods;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Tests;

/// <summary>Checks the emulator against the machine-readable Bot API spec kept in BotApiSpec/.</summary>
public sealed class SpecCoverageTests : EmulatorTest
{
    private static readonly Lazy<JsonElement> Spec = new(LoadSpec);

    /// <summary>A valid call per implemented method; prerequisites (messages, queries, files) are made fresh each time.</summary>
    private Dictionary<string, string> Sample(string method)
    {
        var user = Emulator.Users.FirstOrDefault() ?? StartedUser();
        var chat = user.Id.ToString(CultureInfo.InvariantCulture);
        string BotMessage(string? photo = null) => Emulator.State.Chats.Get(user.Id).Add(id => Stored(user, id, photo)).Id.ToString(CultureInfo.InvariantCulture);
        string File(FileKind kind, byte[] content) => Emulator.State.Files.Add("a", null, content, kind).FileId;
        string Photo() => File(FileKind.Photo, Images.Png(2, 1));
        return method switch
        {
            "getMe" or "getWebhookInfo" or "deleteWebhook" or "getMyCommands" or "deleteMyCommands" => [],
            "getUpdates" => new() { ["timeout"] = "0" },
            "setWebhook" => new() { ["url"] = "http://127.0.0.1:9/hook" },
            "sendMessage" => new() { ["chat_id"] = chat, ["text"] = "hello" },
            "sendChatAction" => new() { ["chat_id"] = chat, ["action"] = "typing" },
            "editMessageText" => new() { ["chat_id"] = chat, ["message_id"] = BotMessage(), ["text"] = "edited" },
            "editMessageReplyMarkup" => new() { ["chat_id"] = chat, ["message_id"] = BotMessage(), ["reply_markup"] = """{"inline_keyboard":[[{"text":"B","callback_data":"new"}]]}""" },
            "deleteMessage" => new() { ["chat_id"] = chat, ["message_id"] = BotMessage() },
            "answerCallbackQuery" => new() { ["callback_query_id"] = Emulator.State.Callbacks.Open(user.Id) },
            "sendDocument" => new() { ["chat_id"] = chat, ["document"] = Emulator.State.Files.Add("a.csv", "text/csv", [1]).FileId },
            "sendPhoto" => new() { ["chat_id"] = chat, ["photo"] = Photo() },
            "sendAudio" => new() { ["chat_id"] = chat, ["audio"] = File(FileKind.Audio, SampleMedia.Wav(1)) },
            "sendVoice" => new() { ["chat_id"] = chat, ["voice"] = File(FileKind.Voice, SampleMedia.OggOpus(1)) },
            "sendVideo" => new() { ["chat_id"] = chat, ["video"] = File(FileKind.Video, SampleMedia.Mp4Header(1, 4, 3)) },
            "sendMediaGroup" => new() { ["chat_id"] = chat, ["media"] = $"[{Item(Photo())},{Item(Photo())}]" },
            "editMessageCaption" => new() { ["chat_id"] = chat, ["message_id"] = BotMessage(Photo()), ["caption"] = "new" },
            "editMessageMedia" => new() { ["chat_id"] = chat, ["message_id"] = BotMessage(), ["media"] = Item(Photo()) },
            "getFile" => new() { ["file_id"] = Emulator.State.Files.Add("a.csv", "text/csv", [1]).FileId },
            "setMyCommands" => new() { ["commands"] = """[{"command":"next","description":"Next task"}]""" },
            _ => throw new InvalidOperationException($"No sample call for {method}; add one to {nameof(SpecCoverageTests)}."),
        };
    }

    private static string Item(string photo) => JsonSerializer.Serialize(new { type = "photo", media = photo });

    /// <summary>A message of the bot's with a keyboard: a text, or a photo with a caption.</summary>
    private StoredMessage Stored(SandboxUser user, long id, string? photo)
    {
        var wire = new Wire.WireMessage
        {
            MessageId = id,
            Chat = MessageFactory.ChatOf(user),
            Date = 0,
            ReplyMarkup = new Wire.WireKeyboard([[new Wire.WireButton("A", "old")]]),
        };
        return photo is null
            ? MessageFactory.Create(wire with { Text = "original" }, "original", null, null, fromBot: true)
            : MessageFactory.Create(FileWire.Attach(wire with { Caption = "original" }, Emulator.State.Files.FindById(photo)!, FileKind.Photo),
                null, null, "original", fromBot: true);
    }

    public static TheoryData<string> Implemented => new(MethodTable.Names);

    [Fact]
    public void Every_implemented_method_is_a_bot_api_method()
    {
        var methods = Spec.Value.GetProperty("methods");
        Assert.All(MethodTable.Names, name => Assert.True(methods.TryGetProperty(name, out _), $"{name} is not in the spec"));
    }

    [Theory]
    [MemberData(nameof(Implemented))]
    public async Task Sample_call_succeeds(string method)
    {
        var (status, body) = await CallAsync(method, Sample(method));

        Assert.True(status == 200, $"{method}: {body}");
    }

    [Theory]
    [MemberData(nameof(Implemented))]
    public async Task Each_missing_required_field_is_refused_as_empty(string method)
    {
        var required = Spec.Value.GetProperty("methods").GetProperty(method).GetProperty("fields").EnumerateArray()
            .Where(f => f.GetProperty("required").GetBoolean())
            .Select(f => f.GetProperty("name").GetString()!)
            .ToArray();

        foreach (var field in required)
        {
            var args = Sample(method);
            Assert.True(args.Remove(field), $"the sample for {method} lacks required field {field}");

            var (status, body) = await CallAsync(method, args);

            var wording = field == "text" ? "message text" : field;
            Assert.True(status == 400, $"{method} without {field}: {status} {body}");
            Assert.Equal($"Bad Request: {wording} is empty", JsonDocument.Parse(body).RootElement.GetProperty("description").GetString());
        }
    }

    private async Task<(int Status, string Body)> CallAsync(string method, Dictionary<string, string> args)
    {
        using var response = await Http.PostAsync(MethodUrl(method), new FormUrlEncodedContent(args));
        var body = await response.Content.ReadAsStringAsync();
        // A sample setWebhook would turn later getUpdates into conflicts.
        if (method == "setWebhook") await Http.PostAsync(MethodUrl("deleteWebhook"), null);
        return ((int)response.StatusCode, body);
    }

    private static JsonElement LoadSpec()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "BotApiSpec", "spec-10.1.json");
        if (!File.Exists(path)) Assert.Fail($"The Bot API spec is missing: expected it at {path}, copied there from tests/Microtask.Sandbox.Tests/BotApiSpec by the build.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
