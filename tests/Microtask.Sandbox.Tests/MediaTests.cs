using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Microtask.Sandbox.Tests;

/// <summary>sendAudio, sendVoice and sendVideo: uploads, files sent again by file_id, what each message says, and refusals.</summary>
public sealed class MediaTests : EmulatorTest
{
    [Fact]
    public async Task A_voice_note_keeps_the_length_its_header_gives_and_its_ids_when_sent_again()
    {
        var user = StartedUser();
        var ogg = SampleMedia.OggOpus(4.2);

        var sent = await Bot.SendVoice(user.Id, Upload(ogg, "read-this.ogg"), caption: "<b>Read</b> aloud", parseMode: ParseMode.Html);
        var again = await Bot.SendVoice(user.Id, InputFile.FromFileId(sent.Voice!.FileId), duration: 99);
        var file = await Bot.GetFile(sent.Voice.FileId);
        using var downloaded = new MemoryStream();
        await Bot.DownloadFile(file, downloaded);

        Assert.Equal((4, "audio/ogg", (long)ogg.Length), (sent.Voice.Duration, sent.Voice.MimeType, sent.Voice.FileSize));
        Assert.Equal("Read aloud", sent.Caption);
        Assert.Equal((sent.Voice.FileId, sent.Voice.FileUniqueId, 4), (again.Voice!.FileId, again.Voice.FileUniqueId, again.Voice.Duration));
        Assert.StartsWith("voice/", file.FilePath, StringComparison.Ordinal);
        Assert.Equal(ogg, downloaded.ToArray());
        var shown = Emulator.Transcript(user.Id)[^2];
        Assert.Equal((new VoiceInfo(4, "audio/ogg"), "Read aloud"), (shown.Voice, shown.PlainText));
        Assert.Equal(ogg, Emulator.DownloadDocument(user.Id, shown.MessageId));
    }

    [Fact]
    public async Task An_audio_keeps_the_length_title_and_performer_the_bot_gives_else_its_header_says()
    {
        var user = StartedUser();

        var told = await Bot.SendAudio(user.Id, Upload(Media.Mp3(3), "clip.mp3"), duration: 7, title: "Clip 12", performer: "Speaker 4");
        var read = await Bot.SendAudio(user.Id, Upload(SampleMedia.Wav(3), "tone.wav"));

        Assert.Equal((7, "Clip 12", "Speaker 4", "clip.mp3", "audio/mpeg"), (told.Audio!.Duration, told.Audio.Title, told.Audio.Performer, told.Audio.FileName, told.Audio.MimeType));
        Assert.Equal((3, "audio/wav"), (read.Audio!.Duration, read.Audio.MimeType));
        Assert.StartsWith("music/", (await Bot.GetFile(read.Audio.FileId)).FilePath, StringComparison.Ordinal);
        Assert.Equal(new AudioInfo(7, "Clip 12", "Speaker 4", "clip.mp3", "audio/mpeg"), Emulator.Transcript(user.Id)[^2].Audio);
    }

    [Fact]
    public async Task A_video_says_the_size_and_length_the_bot_gives_else_its_mp4_headers_say()
    {
        var user = StartedUser();

        var read = await Bot.SendVideo(user.Id, Upload(SampleMedia.Mp4Header(12.6, 640, 360), "street.mp4"), caption: "Count the cars");
        var told = await Bot.SendVideo(user.Id, Upload([1, 2, 3], "odd.bin"), duration: 2, width: 100, height: 50);

        Assert.Equal((640, 360, 13, "video/mp4", "street.mp4"), (read.Video!.Width, read.Video.Height, read.Video.Duration, read.Video.MimeType, read.Video.FileName));
        Assert.Equal((100, 50, 2), (told.Video!.Width, told.Video.Height, told.Video.Duration));
        Assert.Equal((new VideoInfo(640, 360, 13, "video/mp4"), "Count the cars"), (Emulator.Transcript(user.Id)[^2].Video, Emulator.Transcript(user.Id)[^2].Caption));
    }

    [Fact]
    public async Task Any_file_but_a_photo_may_be_sent_again_as_another_kind_never_as_a_photo_nor_a_photo_as_another()
    {
        var user = StartedUser();
        var photo = (await Bot.SendPhoto(user.Id, Upload(Images.Png(4, 4), "p.png"))).Photo![^1].FileId;
        var voice = (await Bot.SendVoice(user.Id, Upload(SampleMedia.OggOpus(2), "v.ogg"))).Voice!.FileId;
        var sentBefore = Emulator.Transcript(user.Id).Count;

        var asAudio = await Bot.SendAudio(user.Id, InputFile.FromFileId(voice));
        var photoAsVoice = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendVoice(user.Id, InputFile.FromFileId(photo)));
        var photoAsDocument = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendDocument(user.Id, InputFile.FromFileId(photo)));
        var voiceAsPhoto = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendPhoto(user.Id, InputFile.FromFileId(voice)));

        Assert.Equal((voice, 2), (asAudio.Audio!.FileId, asAudio.Audio.Duration));
        Assert.Equal("Bad Request: can't use file of type Photo as VoiceNote", photoAsVoice.Message);
        Assert.Equal("Bad Request: can't use file of type Photo as Document", photoAsDocument.Message);
        Assert.Equal("Bad Request: can't use file of type VoiceNote as Photo", voiceAsPhoto.Message);
        Assert.Equal(sentBefore + 1, Emulator.Transcript(user.Id).Count);
    }

    [Fact]
    public async Task A_file_id_the_emulator_never_issued_is_refused_for_every_kind()
    {
        var user = StartedUser();
        var unknown = InputFile.FromFileId("AwACAgIAAxkBAAIBZ2Z-not-issued-here");

        var refusals = new[]
        {
            await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendVoice(user.Id, unknown)),
            await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendAudio(user.Id, unknown)),
            await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendVideo(user.Id, unknown)),
            await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendPhoto(user.Id, unknown)),
        };

        Assert.All(refusals, e => Assert.Equal((400, "Bad Request: wrong file identifier/HTTP URL specified"), (e.ErrorCode, e.Message)));
        Assert.Single(Emulator.Transcript(user.Id));
    }

    [Fact]
    public async Task Uploads_over_50_megabytes_and_captions_over_1024_characters_are_refused()
    {
        var user = StartedUser();

        var big = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendVideo(user.Id, Upload(new byte[50 * 1024 * 1024 + 1], "big.mp4")));
        var longCaption = await Assert.ThrowsAsync<ApiRequestException>(() =>
            Bot.SendAudio(user.Id, Upload(SampleMedia.Wav(1), "a.wav"), caption: "<b>" + new string('a', 1025) + "</b>", parseMode: ParseMode.Html));
        var fits = await Bot.SendAudio(user.Id, Upload(SampleMedia.Wav(1), "a.wav"), caption: "<b>" + new string('a', 1024) + "</b>", parseMode: ParseMode.Html);

        Assert.Equal((413, "Request Entity Too Large"), (big.ErrorCode, big.Message));
        Assert.Equal("Bad Request: message caption is too long", longCaption.Message);
        Assert.Equal(1024, fits.Caption!.Length);
    }

    [Fact]
    public async Task GetFile_refuses_any_file_over_20_megabytes()
    {
        var user = StartedUser();
        Emulator.SendVideo(user.Id, new byte[20 * 1024 * 1024 + 1], durationSeconds: 60);
        var video = (await Bot.GetUpdates())[^1].Message!.Video!;

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.GetFile(video.FileId));

        Assert.Equal((400, "Bad Request: file is too big"), (error.ErrorCode, error.Message));
    }
}
