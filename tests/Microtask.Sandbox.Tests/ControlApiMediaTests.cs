using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Telegram.Bot;

namespace Microtask.Sandbox.Tests;

/// <summary>Photos, voice notes, audios, videos, stickers and locations sent over /sandbox/api, and sounds served to play inline.</summary>
public sealed class ControlApiMediaTests : EmulatorTest
{
    private Uri Api(string path) => new(Emulator.BaseUrl, "sandbox/api/" + path);

    private static MultipartFormDataContent Form(byte[] file, string name, params (string Field, string Value)[] fields)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        foreach (var (field, value) in fields) form.Add(new StringContent(value), field);
        return form;
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Each_kind_of_file_and_a_location_reach_the_bot_over_http()
    {
        var user = StartedUser();
        var prompt = await Bot.SendMessage(user.Id, "Record it");
        await DrainAsync();

        var calls = new[]
        {
            await SendAsync(Http.PostAsync(Api($"users/{user.Id}/photos"), Form(Images.Png(5, 4), "shelf.png", ("caption", "shelf 3")))),
            await SendAsync(Http.PostAsync(Api($"users/{user.Id}/voices"), Form([1, 2, 3], "voice.webm", ("duration", "4"), ("replyToMessageId", $"{prompt.Id}")))),
            await SendAsync(Http.PostAsync(Api($"users/{user.Id}/audios"), Form(SampleMedia.Wav(2), "take.wav", ("title", "Take 1")))),
            await SendAsync(Http.PostAsync(Api($"users/{user.Id}/videos"), Form(SampleMedia.Mp4Header(5, 32, 24), "clip.mp4"))),
            await SendAsync(Http.PostAsync(Api($"users/{user.Id}/stickers"), Form(Images.WebP(512, 512), "s.webp", ("emoji", "🐱")))),
            await SendAsync(Http.PostAsJsonAsync(Api($"users/{user.Id}/locations"), new { latitude = 1.5, longitude = 2.25 })),
        };
        var updates = await DrainAsync();
        var messages = updates.Select(u => u.Message!).ToArray();

        Assert.All(calls, c => Assert.True(c.Status == HttpStatusCode.OK, c.Body));
        Assert.Equal(calls.Select(c => JsonDocument.Parse(c.Body).RootElement.GetProperty("updateId").GetInt64()), updates.Select(u => (long)u.Id));
        Assert.Equal(((5, 4), "shelf 3"), ((messages[0].Photo![^1].Width, messages[0].Photo![^1].Height), messages[0].Caption));
        Assert.Equal((4, prompt.Id), (messages[1].Voice!.Duration, messages[1].ReplyToMessage!.Id));
        Assert.Equal((2, "Take 1", "take.wav"), (messages[2].Audio!.Duration, messages[2].Audio!.Title, messages[2].Audio!.FileName));
        Assert.Equal((32, 24, 5), (messages[3].Video!.Width, messages[3].Video!.Height, messages[3].Video!.Duration));
        Assert.Equal("🐱", messages[4].Sticker!.Emoji);
        Assert.Equal((1.5, 2.25), (messages[5].Location!.Latitude, messages[5].Location!.Longitude));
        var transcript = JsonDocument.Parse(await Http.GetStringAsync(Api($"chats/{user.Id}/transcript"))).RootElement;
        var count = transcript.GetArrayLength();
        Assert.Equal(4, transcript[count - 5].GetProperty("voice").GetProperty("duration").GetInt32());
        Assert.Equal(2.25, transcript[count - 1].GetProperty("location").GetProperty("longitude").GetDouble());
    }

    [Fact]
    public async Task What_is_not_what_the_call_takes_is_refused_with_the_status_that_says_why()
    {
        var user = StartedUser();

        var notImage = await SendAsync(Http.PostAsync(Api($"users/{user.Id}/photos"), Form("a,b"u8.ToArray(), "a.png")));
        var badDuration = await SendAsync(Http.PostAsync(Api($"users/{user.Id}/voices"), Form([1], "v.ogg", ("duration", "1.5"))));
        var badReply = await SendAsync(Http.PostAsync(Api($"users/{user.Id}/voices"), Form([1], "v.ogg", ("replyToMessageId", "x"))));
        var longCaption = await SendAsync(Http.PostAsync(Api($"users/{user.Id}/videos"), Form([1], "v.mp4", ("caption", new string('a', 1025)))));
        var jsonPhoto = await SendAsync(Http.PostAsJsonAsync(Api($"users/{user.Id}/photos"), new { file = "a.png" }));
        var formLocation = await SendAsync(Http.PostAsync(Api($"users/{user.Id}/locations"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["latitude"] = "1", ["longitude"] = "2" })));
        var noLongitude = await SendAsync(Http.PostAsJsonAsync(Api($"users/{user.Id}/locations"), new { latitude = 1 }));
        var offTheMap = await SendAsync(Http.PostAsJsonAsync(Api($"users/{user.Id}/locations"), new { latitude = 95, longitude = 0 }));
        using var foreign = new HttpRequestMessage(HttpMethod.Post, Api($"users/{user.Id}/photos")) { Content = Form(Images.Png(2, 2), "a.png") };
        foreign.Headers.Add("Origin", "https://evil.example");
        var fromElsewhere = await SendAsync(Http.SendAsync(foreign));

        Assert.All([notImage, badDuration, badReply, longCaption, noLongitude, offTheMap], c => Assert.Equal(HttpStatusCode.BadRequest, c.Status));
        Assert.Contains("PNG, JPEG, GIF or WebP", notImage.Body, StringComparison.Ordinal);
        Assert.Contains("duration", badDuration.Body, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnsupportedMediaType), (jsonPhoto.Status, formLocation.Status));
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.Status);
        Assert.Single(Emulator.Transcript(user.Id));
    }

    [Fact]
    public async Task Sounds_are_served_to_play_inline_only_when_their_bytes_are_a_playable_file()
    {
        var user = StartedUser();
        var ogg = SampleMedia.OggOpus(3);
        Emulator.SendVoice(user.Id, ogg);
        var voice = Emulator.Transcript(user.Id)[^1].MessageId;
        Emulator.SendVoice(user.Id, "<script>alert(1)</script>"u8.ToArray(), 3);
        var disguised = Emulator.Transcript(user.Id)[^1].MessageId;
        var photo = (await Bot.SendPhoto(user.Id, Telegram.Bot.Types.InputFile.FromStream(new MemoryStream(Images.Png(2, 2)), "p.png"))).Id;

        using var whole = await Http.GetAsync(Api($"chats/{user.Id}/messages/{voice}/media"));
        using var request = new HttpRequestMessage(HttpMethod.Get, Api($"chats/{user.Id}/messages/{voice}/media"));
        request.Headers.Range = new RangeHeaderValue(0, 9);
        using var part = await Http.SendAsync(request);
        using var script = await Http.GetAsync(Api($"chats/{user.Id}/messages/{disguised}/media"));
        using var picture = await Http.GetAsync(Api($"chats/{user.Id}/messages/{photo}/media"));

        Assert.Equal((HttpStatusCode.OK, "audio/ogg"), (whole.StatusCode, whole.Content.Headers.ContentType?.MediaType));
        Assert.Equal(ogg, await whole.Content.ReadAsByteArrayAsync());
        Assert.Contains("sandbox", whole.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", whole.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(ogg[..10], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (script.StatusCode, picture.StatusCode));
    }
}
