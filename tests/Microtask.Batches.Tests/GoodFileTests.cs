using Microtask.Core;
using System.Text;

namespace Microtask.Batches.Tests;

public class GoodFileTests
{
    [Fact]
    public async Task Csv_with_bom_semicolons_crlf_and_line_breaks_in_quotes_is_read()
    {
        var text = "\uFEFFtext;image\r\n\"line one\r\nline two\";http://a\r\n\"say \"\"hi\"\"; ok\";http://b\r\n";

        var report = await Batch.ParseAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text[1..])).ToArray());

        Assert.Null(report.Problem);
        Assert.Equal(BatchFormat.Csv, report.Format);
        Assert.Equal(2, report.Accepted.Count);
        Assert.Equal("line one\r\nline two", report.Accepted[0].Fields["text"]);
        Assert.Equal("say \"hi\"; ok", report.Accepted[1].Fields["text"]);
        Assert.Equal("http://b", report.Accepted[1].Fields["image"]);
    }

    [Fact]
    public async Task Csv_line_numbers_are_the_physical_line_where_a_record_starts()
    {
        var text = "text,image\n\"two\nlines\",http://a\n,http://b\n\n\"x\",\n";

        var report = await Batch.ParseAsync(text);

        Assert.Equal([(4, RejectReason.MissingField, "text"), (6, RejectReason.MissingField, "image")],
            report.Rejected.Select(r => (r.Line, r.Code, r.Field)));
        Assert.Equal(1, report.EmptyRows);
    }

    [Fact]
    public async Task Json_array_of_objects_is_read_with_numbers_and_booleans_as_text()
    {
        const string json = """
            [
              {"text": "Kucing lucu", "image": "http://a", "gold": "cat"},
              {"text": 42, "image": true},
              {"text": "no image", "image": null},
              "not an object"
            ]
            """;

        var report = await Batch.ParseAsync(json, "tasks.json");

        Assert.Null(report.Problem);
        Assert.Equal(BatchFormat.JsonArray, report.Format);
        Assert.Equal(["42", "true"], [report.Accepted[1].Fields["text"], report.Accepted[1].Fields["image"]]);
        Assert.Equal("cat", report.Accepted[0].GoldAnswer);
        Assert.Equal([(3, RejectReason.MissingField), (4, RejectReason.NotAnObject)], report.Rejected.Select(r => (r.Line, r.Code)));
    }

    [Fact]
    public async Task Json_lines_are_read_one_object_per_line_and_a_broken_line_is_rejected()
    {
        var text = "{\"text\": \"a\", \"image\": \"http://a\"}\n\n{\"text\": \"b\", \"image\": \"http://b\"\n{\"text\": \"c\", \"image\": {\"url\": \"x\"}}\r\n{\"text\": \"d\", \"image\": \"http://d\"}";

        var report = await Batch.ParseAsync(text, "tasks.jsonl");

        Assert.Equal(BatchFormat.JsonLines, report.Format);
        Assert.Equal(["a", "d"], report.Accepted.Select(t => t.Fields["text"]));
        Assert.Equal([(3, RejectReason.InvalidJson), (4, RejectReason.NestedValue)], report.Rejected.Select(r => (r.Line, r.Code)));
        Assert.Equal(1, report.EmptyRows);
    }

    [Theory]
    [InlineData("[{\"text\": \"a\", \"image\": \"x\"}]", "tasks.json")]
    [InlineData("{\"text\": \"a\", \"image\": \"x\"}\n", "tasks.jsonl")]
    [InlineData("sep=;\ntext;image\na;x\n", "tasks.csv")]
    public async Task A_utf8_bom_is_skipped_in_every_format(string text, string fileName)
    {
        var report = await Batch.ParseAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), fileName);

        Assert.Null(report.Problem);
        Assert.Equal("a", Assert.Single(report.Accepted).Fields["text"]);
    }

    [Fact]
    public async Task Json_lines_named_json_are_still_read()
    {
        var report = await Batch.ParseAsync("{\"text\": \"a\", \"image\": \"x\"}\n{\"text\": \"b\", \"image\": \"y\"}\n", "tasks.json");

        Assert.Equal(BatchFormat.JsonLines, report.Format);
        Assert.Equal(2, report.Accepted.Count);
    }

    [Fact]
    public async Task Format_comes_from_content_when_the_name_says_nothing()
    {
        Assert.Equal(BatchFormat.JsonArray, (await Batch.ParseAsync("[{\"text\": \"a\", \"image\": \"x\"}]", "upload")).Format);
        Assert.Equal(BatchFormat.JsonLines, (await Batch.ParseAsync("{\"text\": \"a\", \"image\": \"x\"}", "upload.dat")).Format);
        Assert.Equal(BatchFormat.Csv, (await Batch.ParseAsync("text,image\na,x\n", "document")).Format);
    }

    [Fact]
    public async Task Gold_in_a_golden_column_is_matched_to_the_choices_spelling()
    {
        var report = await Batch.ParseAsync("INPUT:text,INPUT:image,GOLDEN:answer\na,http://a, Cat \nb,http://b,\nc,http://c,maybe\n");

        Assert.Equal(["cat", null], report.Accepted.Select(t => t.GoldAnswer));
        var rejected = Assert.Single(report.Rejected);
        Assert.Equal((4, RejectReason.BadGold, "GOLDEN:answer", "maybe"), (rejected.Line, rejected.Code, rejected.Field, rejected.Value));
        Assert.Equal(1, report.GoldCount);
    }

    [Fact]
    public async Task Gold_in_a_gold_column_is_kept_as_text_when_answers_are_free()
    {
        var rules = new BatchRules(["text"], []);

        var report = await Batch.ParseAsync("Text,Gold\nBerapa 2+2?,4\n", rules: rules);

        Assert.Equal("4", Assert.Single(report.Accepted).GoldAnswer);
        Assert.Equal("Berapa 2+2?", report.Accepted[0].Fields["text"]);
    }

    [Theory]
    [InlineData(AnswerKind.MultipleChoice)]
    [InlineData(AnswerKind.Voice)]
    [InlineData(AnswerKind.Photo)]
    public async Task Gold_refuses_its_row_where_answers_are_never_compared_with_gold(AnswerKind kind)
    {
        var project = new Project(1, "p", "", kind, ["red", "blue"], "{{text}}", 100, 1, TimeSpan.FromMinutes(5), ProjectState.Active);

        var report = await Batch.ParseAsync("text,gold\na,red\nb,\n", rules: BatchRules.For(project));

        Assert.Equal(["b"], report.Accepted.Select(t => t.Fields["text"]));
        var rejected = Assert.Single(report.Rejected);
        Assert.Equal((2, RejectReason.GoldNotChecked, "red"), (rejected.Line, rejected.Code, rejected.Value));
    }

    [Fact]
    public async Task Duplicate_rows_are_skipped_and_counted_keeping_the_first()
    {
        var report = await Batch.ParseAsync("text,image,gold\na,x,cat\n a ,x,dog\nb,x,\na,x,\n");

        Assert.Equal(2, report.Duplicates);
        Assert.Equal([("a", "cat"), ("b", null)], report.Accepted.Select(t => (t.Fields["text"], t.GoldAnswer)));
    }

    [Fact]
    public async Task Duplicate_rows_are_kept_with_their_lines_when_the_rules_say_so()
    {
        var report = await Batch.ParseAsync("text\na\nb\n a \n", rules: new BatchRules(["text"], []) { SkipDuplicates = false });

        Assert.Equal(0, report.Duplicates);
        Assert.Equal([(2, "a"), (3, "b"), (4, "a")], report.Accepted.Select(t => (t.Line ?? 0, t.Fields["text"])));
    }

    [Fact]
    public async Task A_one_megabyte_cell_rejects_its_row_and_the_others_are_kept()
    {
        var huge = new string('x', 1024 * 1024);

        var report = await Batch.ParseAsync($"text,image\nfirst,http://a\n\"{huge}\",http://b\nlast,http://c\n");

        Assert.Equal(["first", "last"], report.Accepted.Select(t => t.Fields["text"]));
        var rejected = Assert.Single(report.Rejected);
        Assert.Equal((3, RejectReason.TooLong, "text"), (rejected.Line, rejected.Code, rejected.Field));
    }

    [Fact]
    public async Task A_one_megabyte_json_value_rejects_its_row()
    {
        var huge = new string('é', 1024 * 1024);

        var report = await Batch.ParseAsync($"[{{\"text\": \"{huge}\", \"image\": \"x\"}}, {{\"text\": \"ok\", \"image\": \"y\"}}]", "tasks.json");

        Assert.Equal((1, RejectReason.TooLong), (report.Rejected[0].Line, report.Rejected[0].Code));
        Assert.Single(report.Accepted);
    }

    [Fact]
    public async Task Values_beyond_the_header_reject_the_row()
    {
        var report = await Batch.ParseAsync("text,image\nhalo, apa kabar,http://a\nok,http://b,\n");

        Assert.Equal((2, RejectReason.ExtraValues), (report.Rejected[0].Line, report.Rejected[0].Code));
        Assert.Single(report.Accepted);
    }

    [Fact]
    public async Task A_one_column_file_keeps_unquoted_commas_in_its_text()
    {
        var report = await Batch.ParseAsync("text\nHalo, apa kabar?\nBagus; sekali\n", rules: new BatchRules(["text"], ["positif", "negatif"]));

        Assert.Equal(["Halo, apa kabar?", "Bagus; sekali"], report.Accepted.Select(t => t.Fields["text"]));
    }

    [Fact]
    public async Task Text_after_a_closing_quote_rejects_only_that_row()
    {
        var report = await Batch.ParseAsync("text,image\n\"ab\"c,http://a\nok,http://b\n");

        Assert.Equal((2, RejectReason.BadQuotes), (report.Rejected[0].Line, report.Rejected[0].Code));
        Assert.Single(report.Accepted);
    }

    [Fact]
    public async Task Utf8_split_across_reads_is_read_intact()
    {
        var text = "text,image\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"Ça va? 😀 ñandú {i},http://x/{i}\n"));

        var report = await BatchParser.ParseAsync(new TrickleStream(Encoding.UTF8.GetBytes(text), 3), "tasks.csv", Batch.Rules);

        Assert.Null(report.Problem);
        Assert.Equal(500, report.Accepted.Count);
        Assert.Equal("Ça va? 😀 ñandú 499", report.Accepted[^1].Fields["text"]);
    }

    [Fact]
    public async Task Same_bytes_give_the_same_hash_and_other_bytes_another()
    {
        const string text = "text,image\na,x\n";

        var first = await Batch.ParseAsync(text, "a.csv");
        var again = await Batch.ParseAsync(text, "renamed.csv");
        var other = await Batch.ParseAsync(text + "b,y\n", "a.csv");

        Assert.Equal(first.Sha256, again.Sha256);
        Assert.NotEqual(first.Sha256, other.Sha256);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text))), first.Sha256);
    }
}
