using System.Text;

namespace Microtask.Batches.Tests;

/// <summary>Media columns of a plain table: https URLs and Telegram file ids, checked for their shape only.</summary>
public class MediaValueTests
{
    private const string FileId = "AgACAgIAAxkBAAIBY2Zf-x_9QmRk3aBcDeFgHiJkLmNoPq";

    private static Task<BatchReport> ParseAsync(string csv) =>
        BatchParser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "tasks.csv", Zips.Rules() with { Zip = null });

    [Fact]
    public async Task Https_urls_and_file_ids_are_stored_in_their_media_form()
    {
        var report = await ParseAsync($"photo,animal\nhttps://cdn.example.org/a.jpg,a\n{FileId},b\ntg:{FileId},b\n\" https://cdn.example.org/b b.jpg \",d\n");

        Assert.Empty(report.Rejected);
        Assert.Equal(["https://cdn.example.org/a.jpg", "tg:" + FileId, "https://cdn.example.org/b%20b.jpg"],
            report.Accepted.Select(t => t.Fields["photo"]));
        Assert.Equal(1, report.Duplicates);
        Assert.Empty(report.Media);
    }

    [Fact]
    public async Task Other_schemes_are_refused_as_not_https_and_anything_else_as_no_media_value()
    {
        var report = await ParseAsync("photo,animal\n" +
            "http://cdn.example.org/a.jpg,a\nftp://cdn.example.org/a.jpg,b\n\"data:image/png;base64,iVBORw0KGgo=\",c\n" +
            "cat.jpg,d\nC:\\photos\\cat.jpg,e\ntg:short,f\nsha256:" + new string('a', 64) + ",g\nhttps://,h\n");

        Assert.Equal(
            [(2, RejectReason.NotHttps), (3, RejectReason.NotHttps), (4, RejectReason.NotHttps), (5, RejectReason.NotMediaValue),
             (6, RejectReason.NotMediaValue), (7, RejectReason.NotMediaValue), (8, RejectReason.NotMediaValue), (9, RejectReason.NotMediaValue)],
            report.Rejected.Select(r => (r.Line, r.Code)));
        Assert.All(report.Rejected, r => Assert.Equal("photo", r.Field));
        Assert.Equal("http://cdn.example.org/a.jpg", report.Rejected[0].Value);
        Assert.Contains("http://cdn.example.org/a.jpg", report.Rejected[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_media_value_is_a_missing_field_and_gold_is_checked_after_the_media()
    {
        var report = await ParseAsync("photo,animal,gold\n,a,\nhttp://x.example/a.jpg,b,maybe\nhttps://x.example/a.jpg,c,maybe\n");

        Assert.Equal([RejectReason.MissingField, RejectReason.NotHttps, RejectReason.BadGold], report.Rejected.Select(r => r.Code));
    }

    [Fact]
    public async Task A_text_template_keeps_values_as_written()
    {
        var report = await Batch.ParseAsync("text,image\nhello,http://a\n");

        Assert.Equal("http://a", report.Accepted[0].Fields["image"]);
    }

    [Fact]
    public void Every_reason_and_refusal_has_an_english_wording()
    {
        foreach (var code in Enum.GetValues<RejectReason>())
        {
            Assert.NotEqual(code.ToString(), new RejectedRow(1, code, "photo", "a.jpg").Reason);
        }

        foreach (var code in Enum.GetValues<FileErrorCode>())
        {
            Assert.NotEqual(code.ToString(), new BatchFileError(code, Names: ["a"]).Message);
        }
    }
}
