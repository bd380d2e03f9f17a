using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Microtask.Batches.Tests;

/// <summary>A figure, not a check: how long 100,000 rows take to parse and validate. Nothing is asserted on time.</summary>
public class ThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Parsing_100000_csv_rows_reports_its_time()
    {
        var text = new StringBuilder("text,image,GOLDEN:answer\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"\"Foto nomor {i}: seekor hewan di taman, difoto pada sore hari; apakah ini kucing atau anjing?\",https://cdn.example.org/images/{i:D8}.jpg,{(i % 10 == 0 ? "cat" : "")}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var report = await BatchParser.ParseAsync(new MemoryStream(bytes), "big.csv", Batch.Rules);

        clock.Stop();
        Assert.Null(report.Problem);
        Assert.Equal(100_000, report.Accepted.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CSV: {bytes.Length / 1e6:F1} MB, 100,000 rows parsed and validated in {clock.ElapsedMilliseconds} ms (~{GC.GetAllocatedBytesForCurrentThread() - allocated:N0} bytes allocated on this thread)"));
    }

    [Fact]
    public async Task Parsing_100000_json_lines_reports_its_time()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{{\"text\": \"Foto nomor {i}: seekor hewan di taman, difoto pada sore hari; apakah ini kucing atau anjing?\", \"image\": \"https://cdn.example.org/images/{i:D8}.jpg\"}}\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var clock = Stopwatch.StartNew();

        var report = await BatchParser.ParseAsync(new MemoryStream(bytes), "big.jsonl", Batch.Rules);

        clock.Stop();
        Assert.Equal(100_000, report.Accepted.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"JSON Lines: {bytes.Length / 1e6:F1} MB, 100,000 rows in {clock.ElapsedMilliseconds} ms"));
    }

    [Fact]
    public async Task Parsing_a_zip_of_2000_photos_reports_its_time()
    {
        var random = new Random(24);
        var files = new List<(string, byte[])> { Zips.Text("tasks.csv", "photo,animal\n" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"photos/{i:D4}.jpg,animal {i}\n"))) };
        for (var i = 0; i < 2000; i++)
        {
            var noise = new byte[8 * 1024];
            random.NextBytes(noise);
            files.Add(($"photos/{i:D4}.jpg", [.. Samples.Jpeg(), .. noise]));
        }

        var zip = Zips.Build([.. files]);
        var clock = Stopwatch.StartNew();

        var report = await Zips.ParseAsync(zip);

        clock.Stop();
        Assert.Equal(2000, report.Media.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ZIP: {zip.Length / 1e6:F1} MB, 2,000 rows and 2,000 photos read, hashed and checked in {clock.ElapsedMilliseconds} ms"));
    }
}
