using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Sandbox.Tests;

/// <summary>editMessageCaption, editMessageReplyMarkup on media, and editMessageMedia, as an answered media task is edited.</summary>
public sealed class EditMediaTests : EmulatorTest
{
    private const string NotModified =
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    private static InlineKeyboardMarkup Keyboard(string data) => new([[InlineKeyboardButton.WithCallbackData("Cat", data)]]);

    [Fact]
    public async Task A_caption_is_edited_with_its_keyboard_and_without_one_the_keyboard_goes()
    {
        var user = StartedUser();
        var task = await Bot.SendPhoto(user.Id, Upload(Images.Png(8, 6), "cat.png"), caption: "What is this?", replyMarkup: Keyboard("a:1"));

        var kept = await Bot.EditMessageCaption(user.Id, task.Id, "<b>What is this?</b> Answered: <i>cat</i>", ParseMode.Html, replyMarkup: Keyboard("a:2"));
        var shownKept = Emulator.Transcript(user.Id)[^1];
        var bare = await Bot.EditMessageCaption(user.Id, task.Id, "Answered");
        var none = await Bot.EditMessageCaption(user.Id, task.Id, null);

        Assert.Equal(("What is this? Answered: cat", 2), (kept.Caption, kept.CaptionEntities!.Length));
        Assert.NotNull(kept.EditDate);
        Assert.Equal(("What is this? Answered: cat", "a:2"), (shownKept.PlainText, shownKept.Keyboard.Single().Single().CallbackData));
        Assert.Equal(("Answered", (InlineKeyboardMarkup?)null), (bare.Caption, bare.ReplyMarkup));
        Assert.Null(none.Caption);
        Assert.Equal(task.Photo![^1].FileId, none.Photo![^1].FileId);
        Assert.Equal((null, (ImageSize?)new ImageSize(8, 6)), (Emulator.Transcript(user.Id)[^1].Caption, Emulator.Transcript(user.Id)[^1].Photo));
    }

    [Fact]
    public async Task A_caption_edit_is_refused_where_Telegram_refuses_it()
    {
        var user = StartedUser();
        var text = await Bot.SendMessage(user.Id, "a text");
        var voice = await Bot.SendVoice(user.Id, Upload(SampleMedia.OggOpus(1), "v.ogg"), caption: "Say it", replyMarkup: Keyboard("a:1"));
        Emulator.SendPhoto(user.Id, Images.Png(2, 2), "mine");
        var users = Emulator.Transcript(user.Id)[^1].MessageId;

        var noCaption = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageCaption(user.Id, text.Id, "x"));
        var tooLong = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageCaption(user.Id, voice.Id, new string('a', 1025)));
        var same = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageCaption(user.Id, voice.Id, "Say it", replyMarkup: Keyboard("a:1")));
        var notTheBots = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageCaption(user.Id, (int)users, "x"));
        var missing = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageCaption(user.Id, 999, "x"));
        var markupOnVoice = await Bot.EditMessageReplyMarkup(user.Id, voice.Id, Keyboard("a:2"));

        Assert.Equal("Bad Request: there is no caption in the message to edit", noCaption.Message);
        Assert.Equal("Bad Request: MEDIA_CAPTION_TOO_LONG", tooLong.Message);
        Assert.Equal(NotModified, same.Message);
        Assert.Equal("Bad Request: message can't be edited", notTheBots.Message);
        Assert.Equal("Bad Request: message to edit not found", missing.Message);
        Assert.Equal(("Say it", 1), (markupOnVoice.Caption, markupOnVoice.Voice!.Duration));
        Assert.Equal("a:2", Emulator.Transcript(user.Id).Single(m => m.MessageId == voice.Id).Keyboard.Single().Single().CallbackData);
    }

    [Fact]
    public async Task Media_is_replaced_on_a_photo_or_a_text_message_with_its_new_caption()
    {
        var user = StartedUser();
        var task = await Bot.SendPhoto(user.Id, Upload(Images.Png(8, 6), "a.png"), caption: "first", replyMarkup: Keyboard("a:1"));
        var text = await Bot.SendMessage(user.Id, "loading…");

        var swapped = await Bot.EditMessageMedia(user.Id, task.Id,
            new InputMediaPhoto(Upload(Images.Png(20, 10), "b.png")) { Caption = "<b>second</b>", ParseMode = ParseMode.Html }, Keyboard("a:2"));
        var video = await Bot.EditMessageMedia(user.Id, text.Id, new InputMediaVideo(Upload(SampleMedia.Mp4Header(4, 64, 48), "v.mp4")));

        Assert.Equal(((20, 10), "second", task.Id), ((swapped.Photo![^1].Width, swapped.Photo[^1].Height), swapped.Caption, swapped.Id));
        Assert.NotEqual(task.Photo![^1].FileId, swapped.Photo[^1].FileId);
        Assert.Equal((null, 64, 4), (video.Text, video.Video!.Width, video.Video.Duration));
        var shown = Emulator.Transcript(user.Id).Single(m => m.MessageId == task.Id);
        Assert.Equal((new ImageSize(20, 10), "<b>second</b>", "a:2"), (shown.Photo, shown.Caption, shown.Keyboard.Single().Single().CallbackData));
        Assert.Equal(Images.Png(20, 10), Emulator.DownloadDocument(user.Id, task.Id));
    }

    [Fact]
    public async Task A_media_edit_is_refused_where_Telegram_refuses_it()
    {
        var user = StartedUser();
        var voice = await Bot.SendVoice(user.Id, Upload(SampleMedia.OggOpus(1), "v.ogg"));
        var album = await Bot.SendMediaGroup(user.Id, [new InputMediaAudio(Upload(SampleMedia.Wav(1), "1.wav")), new InputMediaAudio(Upload(SampleMedia.Wav(1), "2.wav"))]);
        var photo = await Bot.SendPhoto(user.Id, Upload(Images.Png(2, 2), "p.png"), caption: "same");
        var photoId = InputFile.FromFileId(photo.Photo![^1].FileId);

        var onVoice = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageMedia(user.Id, voice.Id, new InputMediaPhoto(photoId)));
        var inAlbum = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageMedia(user.Id, album[0].Id, new InputMediaPhoto(photoId)));
        var same = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageMedia(user.Id, photo.Id, new InputMediaPhoto(photoId) { Caption = "same" }));
        var audioInAlbum = await Bot.EditMessageMedia(user.Id, album[1].Id, new InputMediaAudio(Upload(SampleMedia.Wav(3), "3.wav")));

        Assert.Equal("Bad Request: message media can't be edited", onVoice.Message);
        Assert.Equal("Bad Request: can't change media type in the album", inAlbum.Message);
        Assert.Equal(NotModified, same.Message);
        Assert.Equal((3, album[0].MediaGroupId), (audioInAlbum.Audio!.Duration, audioInAlbum.MediaGroupId));
    }
}
