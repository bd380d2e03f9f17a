using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Microtask.Sandbox.Tests;

/// <summary>What the control API refuses, and how: a short JSON error with the status that says why, never a 500.</summary>
public sealed class ControlApiRefusalTests : EmulatorTest
{
    private Uri Api(string path) => new(Emulator.BaseUrl, "sandbox/api/" + path);

    private static async Task<(HttpStatusCode Status, string Error)> ErrorOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!);
    }

    [Fact]
    public async Task A_body_of_the_wrong_type_is_415_and_malformed_json_is_400()
    {
        var user = StartedUser();

        var text = await ErrorOf(await Http.PostAsync(Api("users"), new StringContent("Citra", Encoding.UTF8, "text/plain")));
        var form = await ErrorOf(await Http.PostAsync(Api($"users/{user.Id}/presses"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["messageId"] = "1", ["callbackData"] = "a" })));
        var jsonDocument = await ErrorOf(await Http.PostAsJsonAsync(Api($"users/{user.Id}/documents"), new { file = "a.csv" }));
        var malformed = await ErrorOf(await Http.PostAsync(Api($"users/{user.Id}/messages"), new StringContent("{\"text\":", Encoding.UTF8, "application/json")));
        var wrongShape = await ErrorOf(await Http.PostAsync(Api($"users/{user.Id}/presses"), new StringContent("[1]", Encoding.UTF8, "application/json")));
        var noBody = await ErrorOf(await Http.PostAsync(Api("users"), new StringContent("", Encoding.UTF8, "application/json")));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.Status);
        Assert.Contains("application/json", text.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, jsonDocument.Status);
        Assert.Contains("multipart/form-data", jsonDocument.Error, StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], [malformed.Status, wrongShape.Status, noBody.Status]);
        Assert.Single(Emulator.Users);
        Assert.Single(Emulator.Transcript(user.Id));
    }

    [Fact]
    public async Task A_file_name_with_a_raw_line_break_is_refused_with_400()
    {
        var user = StartedUser();

        foreach (var name in new[] { "a\r\nb.csv", "a\rb.csv", "a\nb.csv" })
        {
            var (status, error) = await ErrorOf(await Http.PostAsync(Api($"users/{user.Id}/documents"), RawMultipart(name, "a,b\n")));

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("file name", error, StringComparison.Ordinal);
        }
        using var plain = await Http.PostAsync(Api($"users/{user.Id}/documents"), RawMultipart("tasks.csv", "a,b\n"));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(["tasks.csv"], Emulator.Transcript(user.Id).Where(m => m.DocumentFileName is not null).Select(m => m.DocumentFileName));
    }

    [Fact]
    public async Task A_page_of_another_origin_cannot_act_as_a_user()
    {
        var user = StartedUser();
        var own = Emulator.BaseUrl.GetLeftPart(UriPartial.Authority);

        foreach (var origin in new[] { "http://localhost:3000", "http://127.0.0.1:1", "https://evil.example", "null" })
        {
            var upload = await SendAsync(HttpMethod.Post, $"users/{user.Id}/documents", RawMultipart("tasks.csv", "a,b\n"), origin: origin);
            var text = await SendAsync(HttpMethod.Post, $"users/{user.Id}/messages", JsonContent.Create(new { text = "/start" }), origin: origin);
            var newUser = await SendAsync(HttpMethod.Post, "users", JsonContent.Create(new { firstName = "Mallory" }), origin: origin);

            Assert.All([upload, text, newUser], r => Assert.Equal(HttpStatusCode.Forbidden, r.Status));
        }
        var sameOrigin = await SendAsync(HttpMethod.Post, $"users/{user.Id}/messages", JsonContent.Create(new { text = "from the web chat" }), origin: own);
        var noOrigin = await SendAsync(HttpMethod.Post, $"users/{user.Id}/messages", JsonContent.Create(new { text = "from curl" }));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (sameOrigin.Status, noOrigin.Status));
        Assert.Equal(["/start", "from the web chat", "from curl"], Emulator.Transcript(user.Id).Select(m => m.PlainText));
        Assert.Single(Emulator.Users);
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused_even_to_read()
    {
        var user = StartedUser();

        // A page that rebinds its own name to 127.0.0.1 is the same origin to the browser, but names itself in Host.
        var read = await SendAsync(HttpMethod.Get, $"chats/{user.Id}/transcript", host: "rebound.example");
        var write = await SendAsync(HttpMethod.Post, $"users/{user.Id}/messages", JsonContent.Create(new { text = "hi" }),
            origin: $"http://rebound.example:{Emulator.BaseUrl.Port}", host: "rebound.example");
        var localhost = await SendAsync(HttpMethod.Get, $"chats/{user.Id}/transcript", host: $"localhost:{Emulator.BaseUrl.Port}");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (read.Status, write.Status));
        Assert.Equal(HttpStatusCode.OK, localhost.Status);
        Assert.Single(Emulator.Transcript(user.Id));
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, HttpContent? content = null,
        string? origin = null, string? host = null)
    {
        using var request = new HttpRequestMessage(method, Api(path)) { Content = content };
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (host is not null) request.Headers.Host = host;
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A multipart body written by hand: HttpClient would refuse a line break in a header, a hostile client does not.</summary>
    private static ByteArrayContent RawMultipart(string fileName, string content)
    {
        const string Boundary = "sandbox-boundary";
        var body = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\n" +
            $"Content-Type: text/csv\r\n\r\n{content}\r\n--{Boundary}--\r\n";
        var bytes = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        bytes.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return bytes;
    }
}
