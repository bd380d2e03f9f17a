using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Microtask.Sandbox.Tests;

/// <summary>sendMediaGroup: albums as Telegram makes them, and every way Telegram refuses one (sending and storing nothing).</summary>
public sealed class MediaGroupTests : EmulatorTest
{
    [Fact]
    public async Task An_album_of_photos_and_a_video_gets_consecutive_messages_one_group_and_each_items_caption()
    {
        var user = StartedUser();
        var prompt = await Bot.SendMessage(user.Id, "Which is better?");
        var known = (await Bot.SendPhoto(user.Id, Upload(Images.Png(3, 3), "known.png"))).Photo![^1];

        var album = await Bot.SendMediaGroup(user.Id,
        [
            new InputMediaPhoto(Upload(Images.Png(40, 30), "a.png")) { Caption = "<b>A</b> or B?", ParseMode = ParseMode.Html },
            new InputMediaPhoto(InputFile.FromFileId(known.FileId)) { Caption = "B" },
            new InputMediaVideo(Upload(SampleMedia.Mp4Header(3, 320, 240), "c.mp4")),
        ], replyParameters: prompt.Id);

        Assert.Equal(3, album.Length);
        Assert.Equal([album[0].Id, album[0].Id + 1, album[0].Id + 2], album.Select(m => m.Id));
        Assert.NotNull(album[0].MediaGroupId);
        Assert.All(album, m => Assert.Equal((album[0].MediaGroupId, prompt.Id), (m.MediaGroupId, m.ReplyToMessage!.Id)));
        Assert.Equal(["A or B?", "B", null], album.Select(m => m.Caption));
        Assert.Equal((40, 30), (album[0].Photo![^1].Width, album[0].Photo![^1].Height));
        Assert.Equal((known.FileId, known.FileUniqueId), (album[1].Photo![^1].FileId, album[1].Photo![^1].FileUniqueId));
        Assert.Equal((320, 240, 3), (album[2].Video!.Width, album[2].Video!.Height, album[2].Video!.Duration));
        var shown = Emulator.Transcript(user.Id).TakeLast(3).ToArray();
        Assert.All(shown, m => Assert.Equal(album[0].MediaGroupId, m.MediaGroupId));
        Assert.Equal(("<b>A</b> or B?", "A or B?"), (shown[0].Caption, shown[0].PlainText));
    }

    [Fact]
    public async Task Audios_go_together_and_documents_together_and_one_item_is_an_ordinary_message()
    {
        var user = StartedUser();

        var audios = await Bot.SendMediaGroup(user.Id,
            [new InputMediaAudio(Upload(SampleMedia.Wav(1), "1.wav")), new InputMediaAudio(Upload(SampleMedia.Wav(2), "2.wav"))]);
        var documents = await Bot.SendMediaGroup(user.Id,
            [new InputMediaDocument(Upload("a\n"u8.ToArray(), "1.csv")), new InputMediaDocument(Upload("b\n"u8.ToArray(), "2.csv"))]);
        var single = await Bot.SendMediaGroup(user.Id, [new InputMediaPhoto(Upload(Images.Png(2, 2), "one.png"))]);

        Assert.Equal([1, 2], audios.Select(m => m.Audio!.Duration));
        Assert.Equal(["1.csv", "2.csv"], documents.Select(m => m.Document!.FileName));
        Assert.NotEqual(audios[0].MediaGroupId, documents[0].MediaGroupId);
        Assert.Null(Assert.Single(single).MediaGroupId);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "[]", "Bad Request: there are no messages to send" },
        { Items(11, "photo"), "Bad Request: too many messages to send as an album" },
        { Items(2, "photo", "audio"), "Bad Request: audio can't be mixed with other media types" },
        { Items(2, "video", "document"), "Bad Request: document can't be mixed with other media types" },
        { Items(2, "photo", "animation"), "Bad Request: can't parse InputMedia: type \"animation\" can't be used in sendMediaGroup" },
        { Items(2, "photo", "voice"), "Bad Request: can't parse InputMedia: type \"voice\" is unsupported" },
        { """[{"type":"photo","media":"attach://missing"},{"type":"photo","media":"attach://one"}]""", "Bad Request: can't parse InputMedia: media not found" },
        { """[{"type":"photo"},{"type":"photo","media":"attach://one"}]""", "Bad Request: can't parse InputMedia: media not found" },
        { """[{"media":"attach://one"},{"type":"photo","media":"attach://one"}]""", "Bad Request: can't parse InputMedia: Can't find field \"type\"" },
        { """[{"type":"photo","media":"attach://one","caption":"<b>x","parse_mode":"HTML"},{"type":"photo","media":"attach://one"}]""",
            "Bad Request: can't parse InputMedia: Can't parse entities: Can't find end tag corresponding to start tag \"b\"" },
        { """[{"type":"photo","media":"attach://one","caption":"CAPTION"},{"type":"photo","media":"attach://one"}]""", "Bad Request: message caption is too long" },
        { """[{"type":"photo","media":"attach://one"},{"type":"photo","media":"nope"}]""",
            "Bad Request: failed to send message #2 with the error message \"Wrong file identifier/HTTP URL specified\"" },
        { """{"type":"photo"}""", "Bad Request: expected an Array of InputMedia" },
        { "[{", "Bad Request: can't parse media JSON object" },
        { """[1, 2]""", "Bad Request: can't parse InputMedia: expected an Object" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task An_album_Telegram_refuses_is_refused_in_its_words_and_nothing_is_sent(string media, string description)
    {
        var user = StartedUser();
        var before = Emulator.Transcript(user.Id).Count;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), "chat_id" },
            { new StringContent(media.Replace("CAPTION", new string('c', 1025), StringComparison.Ordinal)), "media" },
            { new ByteArrayContent(Images.Png(2, 2)), "one", "one.png" },
        };

        using var response = await Http.PostAsync(MethodUrl("sendMediaGroup"), form);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal((400, description), ((int)response.StatusCode, body.GetProperty("description").GetString()));
        Assert.Equal(before, Emulator.Transcript(user.Id).Count);
    }

    private static string Items(int count, params string[] types) =>
        JsonSerializer.Serialize(Enumerable.Range(0, count).Select(i => new { type = types[Math.Min(i, types.Length - 1)], media = "attach://one" }));
}
