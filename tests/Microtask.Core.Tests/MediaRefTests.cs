namespace Microtask.Core.Tests;

public class MediaRefTests
{
    private const string FileId = "AgACAgIAAxkBAAIBY2Zf-x_9QmRk3aBcDeFgHiJkLmNoPq";
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Theory]
    [InlineData("https://example.org/cat.jpg", MediaSource.Url, "https://example.org/cat.jpg")]
    [InlineData("HTTPS://Example.org/a?b=c#d", MediaSource.Url, "HTTPS://Example.org/a?b=c#d")]
    [InlineData("tg:" + FileId, MediaSource.FileId, FileId)]
    [InlineData("sha256:" + Hash, MediaSource.Upload, Hash)]
    public void A_stored_value_reads_back_to_itself(string stored, MediaSource source, string value)
    {
        var media = MediaRef.Parse(stored);

        Assert.Equal(source, media.Source);
        Assert.Equal(value, media.Value);
        Assert.Equal(stored, media.ToString());
        Assert.Equal(media, MediaRef.Parse(media.ToString()));
    }

    [Theory]
    [InlineData("http://example.org/cat.jpg")]
    [InlineData("ftp://example.org/cat.jpg")]
    [InlineData("https:/example.org/cat.jpg")]
    [InlineData("https://")]
    [InlineData("javascript:alert(1)")]
    [InlineData("cat.jpg")]
    [InlineData(FileId)]
    [InlineData("tg:short")]
    [InlineData("tg:has/a/slash/AAAAAAAAAAAAAAAAAAAA")]
    [InlineData("sha256:" + "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")]
    [InlineData("sha256:abc")]
    [InlineData("")]
    public void Anything_else_is_not_a_stored_media_value(string stored)
    {
        Assert.False(MediaRef.TryParse(stored, out _));
        Assert.Throws<FormatException>(() => MediaRef.Parse(stored));
    }

    [Fact]
    public void A_url_with_spaces_is_kept_escaped() =>
        Assert.Equal("https://example.org/my%20cat.jpg", MediaRef.Url("https://example.org/my cat.jpg")!.ToString());

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAA", true)]
    [InlineData("AAAAAAAAAAAAAAAAAAA", false)]
    [InlineData("photos-2024_cat-001-final", true)]
    [InlineData("photos/2024/cat0001.jpg", false)]
    [InlineData("cat_picture_number_1.jpg", false)]
    [InlineData("AgAC AgIAAxkBAAIBY2Zf", false)]
    public void A_file_id_is_20_to_255_characters_of_url_safe_base64(string value, bool isFileId)
    {
        Assert.Equal(isFileId, MediaRef.IsFileId(value));
        Assert.False(MediaRef.IsFileId(new string('A', 256)));
        Assert.True(MediaRef.IsFileId(new string('A', 255)));
    }
}
