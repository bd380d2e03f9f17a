using System.Globalization;
using System.Text;

namespace Microtask.Batches.Tests;

/// <summary>Files that are refused whole: each gets a clear message and nothing is accepted.</summary>
public class BadFileTests
{
    [Fact]
    public async Task Latin1_bytes_are_refused_naming_the_line_and_byte()
    {
        var bytes = Encoding.Latin1.GetBytes("text,image\nok,http://a\ncafé au lait,http://b\n");

        var problem = Batch.Refused(await Batch.ParseAsync(bytes), FileErrorCode.NotUtf8);

        Assert.Equal(3, problem.Line);
        Assert.Equal(27, problem.Byte);
        Assert.Contains("line 3, byte 27", problem.Message);
    }

    [Fact]
    public async Task Invalid_utf8_far_into_a_large_file_is_refused_with_its_position()
    {
        var text = new StringBuilder("text,image\n");
        for (var i = 0; i < 20_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"kalimat nomor {i},http://x/{i}\n");
        }

        var head = Encoding.UTF8.GetBytes(text.ToString());
        var bytes = head.Concat(new byte[] { (byte)'a', 0xE9, (byte)',', (byte)'b', (byte)'\n' }).ToArray();

        var problem = Batch.Refused(await Batch.ParseAsync(bytes), FileErrorCode.NotUtf8);

        Assert.Equal(20_002, problem.Line);
        Assert.Equal(head.Length + 2, problem.Byte);
    }

    [Fact]
    public async Task A_header_only_has_no_rows()
    {
        Batch.Refused(await Batch.ParseAsync("text,image\n"), FileErrorCode.NoRows);
        Batch.Refused(await Batch.ParseAsync("text,image"), FileErrorCode.NoRows);
    }

    [Fact]
    public async Task A_header_and_100000_empty_lines_has_no_rows_and_counts_them()
    {
        var report = await Batch.ParseAsync("text,image\n" + new string('\n', 100_000));

        Batch.Refused(report, FileErrorCode.NoRows);
        Assert.Equal(100_000, report.EmptyRows);
    }

    [Fact]
    public async Task Nothing_but_100000_empty_lines_is_an_empty_file()
    {
        Batch.Refused(await Batch.ParseAsync(new string('\n', 100_000)), FileErrorCode.Empty);
        Batch.Refused(await Batch.ParseAsync(string.Concat(Enumerable.Repeat("\r\n", 100_000))), FileErrorCode.Empty);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        Batch.Refused(await Batch.ParseAsync([]), FileErrorCode.Empty);
        Batch.Refused(await Batch.ParseAsync([], "tasks.json"), FileErrorCode.Empty);
        Batch.Refused(await Batch.ParseAsync(" \r\n\t\n"), FileErrorCode.Empty);
    }

    [Fact]
    public async Task A_quote_that_never_closes_refuses_the_file_naming_its_line()
    {
        var problem = Batch.Refused(await Batch.ParseAsync("text,image\nok,http://a\n\"unclosed,http://b\nc,http://c\n"), FileErrorCode.UnbalancedQuotes);

        Assert.Equal(3, problem.Line);
        Assert.Contains("line 3", problem.Message);
    }

    [Fact]
    public async Task A_json_object_is_not_an_array()
    {
        const string pretty = """
            {
              "tasks": [ { "text": "a", "image": "http://a" } ]
            }
            """;

        Batch.Refused(await Batch.ParseAsync(pretty, "tasks.json"), FileErrorCode.NotJsonArray);
        Batch.Refused(await Batch.ParseAsync("""{"text": "a", "image": "http://a"}""", "tasks.json"), FileErrorCode.NotJsonArray);
        Batch.Refused(await Batch.ParseAsync("\"just a string\"", "tasks.json"), FileErrorCode.NotJsonArray);
    }

    [Fact]
    public async Task Broken_json_in_an_array_is_refused_with_its_line()
    {
        var problem = Batch.Refused(await Batch.ParseAsync("[\n{\"text\": \"a\", \"image\": \"b\"},\n{\"text\": \"a\" \"image\": \"b\"}\n]", "tasks.json"), FileErrorCode.InvalidJson);

        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public async Task A_png_is_refused_as_an_image_whatever_its_name()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1];

        var problem = Batch.Refused(await Batch.ParseAsync(png, "tasks.csv"), FileErrorCode.Binary);

        Assert.Equal("PNG image", problem.Detail);
        Assert.Contains("PNG", problem.Message);
        Batch.Refused(await Batch.ParseAsync(png, "tasks.json"), FileErrorCode.Binary);
    }

    [Fact]
    public async Task Nul_bytes_mean_a_binary_file()
    {
        Batch.Refused(await Batch.ParseAsync("text,image\na\0b,c\n"), FileErrorCode.Binary);
    }

    [Fact]
    public async Task Utf16_text_is_refused_with_a_hint_to_save_as_utf8()
    {
        Batch.Refused(await Batch.ParseAsync(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("text,image\na,b\n")).ToArray()), FileErrorCode.Utf16);
        Batch.Refused(await Batch.ParseAsync(Encoding.Unicode.GetBytes("text,image\na,b\n")), FileErrorCode.Utf16);
    }

    [Fact]
    public async Task A_spreadsheet_is_refused_by_its_name()
    {
        var problem = Batch.Refused(await Batch.ParseAsync("text,image\na,b\n", "tasks.xlsx"), FileErrorCode.UnsupportedFormat);

        Assert.Equal(".xlsx", problem.Detail);
    }

    [Fact]
    public async Task Unknown_columns_refuse_the_file_and_name_them()
    {
        var problem = Batch.Refused(await Batch.ParseAsync("id,text,image,notes\n1,a,b,c\n"), FileErrorCode.UnknownColumns);

        Assert.Equal(["id", "notes"], problem.Names);
        Assert.Equal(["text", "image"], problem.Expected);
        Assert.Contains("id, notes", problem.Message);
        Assert.Contains("(text, image)", problem.Message);
    }

    [Fact]
    public async Task Unknown_json_keys_refuse_the_file_like_unknown_columns()
    {
        var problem = Batch.Refused(await Batch.ParseAsync("""[{"text": "a", "image": "b"}, {"text": "c", "image": "d", "id": 7}]""", "tasks.json"), FileErrorCode.UnknownColumns);

        Assert.Equal(["id"], problem.Names);
        Assert.Equal(["text", "image"], problem.Expected);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public async Task A_missing_column_refuses_the_file()
    {
        var problem = Batch.Refused(await Batch.ParseAsync("text\nhello\n"), FileErrorCode.MissingColumns);

        Assert.Equal(["image"], problem.Names);
        Assert.Equal(["text", "image"], problem.Expected);
    }

    [Fact]
    public async Task Duplicate_columns_and_several_gold_columns_refuse_the_file()
    {
        Batch.Refused(await Batch.ParseAsync("text,Text,image\na,b,c\n"), FileErrorCode.DuplicateColumns);
        Batch.Refused(await Batch.ParseAsync("text,image,gold,GOLDEN:answer\na,b,cat,dog\n"), FileErrorCode.SeveralGoldColumns);
    }

    [Fact]
    public async Task More_rows_than_allowed_refuse_the_file()
    {
        var rules = Batch.Rules with { MaxRows = 10 };
        var text = "text,image\n" + string.Concat(Enumerable.Range(0, 11).Select(i => $"t{i},i{i}\n"));

        var problem = Batch.Refused(await Batch.ParseAsync(text, rules: rules), FileErrorCode.TooManyRows);

        Assert.Contains("10", problem.Message);
        Assert.Empty((await Batch.ParseAsync("text,image\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"t{i},i{i}\n")), rules: rules)).Rejected);
    }

    [Fact]
    public async Task A_refused_file_still_has_its_hash()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

        var report = await Batch.ParseAsync(png);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), report.Sha256);
    }
}
