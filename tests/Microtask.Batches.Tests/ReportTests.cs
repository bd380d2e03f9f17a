namespace Microtask.Batches.Tests;

public class ReportTests
{
    private static Task<BatchReport> WithMissingTextAsync(int rows) =>
        Batch.ParseAsync("text,image\nok,x\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $",http://{i}\n")));

    [Fact]
    public async Task Summary_lists_the_first_twenty_rejections_and_points_to_the_csv_for_the_rest()
    {
        var summary = (await WithMissingTextAsync(25)).Summary();

        Assert.Contains("Rows accepted: 1 (0 gold)", summary);
        Assert.Contains("Line 3: missing value: text", summary);
        Assert.Contains("Line 22: ", summary);
        Assert.DoesNotContain("Line 23: ", summary);
        Assert.Contains("5 more", summary);
    }

    [Fact]
    public async Task Rejected_csv_holds_every_rejection_with_line_reason_and_code()
    {
        var csv = (await WithMissingTextAsync(25)).RejectedCsv();

        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(26, lines.Length);
        Assert.Equal("line,reason,code,field", lines[0]);
        Assert.Equal("3,missing value: text,MissingField,text", lines[1]);
    }

    [Fact]
    public async Task Rejected_csv_in_the_readers_language_has_their_column_names_and_reasons_and_no_english_code()
    {
        var csv = (await WithMissingTextAsync(2)).RejectedCsv(new RejectedCsvHeader("baris", "alasan", "kolom"), row => $"{row.Field} kosong");

        Assert.Equal(["baris,alasan,kolom", "3,text kosong,text", "4,text kosong,text"], csv.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Rejected_csv_defuses_cells_a_spreadsheet_would_run_as_formulas()
    {
        var report = await Batch.ParseAsync("-total,gold\n,\"=HYPERLINK(\"\"http://evil\"\")\"\n", rules: new BatchRules(["-total"], []));

        var row = report.RejectedCsv().Split('\n')[1];

        Assert.EndsWith(",MissingField,\"'-total\"", row);
    }

    [Fact]
    public async Task A_refused_file_summarises_as_its_message()
    {
        var report = await Batch.ParseAsync("text,image\n");

        Assert.Equal(report.FileError, report.Summary());
    }
}
