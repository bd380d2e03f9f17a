using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Globalization;

namespace Microtask.Sandbox.Tests;

/// <summary>Telegram accepts the same call as JSON, urlencoded form, multipart or query string; so does the emulator.</summary>
public sealed class RequestBodyTests : EmulatorTest
{
    private const string Keyboard = """{"inline_keyboard":[[{"text":"Yes","callback_data":"y"}]]}""";

    private async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task Urlencoded_form_with_a_json_keyboard_field_is_understood()
    {
        var user = StartedUser();
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chat_id"] = user.Id.ToString(CultureInfo.InvariantCulture),
            ["text"] = "<b>form</b>",
            ["parse_mode"] = "HTML",
            ["reply_markup"] = Keyboard,
        });

        var (status, body) = await CallAsync(new HttpRequestMessage(HttpMethod.Post, MethodUrl("sendMessage")) { Content = form });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("form", body.GetProperty("result").GetProperty("text").GetString());
        Assert.Equal("y", Emulator.Transcript(user.Id)[^1].Keyboard.Single().Single().CallbackData);
    }

    [Fact]
    public async Task Json_body_with_an_inline_keyboard_object_is_understood()
    {
        var user = StartedUser();
        var payload = new { chat_id = user.Id, text = "json", reply_markup = JsonDocument.Parse(Keyboard).RootElement };

        var (status, body) = await CallAsync(new HttpRequestMessage(HttpMethod.Post, MethodUrl("sendMessage")) { Content = JsonContent.Create(payload) });

        Assert.Equal(HttpStatusCode.OK, status);
        var result = body.GetProperty("result");
        Assert.Equal("json", result.GetProperty("text").GetString());
        Assert.Equal("y", result.GetProperty("reply_markup").GetProperty("inline_keyboard")[0][0].GetProperty("callback_data").GetString());
        Assert.Equal("private", result.GetProperty("chat").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Multipart_form_fields_and_query_string_arguments_are_understood()
    {
        var user = StartedUser();
        var multipart = new MultipartFormDataContent
        {
            { new StringContent("multipart"), "text" },
            { new StringContent(Keyboard), "reply_markup" },
        };

        var (status, _) = await CallAsync(new HttpRequestMessage(HttpMethod.Post, MethodUrl("sendMessage") + $"?chat_id={user.Id}") { Content = multipart });
        var (getStatus, _) = await CallAsync(new HttpRequestMessage(HttpMethod.Get, MethodUrl("sendMessage") + $"?chat_id={user.Id}&text=query"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (status, getStatus));
        Assert.Equal(["/start", "multipart", "query"], Emulator.Transcript(user.Id).Select(m => m.Text));
    }

    [Fact]
    public async Task Multipart_document_with_an_attach_reference_is_uploaded()
    {
        var user = StartedUser();
        var multipart = new MultipartFormDataContent
        {
            { new StringContent(user.Id.ToString(CultureInfo.InvariantCulture)), "chat_id" },
            { new StringContent("attach://file1"), "document" },
            { new ByteArrayContent([7, 7]), "file1", "seven.bin" },
        };

        var (status, body) = await CallAsync(new HttpRequestMessage(HttpMethod.Post, MethodUrl("sendDocument")) { Content = multipart });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("seven.bin", body.GetProperty("result").GetProperty("document").GetProperty("file_name").GetString());
        Assert.Equal([7, 7], Emulator.DownloadDocument(user.Id, body.GetProperty("result").GetProperty("message_id").GetInt64()));
    }

    [Fact]
    public async Task Malformed_json_keyboard_in_a_form_is_a_bad_request()
    {
        var user = StartedUser();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["chat_id"] = user.Id.ToString(CultureInfo.InvariantCulture), ["text"] = "x", ["reply_markup"] = "{not json" });

        var (status, body) = await CallAsync(new HttpRequestMessage(HttpMethod.Post, MethodUrl("sendMessage")) { Content = form });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Bad Request: can't parse reply keyboard markup JSON object", body.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Responses_use_snake_case_and_omit_absent_fields()
    {
        var user = StartedUser();

        var (_, body) = await CallAsync(new HttpRequestMessage(HttpMethod.Get, MethodUrl("sendMessage") + $"?chat_id={user.Id}&text=plain"));

        var result = body.GetProperty("result");
        Assert.True(result.TryGetProperty("message_id", out _));
        Assert.False(result.TryGetProperty("entities", out _));
        Assert.False(result.TryGetProperty("reply_markup", out _));
        Assert.False(result.TryGetProperty("edit_date", out _));
        Assert.True(result.GetProperty("from").GetProperty("is_bot").GetBoolean());
    }
}
