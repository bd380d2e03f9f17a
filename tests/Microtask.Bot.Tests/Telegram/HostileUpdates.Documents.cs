using System.Text;
using System.Text.Json.Nodes;
using Microtask.Sandbox;

namespace Microtask.Bot.Tests.Telegram;

/// <summary>
/// A requester the stream sends documents as: their project, and files really uploaded to the emulator
/// (<see cref="HostileUpdates.UploadLyingFilesAsync"/>) whose contents no project could import.
/// </summary>
public sealed record HostileRequester(long UserId, long ProjectId, IReadOnlyList<string> FileIds);

public sealed partial class HostileUpdates
{
    /// <summary>Over the 20 MB a bot may download: Telegram's getFile refuses it.</summary>
    private const int OverDownloadLimit = 20 * 1024 * 1024 + 1;

    /// <summary>
    /// Files that are not what their names say, none importable under any name into a project whose only field is
    /// <c>text</c> (the parser goes by the content: one JSON object is a JSON Lines file of one row, whatever its name): an
    /// image, archives, a PDF, a program, UTF-16 and Latin-1 text, columns or keys the project lacks, an array of numbers, a
    /// header alone, nothing, an unclosed quote, and a file over the download limit.
    /// </summary>
    private static IEnumerable<(string Name, string Mime, byte[] Content)> LyingFiles()
    {
        yield return ("tasks.csv", "text/csv", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
        yield return ("tasks.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 8, 0, .. Encoding.ASCII.GetBytes("xl/worksheets/sheet1.xml")]);
        yield return ("tasks.csv.gz", "application/gzip", [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3, .. Encoding.ASCII.GetBytes("text\nx\n")]);
        yield return ("tasks.pdf", "text/csv", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"));
        yield return ("tasks.exe", "text/plain", [0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0]);
        yield return ("tasks.csv", "text/csv", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("text\r\nx\r\n")]);
        yield return ("tasks.csv", "text/csv", Encoding.Latin1.GetBytes("text\ncaf\u00e9 au lait\n"));
        yield return ("tasks.csv", "text/csv", Encoding.UTF8.GetBytes("colour,size\nred,1\nblue,2\n"));
        yield return ("tasks.jsonl", "application/json", Encoding.UTF8.GetBytes("{\"colour\": \"red\"}\n{\"colour\": \"blue\"}\n"));
        yield return ("tasks.json", "application/json", Encoding.UTF8.GetBytes("[1, 2, 3]"));
        yield return ("tasks.csv", "text/csv", Encoding.UTF8.GetBytes("text\n"));
        yield return ("tasks.csv", "text/csv", []);
        yield return ("tasks.csv", "text/csv", Encoding.UTF8.GetBytes("text\n\"never closed\n"));
        var huge = new byte[OverDownloadLimit];
        Array.Fill(huge, (byte)'x');
        yield return ("huge.csv", "text/csv", huge);
    }

    /// <summary>
    /// The requester uploads each of <see cref="LyingFiles"/> without a caption (the bot asks which project, and downloads
    /// nothing); returns their file ids, for the stream to send again under lying names, types and sizes.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UploadLyingFilesAsync(BotApiEmulator emulator, long requesterId)
    {
        var ids = new List<string>();
        foreach (var (name, mime, content) in LyingFiles())
        {
            await emulator.WaitUntilConfirmedAsync(emulator.SendDocument(requesterId, name, content, mime), TimeSpan.FromSeconds(30));
            var upload = emulator.Transcript(requesterId).Last(m => !m.FromBot && m.DocumentFileName == name);
            ids.Add(emulator.DocumentFileId(requesterId, upload.MessageId)!);
        }

        return ids;
    }

    private JsonObject Document(long userId, string fileName, string mime, string? fileId = null)
    {
        var update = Message(userId, "");
        var message = (JsonObject)update["message"]!;
        message.Remove("text");
        message["document"] = new JsonObject
        {
            ["file_id"] = fileId ?? "BQAC" + RandomText(20),
            ["file_unique_id"] = "u" + random.Next(),
            ["file_name"] = fileName,
            ["mime_type"] = mime,
            ["file_size"] = random.Next(3) switch { 0 => -1, 1 => long.MaxValue, _ => random.Next(1, 50_000_000) },
        };
        message["caption"] = random.Next(2) == 0 ? "#1" : RandomText(30);
        return update;
    }

    /// <summary>
    /// A document whose name, mime type and size say one thing: from a worker or a stranger, with an id that points at
    /// nothing; or from the requester, at one of their real files, for their own project, so the bot downloads and reads it.
    /// </summary>
    private JsonObject LyingDocument()
    {
        (string Name, string Mime)[] lies =
        [
            ("tasks.csv", "application/x-msdownload"), ("tasks.exe", "text/csv"), ("../../etc/passwd", "text/plain"),
            ("tasks.json", "image/png"), (new string('n', 5000) + ".csv", "text/csv"), ("tasks\0.csv", "text/csv"),
            ("tasks.jsonl", ""), ("", "application/json"), ("<b>x</b>.csv", "text/html"), ("tasks.csv.zip", "application/zip"),
        ];
        var (name, mime) = lies[random.Next(lies.Length)];
        if (requester is not null && random.Next(2) == 0)
        {
            var update = Document(requester.UserId, name, mime, requester.FileIds[random.Next(requester.FileIds.Count)]);
            // A small size, so the bot asks Telegram for the file rather than refusing it on the update's word.
            update["message"]!["document"]!["file_size"] = random.Next(1, 100_000);
            update["message"]!["caption"] = random.Next(5) == 0 ? RandomText(30) : $"#{requester.ProjectId}";
            return update;
        }

        // A victim is a worker, not a requester: the bot must refuse the file without fetching it.
        var from = random.Next(2) == 0 ? Victim().UserId : Stranger();
        return Document(from, name, mime);
    }
}
