using System.Net;
using System.Text;
using Microtask.Sandbox.State;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Microtask.Sandbox.Tests;

/// <summary>sendPhoto, and images a chat shows inline: a photo, or a document whose bytes are an image.</summary>
public sealed class PhotoTests : EmulatorTest
{
    private Uri Api(string path) => new(Emulator.BaseUrl, "sandbox/api/" + path);

    [Fact]
    public async Task A_photo_is_sent_with_its_size_and_can_be_downloaded_and_sent_again()
    {
        var user = StartedUser();
        var png = Images.Png(40, 30);

        var sent = await Bot.SendPhoto(user.Id, InputFile.FromStream(new MemoryStream(png), "chart.png"), caption: "<b>Progress</b>", parseMode: ParseMode.Html);
        var size = Assert.Single(sent.Photo!);
        var file = await Bot.GetFile(size.FileId);
        using var downloaded = new MemoryStream();
        await Bot.DownloadFile(file, downloaded);
        var again = await Bot.SendPhoto(user.Id, InputFile.FromFileId(size.FileId));

        Assert.Equal((40, 30, (long)png.Length), (size.Width, size.Height, size.FileSize));
        Assert.Equal("Progress", sent.Caption);
        Assert.Equal(png, downloaded.ToArray());
        Assert.StartsWith("photos/", file.FilePath, StringComparison.Ordinal);
        Assert.Equal(size.FileId, again.Photo!.Single().FileId);
        var shown = Emulator.Transcript(user.Id)[^2];
        Assert.Equal((new ImageSize(40, 30), "Progress", (string?)null), (shown.Photo, shown.PlainText, shown.DocumentFileName));
        Assert.Equal(png, Emulator.DownloadDocument(user.Id, shown.MessageId));
    }

    [Theory]
    [InlineData("csv", "Bad Request: IMAGE_PROCESS_FAILED")]
    [InlineData("tall", "Bad Request: PHOTO_INVALID_DIMENSIONS")]
    [InlineData("huge", "Bad Request: PHOTO_INVALID_DIMENSIONS")]
    [InlineData("heavy", "Bad Request: PHOTO_SAVE_FILE_INVALID")]
    public async Task What_Telegram_cannot_show_as_a_photo_is_refused(string kind, string description)
    {
        var user = StartedUser();
        var content = kind switch
        {
            "csv" => Encoding.UTF8.GetBytes("a,b\n1,2\n"),
            "tall" => Images.Gif(1, 21),
            "huge" => Images.Gif(6000, 4001),
            _ => [.. Images.Png(2, 2), .. new byte[10 * 1024 * 1024]],
        };

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendPhoto(user.Id, InputFile.FromStream(new MemoryStream(content), "x.png")));

        Assert.Equal((400, description), (error.ErrorCode, error.Message));
        Assert.Single(Emulator.Transcript(user.Id));
    }

    [Fact]
    public async Task Images_are_served_inline_only_when_their_own_bytes_are_an_image()
    {
        var user = StartedUser();
        var png = Images.Png(4, 3);
        var chart = await Bot.SendDocument(user.Id, InputFile.FromStream(new MemoryStream(png), "progress-1.png"));
        var photo = await Bot.SendPhoto(user.Id, InputFile.FromStream(new MemoryStream(png), "p.png"));
        var csv = await Bot.SendDocument(user.Id, InputFile.FromStream(new MemoryStream("a\n"u8.ToArray()), "a.csv"));
        Emulator.SendDocument(user.Id, "cat.png", "<html><script>alert(1)</script>"u8.ToArray(), "image/png");
        var disguised = Emulator.Transcript(user.Id)[^1];

        using var shown = await Http.GetAsync(Api($"chats/{user.Id}/messages/{chart.Id}/image"));
        using var shownPhoto = await Http.GetAsync(Api($"chats/{user.Id}/messages/{photo.Id}/image"));
        using var notImage = await Http.GetAsync(Api($"chats/{user.Id}/messages/{csv.Id}/image"));
        using var notReally = await Http.GetAsync(Api($"chats/{user.Id}/messages/{disguised.MessageId}/image"));

        Assert.Equal("image/png", chart.Document!.MimeType); // no type given: named by its extension, as Telegram does
        Assert.Equal("image/png", Emulator.Transcript(user.Id).Single(m => m.MessageId == chart.Id).DocumentMimeType);
        Assert.Equal((HttpStatusCode.OK, "image/png"), (shown.StatusCode, shown.Content.Headers.ContentType?.MediaType));
        Assert.Equal(png, await shown.Content.ReadAsByteArrayAsync());
        Assert.Contains("sandbox", shown.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", shown.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, shownPhoto.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (notImage.StatusCode, notReally.StatusCode));
    }

    public static TheoryData<string, byte[], string?, int, int> Files => new()
    {
        { "png", Images.Png(3, 2), "image/png", 3, 2 },
        { "gif", Images.Gif(300, 200), "image/gif", 300, 200 },
        { "jpeg", Images.Jpeg(640, 480), "image/jpeg", 640, 480 },
        { "webp", Images.WebP(1200, 900), "image/webp", 1200, 900 },
        { "svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray(), null, 0, 0 },
        { "cut png", Images.Png(3, 2)[..20], null, 0, 0 },
        { "empty", [], null, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void An_image_is_recognised_by_its_bytes(string kind, byte[] content, string? mimeType, int width, int height)
    {
        var image = ImageFormat.Of(content);

        Assert.True(mimeType is null ? image is null : image == new ImageFormat(mimeType, width, height), $"{kind}: {image}");
    }
}
