using System.IO.Compression;
using System.Text;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>Results over the bot's upload limit come zipped, and beyond that a clear message instead of a failed send.</summary>
public sealed class LargeResultsTests
{
    [Theory]
    [InlineData(1500, true)]
    [InlineData(200, false)]
    public async Task Results_over_the_upload_limit_are_zipped_or_refused_with_a_reason(long limit, bool fits)
    {
        await using var bot = await BotHarness.StartAsync("Embedded", new Dictionary<string, string?>
        {
            ["Microtask:Requesters:0"] = "100001",
            ["Telegram:UploadLimitBytes"] = limit.ToString(),
        });
        var requester = await bot.WorkerAsync("Rini");
        var owner = (await bot.Get<WorkerStore>().FindAsync(requester.Id))!.Id;
        var id = await bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Big", "x", AnswerKind.YesNo, [], "{{text}}", 0, 1, TimeSpan.FromMinutes(5), owner),
            Enumerable.Range(1, 60).Select(i => new NewTask(new Dictionary<string, string> { ["text"] = $"a long and repetitive review text number {i}" })).ToList(),
            ProjectState.Active);

        var sent = await requester.SendAsync($"/results {id}");

        if (!fits)
        {
            Assert.Contains($"The results of project #{id} are 0 MB even zipped, more than a bot may send", sent.PlainText);
            return;
        }

        Assert.Equal($"project-{id}-results.zip", sent.DocumentFileName);
        using var zip = new ZipArchive(new MemoryStream(bot.Emulator.DownloadDocument(requester.Id, sent.MessageId)!));
        var entry = Assert.Single(zip.Entries);
        Assert.Equal($"project-{id}-results.csv", entry.FullName);
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        var rows = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(61, rows.Length);
        Assert.Contains("review text number 60", rows[^1]);
    }
}
