using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Microtask.Sandbox.Tests;

/// <summary>Files a bot names by an HTTP(S) URL: fetched by the emulator from a test's own server, and refused as Telegram refuses them.</summary>
public sealed class UrlFileTests : EmulatorTest
{
    private const string Failed = "Bad Request: failed to get HTTP URL content";
    private const string WrongType = "Bad Request: wrong type of the web page content";

    [Fact]
    public async Task A_photo_audio_voice_video_and_pdf_named_by_url_are_fetched_and_sent()
    {
        await using var server = await FileServer.StartAsync();
        var user = StartedUser();
        var png = Images.Png(30, 20);

        var photo = await Bot.SendPhoto(user.Id, InputFile.FromUri(server.Add("items/17.png", png, "image/png")), caption: "Item 17");
        var redirected = await Bot.SendPhoto(user.Id, InputFile.FromUri(new Uri(server.BaseUrl, "redirect/items/17.png")));
        var audio = await Bot.SendAudio(user.Id, InputFile.FromUri(server.Add("clip.mp3", Media.Mp3(5), "audio/mpeg")));
        var voice = await Bot.SendVoice(user.Id, InputFile.FromUri(server.Add("say.ogg", SampleMedia.OggOpus(2), "audio/ogg")));
        var video = await Bot.SendVideo(user.Id, InputFile.FromUri(server.Add("street.mp4", SampleMedia.Mp4Header(9, 64, 48), "video/mp4")));
        var pdf = await Bot.SendDocument(user.Id, InputFile.FromUri(server.Add("guide.pdf", "%PDF-1.4 guide"u8.ToArray(), "application/pdf")));

        Assert.Equal((30, 20, "Item 17"), (photo.Photo![^1].Width, photo.Photo[^1].Height, photo.Caption));
        Assert.Equal(png, Emulator.DownloadDocument(user.Id, photo.Id));
        Assert.NotEqual(photo.Photo[^1].FileUniqueId, redirected.Photo![^1].FileUniqueId);
        Assert.Equal(2, server.Hits("items/17.png"));
        Assert.Equal((5, 2, 9), (audio.Audio!.Duration, voice.Voice!.Duration, video.Video!.Duration));
        Assert.Equal(("guide.pdf", "application/pdf"), (pdf.Document!.FileName, pdf.Document.MimeType));
    }

    [Fact]
    public async Task A_url_that_does_not_answer_answers_an_error_or_too_much_is_refused()
    {
        await using var server = await FileServer.StartAsync();
        var user = StartedUser();
        var closed = new Uri("http://127.0.0.1:9/nothing-listens-here.png");
        var bigPhoto = server.Add("big.png", [.. Images.Png(2, 2), .. new byte[5 * 1024 * 1024]], "image/png");

        var errors = new[]
        {
            await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendPhoto(user.Id, InputFile.FromUri(closed))),
            await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendPhoto(user.Id, InputFile.FromUri(new Uri(server.BaseUrl, "missing.png")))),
            await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendPhoto(user.Id, InputFile.FromUri(bigPhoto))),
            await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendVoice(user.Id, InputFile.FromUri(new Uri(server.BaseUrl, "missing.ogg")))),
        };

        Assert.All(errors, e => Assert.Equal((400, Failed), (e.ErrorCode, e.Message)));
        Assert.Single(Emulator.Transcript(user.Id));
    }

    [Fact]
    public async Task A_url_that_answers_another_kind_of_file_is_refused()
    {
        await using var server = await FileServer.StartAsync();
        var user = StartedUser();
        var page = server.Add("item.png", "<html>not an image</html>"u8.ToArray(), "text/html");
        var csv = server.Add("tasks.csv", "a,b\n"u8.ToArray(), "text/csv");
        var tall = server.Add("tall.png", Images.Png(1, 30), "image/png");

        var photo = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendPhoto(user.Id, InputFile.FromUri(page)));
        var voice = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendVoice(user.Id, InputFile.FromUri(page)));
        var video = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendVideo(user.Id, InputFile.FromUri(page)));
        var document = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendDocument(user.Id, InputFile.FromUri(csv)));
        var shape = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendPhoto(user.Id, InputFile.FromUri(tall)));

        Assert.All([photo, voice, video, document], e => Assert.Equal(WrongType, e.Message));
        Assert.Equal("Bad Request: PHOTO_INVALID_DIMENSIONS", shape.Message);
    }

    [Fact]
    public async Task A_self_signed_certificate_is_refused_unless_the_emulator_is_told_to_accept_it()
    {
        await using var server = await FileServer.StartAsync(https: true);
        var url = server.Add("cat.png", Images.Png(4, 4), "image/png");
        var user = StartedUser();
        await using var trusting = await BotApiEmulator.StartAsync(new EmulatorOptions { AcceptAnyCertificate = true });
        var other = trusting.CreateUser("Budi");
        trusting.SendText(other.Id, "/start");
        var trustingBot = new TelegramBotClient(new TelegramBotClientOptions(trusting.Token, trusting.BaseUrl.ToString()), Http);

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendPhoto(user.Id, InputFile.FromUri(url)));
        var sent = await trustingBot.SendPhoto(other.Id, InputFile.FromUri(url));

        Assert.Equal(Failed, refused.Message);
        Assert.Equal(4, sent.Photo![^1].Width);
    }

    [Fact]
    public async Task A_url_that_answers_too_slowly_is_given_up()
    {
        await using var server = await FileServer.StartAsync();
        await using var impatient = await BotApiEmulator.StartAsync(new EmulatorOptions { UrlTimeout = TimeSpan.FromMilliseconds(300) });
        var user = impatient.CreateUser("Ayu");
        impatient.SendText(user.Id, "/start");
        var bot = new TelegramBotClient(new TelegramBotClientOptions(impatient.Token, impatient.BaseUrl.ToString()), Http);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendPhoto(user.Id, InputFile.FromUri(new Uri(server.BaseUrl, "hang"))));

        Assert.Equal(Failed, error.Message);
        Assert.Equal(1, server.Hits("hang"));
    }

    [Fact]
    public async Task An_album_item_whose_url_fails_is_named_by_its_position_and_nothing_is_sent()
    {
        await using var server = await FileServer.StartAsync();
        var user = StartedUser();
        var good = server.Add("a.png", Images.Png(2, 2), "image/png");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMediaGroup(user.Id,
            [new InputMediaPhoto(InputFile.FromUri(good)), new InputMediaPhoto(InputFile.FromUri(new Uri(server.BaseUrl, "gone.png")))]));

        Assert.Equal("Bad Request: failed to send message #2 with the error message \"Failed to get HTTP URL content\"", error.Message);
        Assert.Single(Emulator.Transcript(user.Id));
    }
}
