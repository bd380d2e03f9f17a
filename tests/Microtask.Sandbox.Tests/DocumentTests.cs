using System.Text;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Microtask.Sandbox.Tests;

public sealed class DocumentTests : EmulatorTest
{
    [Fact]
    public async Task Uploaded_document_can_be_fetched_with_getFile_and_downloaded()
    {
        var user = StartedUser();
        var csv = Encoding.UTF8.GetBytes("task_id,answer\n1,yes\n");

        var sent = await Bot.SendDocument(user.Id, InputFile.FromStream(new MemoryStream(csv), "results.csv"), caption: "<b>Results</b>", parseMode: Telegram.Bot.Types.Enums.ParseMode.Html);
        var file = await Bot.GetFile(sent.Document!.FileId);
        using var downloaded = new MemoryStream();
        await Bot.DownloadFile(file.FilePath!, downloaded);

        Assert.Equal("results.csv", sent.Document.FileName);
        Assert.Equal(csv.Length, sent.Document.FileSize);
        Assert.Equal("Results", sent.Caption);
        Assert.Equal(csv, downloaded.ToArray());
        Assert.Equal(csv, Emulator.DownloadDocument(user.Id, sent.Id));
        var shown = Emulator.Transcript(user.Id)[^1];
        Assert.Equal(("results.csv", "<b>Results</b>", "Results"), (shown.DocumentFileName, shown.Caption, shown.PlainText));
    }

    [Fact]
    public async Task A_known_file_id_can_be_sent_again()
    {
        var user = StartedUser();
        var first = await Bot.SendDocument(user.Id, InputFile.FromStream(new MemoryStream([1, 2, 3]), "a.bin"));

        var again = await Bot.SendDocument(user.Id, InputFile.FromFileId(first.Document!.FileId));
        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendDocument(user.Id, InputFile.FromFileId("nope")));

        Assert.Equal(first.Document.FileId, again.Document!.FileId);
        Assert.Equal([1, 2, 3], Emulator.DownloadDocument(user.Id, again.Id));
        Assert.Equal("Bad Request: wrong file identifier/HTTP URL specified", unknown.Message);
    }

    [Fact]
    public async Task Non_ascii_file_names_survive_the_upload()
    {
        var user = StartedUser();

        var sent = await Bot.SendDocument(user.Id, InputFile.FromStream(new MemoryStream([1]), "hasil-tugas-é.csv"));

        Assert.Equal("hasil-tugas-é.csv", sent.Document!.FileName);
    }

    [Fact]
    public async Task A_users_document_reaches_the_bot_and_can_be_downloaded()
    {
        var user = StartedUser();
        var prompt = await Bot.SendMessage(user.Id, "Send the batch as a reply");
        await DrainAsync();
        var content = Encoding.UTF8.GetBytes("text\nhello\n");

        Emulator.SendDocument(user.Id, "batch.csv", content, caption: "batch 1", replyToMessageId: prompt.Id);
        var message = Assert.Single(await Bot.GetUpdates()).Message!;
        var file = await Bot.GetFile(message.Document!.FileId);
        using var downloaded = new MemoryStream();
        await Bot.DownloadFile(file, downloaded);

        Assert.Equal(("batch.csv", "text/csv", "batch 1"), (message.Document.FileName, message.Document.MimeType, message.Caption));
        Assert.Equal(prompt.Id, message.ReplyToMessage!.Id);
        Assert.Equal(content, downloaded.ToArray());
    }

    [Fact]
    public async Task GetFile_refuses_files_over_20_megabytes()
    {
        var user = StartedUser();
        Emulator.SendDocument(user.Id, "huge.csv", new byte[20 * 1024 * 1024 + 1]);
        var message = (await Bot.GetUpdates())[^1].Message!;

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.GetFile(message.Document!.FileId));

        Assert.Equal((400, "Bad Request: file is too big"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task Upload_over_50_megabytes_is_request_entity_too_large()
    {
        var user = StartedUser();
        var content = new byte[50 * 1024 * 1024 + 1];

        var error = await Assert.ThrowsAsync<ApiRequestException>(() =>
            Bot.SendDocument(user.Id, InputFile.FromStream(new MemoryStream(content), "big.bin")));

        Assert.Equal((413, "Request Entity Too Large"), (error.ErrorCode, error.Message));
    }

    [Fact]
    public async Task Unknown_file_path_is_not_found()
    {
        using var response = await Http.GetAsync($"{Emulator.BaseUrl}file/bot{Emulator.Token}/documents/none.csv");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
