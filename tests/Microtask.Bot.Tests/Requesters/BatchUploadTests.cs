using System.Text;
using Microtask.Bot.Requesters;
using Telegram.Bot;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>A requester uploads batch files through the chat: checked, reported, imported on request, once.</summary>
public abstract class BatchUploadTests(string backend) : BotTest(backend, new Dictionary<string, string?> { ["Microtask:Requesters:0"] = RequesterId.ToString() })
{
    // The first user a fresh emulator makes.
    private const long RequesterId = 100001;
    private Player requester = null!;
    private long projectId;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        Assert.Equal(RequesterId, requester.Id);
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        projectId = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Animals", "Pick one", AnswerKind.SingleChoice, ["cat", "dog"], "<b>{{text}}</b> {{note}}", 100, 3, TimeSpan.FromMinutes(5), owner),
            [],
            ProjectState.Active);
    }

    [Fact]
    public async Task A_checked_file_is_imported_only_on_Import_and_only_once()
    {
        const string csv = "text;note;GOLDEN:answer\r\n\"a cat,\nsleeping\";n1;cat\r\na dog;n2;\r\n;n3;\r\na fish;n4;whale\r\na dog;n2;\r\n";

        var report = await UploadAsync("batch.csv", csv, $"#{projectId}");

        Assert.Contains("Rows accepted: 2 (gold: 1)", report.PlainText);
        Assert.Contains("Rows rejected: 2", report.PlainText);
        Assert.Contains("line 5: missing text", report.PlainText);
        Assert.Contains("line 6: the gold answer “whale” is not one of the choices", report.PlainText);
        Assert.Contains("Duplicates skipped: 1", report.PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks"));

        await requester.PressAsync(report, report.Keyboard[0][0].CallbackData!);

        Assert.Contains("Imported 2 tasks", requester.Message(report.MessageId).PlainText);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks"));
        Assert.Equal(1, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks WHERE gold_answer = 'cat'"));

        var again = await UploadAsync("same-bytes.csv", csv, $"#{projectId}");
        Assert.Equal($"This file was already imported into project #{projectId} as batch.csv (2 tasks); nothing was added.", again.PlainText);
        await requester.ForgeAsync(report.MessageId, report.Keyboard[0][0].CallbackData!);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks"));
    }

    [Fact]
    public async Task The_same_file_sent_twice_is_imported_once_and_the_second_report_says_which_upload_has_its_rows()
    {
        const string csv = "text,note\na cat,n1\na dog,n2\n";
        var first = await UploadAsync("animals.csv", csv, $"#{projectId}");
        var second = await UploadAsync("animals (copy).csv", csv, $"#{projectId}");

        await requester.PressAsync(first, first.Keyboard[0][0].CallbackData!);
        await requester.PressAsync(second, second.Keyboard[0][0].CallbackData!);

        // The refusal names the upload that was imported, as the requester saw it, and no batch number they never saw.
        var refused = requester.Message(second.MessageId);
        var expected = $"This file was already imported into project #{projectId} as animals.csv (2 tasks); nothing was added.";
        Assert.EndsWith(expected, refused.PlainText);
        Assert.StartsWith("📄 animals (copy).csv", refused.PlainText);
        Assert.Equal($"Already imported into project #{projectId} as animals.csv; nothing was added.", requester.LastToast());
        Assert.Empty(refused.Keyboard);
        Assert.DoesNotContain("batch", refused.PlainText + requester.LastToast(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Imported 2 tasks", requester.Message(first.MessageId).PlainText);
        Assert.Equal(2, await Bot.ScalarAsync("SELECT COUNT(*) FROM tasks"));
    }

    [Theory]
    [InlineData("columns.csv", "text,colour\nx,y\n", "unknown columns: colour. The template's columns are text, note (and gold for known answers).")]
    [InlineData("columns.json", "[{\"text\": \"x\", \"note\": \"y\", \"id\": 1}]", "unknown columns: id. The template's columns are text, note (and gold for known answers).")]
    [InlineData("missing.csv", "text\nx\n", "columns missing: note. The template's columns are text, note (and gold for known answers).")]
    public async Task A_file_with_wrong_columns_is_told_which_columns_the_template_expects(string name, string content, string expected)
    {
        var reply = await UploadAsync(name, content, $"#{projectId}");

        Assert.Equal($"❌ {name} was not imported: {expected}", reply.PlainText);
    }

    [Theory]
    [InlineData("picture.csv", "png", "it is not a text file")]
    [InlineData("list.json", "{\"text\": \"a\", \"note\": \"b\"}", "must be an array of objects")]
    [InlineData("header.csv", "text,note\n", "header but no rows")]
    [InlineData("columns.csv", "text,colour\nx,y\n", "unknown columns: colour")]
    [InlineData("quotes.csv", "text,note\n\"open,x\n", "never closed")]
    [InlineData("latin1.csv", "latin1", "it is not UTF-8 text (line 3)")]
    [InlineData("empty-lines.csv", "empty-lines", "header but no rows")]
    [InlineData("big-cell.csv", "big-cell", "line 2: text is too long")]
    public async Task A_bad_file_gets_a_clear_message_and_nothing_is_imported(string name, string content, string expected)
    {
        var bytes = content switch
        {
            "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
            "latin1" => Encoding.Latin1.GetBytes("text,note\nok,fine\ncafé au lait,x\n"),
            "empty-lines" => Encoding.UTF8.GetBytes("text,note\n" + new string('\n', 100_000)),
            "big-cell" => Encoding.UTF8.GetBytes("text,note\n" + new string('x', 1024 * 1024) + ",n\n"),
            _ => Encoding.UTF8.GetBytes(content),
        };

        var reply = await UploadAsync(name, bytes, $"#{projectId}");

        Assert.Contains(expected, reply.PlainText);
        Assert.Empty(reply.Keyboard);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM batches"));
    }

    [Fact]
    public async Task A_file_over_20_MB_is_refused_as_too_big_even_when_its_update_says_it_is_small()
    {
        var huge = new byte[BatchFiles.MaxBytes + 1];
        Array.Fill(huge, (byte)'x');

        var honest = await UploadAsync("huge.csv", huge, $"#{projectId}");
        var upload = Bot.Emulator.Transcript(requester.Id).Last(m => !m.FromBot && m.DocumentFileName == "huge.csv");
        var fileId = Bot.Emulator.DocumentFileId(requester.Id, upload.MessageId)!;
        Assert.DoesNotContain(Bot.Emulator.Refused, c => c.Method == "getFile"); // the stated size spared the call

        // The same file in an update that lies about its size and type: Telegram's getFile refuses it, and that is told as too big.
        var lying = await SendForgedDocumentAsync(900_001, fileId, "small.csv", "text/csv", fileSize: 1000);
        var missing = await SendForgedDocumentAsync(900_002, "BQACAgIAAxkBAAnoSuchFile", "tasks.csv", "text/csv", fileSize: 100);

        Assert.Equal("This file is larger than 20 MB, the most a bot can download. Split it into smaller files.", honest.PlainText);
        Assert.Equal(honest.PlainText, lying.PlainText);
        Assert.Contains(Bot.Emulator.Refused, c => c.Method == "getFile" && c.Description.Contains("file is too big"));
        Assert.Equal("I could not download the file from Telegram. Please send it again.", missing.PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM batches"));
    }

    [Fact]
    public async Task A_file_name_of_any_length_or_shape_is_shown_short_and_plain()
    {
        var name = "C:\\Users\\x\\../\u202E" + new string('n', 5000) + "\0.csv";

        var report = await UploadAsync(name, "text,note\na,b\n", $"#{projectId}");

        var shown = new string('n', 75) + "….csv";
        Assert.Contains($"{shown} for project #{projectId}", report.PlainText);
        Assert.Contains("Rows accepted: 1", report.PlainText);
        await using var c = await Bot.Get<IDatabase>().OpenAsync(CancellationToken.None);
        Assert.Equal(shown, await Dapper.SqlMapper.ExecuteScalarAsync<string>(c, "SELECT file_name FROM batches"));
    }

    [Fact]
    public async Task A_download_holds_no_more_than_the_limit_whatever_the_server_sends()
    {
        const string csv = "text,note\na,b\n"; // 14 bytes
        await UploadAsync("small.csv", csv, caption: null); // the bot asks which project; the file stays on the server
        var upload = Bot.Emulator.Transcript(requester.Id).Last(m => !m.FromBot && m.DocumentFileName == "small.csv");
        var client = Bot.Get<ITelegramBotClient>();
        var file = await client.GetFile(Bot.Emulator.DocumentFileId(requester.Id, upload.MessageId)!);
        using var capped = new MemoryStream();
        using var whole = new MemoryStream();

        // Through the real client, as BatchFiles downloads: it wraps what the copy threw, and the refusal is still known.
        var refused = await Record.ExceptionAsync(() => client.DownloadFile(file.FilePath!, new CappedStream(capped, limit: 13)));
        await client.DownloadFile(file.FilePath!, new CappedStream(whole, limit: 14));

        Assert.True(CappedStream.Overflowed(refused), refused?.ToString());
        Assert.IsNotType<IOException>(refused); // wrapped: only the walk through inner exceptions finds it
        Assert.True(capped.Length <= 13);
        Assert.Equal(csv, Encoding.UTF8.GetString(whole.ToArray()));
        Assert.False(CappedStream.Overflowed(new IOException("other")));
    }

    [Fact]
    public async Task Uploads_need_the_role_a_project_id_and_ones_own_project()
    {
        var worker = await Bot.WorkerAsync("Wawan");
        var stranger = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Other", "x", AnswerKind.YesNo, [], "{{text}}", 1, 1, TimeSpan.FromMinutes(5)), [], ProjectState.Active);

        var update = Bot.Emulator.SendDocument(worker.Id, "b.csv", Encoding.UTF8.GetBytes("text,note\na,b\n"), caption: $"#{projectId}");
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        Assert.Equal("I can't use files here.", worker.Last().PlainText);
        Assert.Contains("Which project is this file for? Reply to the project's message", (await UploadAsync("b.csv", "text,note\na,b\n", null)).PlainText);
        Assert.Contains($"You have no project #{stranger}.", (await UploadAsync("b.csv", "text,note\na,b\n", $"#{stranger}")).PlainText);
        Assert.Equal(0, await Bot.ScalarAsync("SELECT COUNT(*) FROM batches"));
    }

    [Fact]
    public async Task Results_come_back_as_a_csv_of_aggregated_answers_under_pseudonyms()
    {
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        var id = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Pets", "Pick one", AnswerKind.SingleChoice, ["cat", "dog"], "{{text}} {{note}}", 10, 3, TimeSpan.FromMinutes(5), owner),
            [new NewTask(new Dictionary<string, string> { ["text"] = "meow", ["note"] = "=HYPERLINK(\"x\")" }), new NewTask(new Dictionary<string, string> { ["text"] = "woof", ["note"] = "b" })],
            ProjectState.Active);
        string[][] choices = [["cat", "cat"], ["cat", "dog"], ["cat", "dog"]];
        var workers = new List<Player>();
        foreach (var picks in choices)
        {
            var worker = await Bot.WorkerAsync($"W{workers.Count}");
            workers.Add(worker);
            var task = await worker.SendAsync("/task");
            foreach (var pick in picks)
            {
                task = await worker.AnswerAsync(task, option: pick == "cat" ? 0 : 1);
            }
        }

        Assert.Contains($"#{id} Pets — active: 2/2 tasks done, 6 answers", (await requester.SendAsync("/projects")).PlainText);
        var sent = await requester.SendAsync($"/results {id}");
        var csv = System.Text.Encoding.UTF8.GetString(Bot.Emulator.DownloadDocument(requester.Id, sent.MessageId)!).TrimStart('\uFEFF');
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("task_id,text,note,answer,confidence,agreement,answers,method,tie,raw_answers", rows[0]);
        // The formula is defused with a leading apostrophe, then quoted as RFC 4180 asks.
        Assert.Contains(",meow,\"'=HYPERLINK(\"\"x\"\")\",cat,", rows[1]);
        Assert.Contains(",woof,b,dog,", rows[2]);
        Assert.Contains(",3,dawid-skene,", rows[2]);
        Assert.DoesNotContain(workers[0].Id.ToString(), csv);
        Assert.Matches(@"w[0-9a-f]{10}:cat", rows[1]);
        Assert.Equal("I don't know that command. /help lists what I can do.", (await workers[0].SendAsync($"/results {id}")).PlainText);
    }

    [Fact]
    public async Task A_requester_pauses_resumes_and_closes_its_own_project()
    {
        var someoneElses = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Spare", "x", AnswerKind.YesNo, [], "{{text}}", 1, 1, TimeSpan.FromMinutes(5)), [], ProjectState.Active);
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        var id = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Live", "x", AnswerKind.YesNo, [], "{{text}}", 1, 2, TimeSpan.FromMinutes(5), owner),
            [new NewTask(new Dictionary<string, string> { ["text"] = "one" })],
            ProjectState.Active);
        var worker = await Bot.WorkerAsync("Wati");

        Assert.Contains("is paused", (await requester.SendAsync($"/pause {id}")).PlainText);
        Assert.Contains("no tasks", (await worker.SendAsync("/task")).PlainText);
        Assert.Equal("/pause takes no arguments; send just /pause.", (await worker.SendAsync($"/pause {id}")).PlainText);
        Assert.Contains("active again", (await requester.SendAsync($"/resume {id}")).PlainText);
        Assert.Contains("Live", (await worker.SendAsync("/task")).PlainText);
        Assert.Contains("closed for good", (await requester.SendAsync($"/close {id}")).PlainText);
        Assert.Contains("cannot change", (await requester.SendAsync($"/resume {id}")).PlainText);
        Assert.Contains("cannot change", (await requester.SendAsync($"/pause {someoneElses}")).PlainText);
        Assert.Contains("e.g.", (await requester.SendAsync("/close soon")).PlainText);
    }

    [Fact]
    public async Task A_rules_change_that_cannot_be_read_is_quoted_whole()
    {
        var reply = await requester.SendAsync($"/rules {projectId} yang bagus saja");

        Assert.StartsWith("I could not read yang bagus saja. Name what to change", reply.PlainText);
    }

    [Fact]
    public async Task More_than_twenty_rejections_come_as_a_csv_in_the_requesters_language()
    {
        await requester.PressAsync(await requester.SendAsync("/language"), "l:id");
        var rows = string.Concat(Enumerable.Range(1, 25).Select(i => $",n{i}\n"));

        var file = await UploadAsync("many.csv", "text,note\nok,fine\n" + rows, $"#{projectId}");

        var report = requester.BotMessages()[^2];
        Assert.Contains("Baris ditolak: 25", report.PlainText);
        Assert.Contains("… dan 5 lainnya", report.PlainText);
        Assert.Equal("many-rejected.csv", file.DocumentFileName);
        var csv = Encoding.UTF8.GetString(Bot.Emulator.DownloadDocument(requester.Id, file.MessageId)!).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(26, csv.Length);
        Assert.Equal("baris,alasan,kolom", csv[0]);
        Assert.Equal("3,text kosong,text", csv[1]);
    }

    [Fact]
    public async Task Progress_comes_with_counts_and_a_chart()
    {
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        var id = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Tally", "x", AnswerKind.YesNo, [], "{{text}}", 1, 1, TimeSpan.FromMinutes(5), owner),
            [new NewTask(new Dictionary<string, string> { ["text"] = "one" }), new NewTask(new Dictionary<string, string> { ["text"] = "two" })],
            ProjectState.Active);
        var worker = await Bot.WorkerAsync("Tari");
        await worker.AnswerAsync(await worker.SendAsync("/task"));

        var sent = await requester.SendAsync($"/progress {id}");

        Assert.Equal(new Sandbox.ImageSize(900, 420), sent.Photo); // a photo in the chat, not a file to open
        Assert.Contains("█████░░░░░ 50% — 1/2 tasks done", sent.Caption);
        Assert.Contains("Answers: 1 of 2 wanted, 1 today", sent.Caption);
        Assert.Contains("Workers active today: 1", sent.Caption);
        var png = Bot.Emulator.DownloadDocument(requester.Id, sent.MessageId)!;
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4));
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, $"progress-{Backend}.png"), png);
    }

    /// <summary>A document message the way a forged update can state it: any name, type and size for a file id.</summary>
    private async Task<Sandbox.ChatMessage> SendForgedDocumentAsync(long messageId, string fileId, string name, string mime, long fileSize)
    {
        var update = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["message"] = new Dictionary<string, object>
            {
                ["message_id"] = messageId,
                ["from"] = new Dictionary<string, object> { ["id"] = requester.Id, ["is_bot"] = false, ["first_name"] = "Rini" },
                ["chat"] = new Dictionary<string, object> { ["id"] = requester.Id, ["type"] = "private", ["first_name"] = "Rini" },
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["document"] = new Dictionary<string, object> { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["file_name"] = name, ["mime_type"] = mime, ["file_size"] = fileSize },
                ["caption"] = $"#{projectId}",
            },
        });
        var before = requester.BotMessages().Count;
        await Bot.Emulator.WaitUntilConfirmedAsync(Bot.Emulator.InjectRawUpdate(update), TimeSpan.FromSeconds(15));
        Assert.Equal(before + 1, requester.BotMessages().Count);
        return requester.Last();
    }

    private Task<Sandbox.ChatMessage> UploadAsync(string name, string content, string? caption) => UploadAsync(name, Encoding.UTF8.GetBytes(content), caption);

    private async Task<Sandbox.ChatMessage> UploadAsync(string name, byte[] content, string? caption)
    {
        var update = Bot.Emulator.SendDocument(requester.Id, name, content, caption: caption);
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        return requester.Last();
    }
}

public sealed class EmbeddedBatchUploadTests() : BatchUploadTests("Embedded");

public sealed class PostgresBatchUploadTests() : BatchUploadTests("Postgres");
