using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Microtask.Sandbox.Tests;

/// <summary>What a sandbox user sends besides text, as the bot receives it in its updates, and can download.</summary>
public sealed class UserMediaTests : EmulatorTest
{
    private async Task<Message> NextMessageAsync() => (await DrainAsync())[^1].Message!;

    private async Task<byte[]> DownloadAsync(string fileId)
    {
        using var content = new MemoryStream();
        await Bot.DownloadFile(await Bot.GetFile(fileId), content);
        return content.ToArray();
    }

    [Fact]
    public async Task A_photo_reaches_the_bot_as_photo_sizes_with_its_caption_and_reply()
    {
        var user = StartedUser();
        var task = await Bot.SendMessage(user.Id, "Photograph the price tag");
        await DrainAsync();
        var png = Images.Png(64, 48);

        Emulator.SendPhoto(user.Id, png, "Rp 12.000", replyToMessageId: task.Id);
        var message = await NextMessageAsync();

        var size = Assert.Single(message.Photo!);
        Assert.Equal((64, 48, (long)png.Length), (size.Width, size.Height, size.FileSize));
        Assert.Equal(("Rp 12.000", task.Id), (message.Caption, message.ReplyToMessage!.Id));
        Assert.Equal(png, await DownloadAsync(size.FileId));
        Assert.StartsWith("photos/", (await Bot.GetFile(size.FileId)).FilePath, StringComparison.Ordinal);
        Assert.Equal(new ImageSize(64, 48), Emulator.Transcript(user.Id)[^1].Photo);
    }

    [Fact]
    public async Task A_voice_note_reaches_the_bot_with_its_length_given_or_read_and_its_type()
    {
        var user = StartedUser();
        var ogg = SampleMedia.OggOpus(6);

        Emulator.SendVoice(user.Id, ogg);
        var read = (await NextMessageAsync()).Voice!;
        Emulator.SendVoice(user.Id, [1, 2, 3], durationSeconds: 0);
        var zero = (await NextMessageAsync()).Voice!;
        Emulator.SendVoice(user.Id, SampleMedia.Wav(2), durationSeconds: 600);
        var long10Minutes = (await NextMessageAsync()).Voice!;

        Assert.Equal((6, "audio/ogg"), (read.Duration, read.MimeType));
        Assert.Equal(ogg, await DownloadAsync(read.FileId));
        Assert.StartsWith("voice/", (await Bot.GetFile(read.FileId)).FilePath, StringComparison.Ordinal);
        Assert.Equal((0, "audio/ogg"), (zero.Duration, zero.MimeType));
        Assert.Equal((600, "audio/wav"), (long10Minutes.Duration, long10Minutes.MimeType));
        Assert.Equal(new VoiceInfo(600, "audio/wav"), Emulator.Transcript(user.Id)[^1].Voice);
    }

    [Fact]
    public async Task An_audio_video_sticker_and_location_reach_the_bot_as_Telegram_sends_them()
    {
        var user = StartedUser();

        Emulator.SendAudio(user.Id, "reading.mp3", Media.Mp3(8), title: "Reading", performer: "Ayu", caption: "my take");
        var audio = await NextMessageAsync();
        Emulator.SendVideo(user.Id, SampleMedia.Mp4Header(3, 1280, 720), caption: "the street");
        var video = await NextMessageAsync();
        Emulator.SendSticker(user.Id, Images.WebP(512, 320), "😀");
        var sticker = await NextMessageAsync();
        Emulator.SendLocation(user.Id, -6.2, 106.816666);
        var location = await NextMessageAsync();

        Assert.Equal((8, "Reading", "Ayu", "reading.mp3", "audio/mpeg", "my take"),
            (audio.Audio!.Duration, audio.Audio.Title, audio.Audio.Performer, audio.Audio.FileName, audio.Audio.MimeType, audio.Caption));
        Assert.Equal((1280, 720, 3, "video/mp4", "the street"), (video.Video!.Width, video.Video.Height, video.Video.Duration, video.Video.MimeType, video.Caption));
        Assert.Equal(((int)StickerType.Regular, 512, 320, false, false, "😀"),
            ((int)sticker.Sticker!.Type, sticker.Sticker.Width, sticker.Sticker.Height, sticker.Sticker.IsAnimated, sticker.Sticker.IsVideo, sticker.Sticker.Emoji));
        Assert.Equal((-6.2, 106.816666), (location.Location!.Latitude, location.Location.Longitude));
        var shown = Emulator.Transcript(user.Id);
        Assert.Equal(new LocationInfo(-6.2, 106.816666), shown[^1].Location);
        Assert.Equal(new StickerInfo(512, 320, "😀"), shown[^2].Sticker);
    }

    [Fact]
    public void What_Telegram_would_not_let_a_user_send_is_refused_by_the_api()
    {
        var user = StartedUser();

        Assert.Throws<ArgumentException>(() => Emulator.SendPhoto(user.Id, "not an image"u8.ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.SendVoice(user.Id, [1], durationSeconds: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.SendLocation(user.Id, 91, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Emulator.SendLocation(user.Id, 0, -180.5));
        Assert.Throws<ArgumentException>(() => Emulator.SendVoice(user.Id, [1], caption: new string('a', 1025)));
        Assert.Throws<ArgumentException>(() => Emulator.SendPhoto(user.Id, Images.Png(1, 1), replyToMessageId: 99));
        Assert.Single(Emulator.Transcript(user.Id));
    }
}
