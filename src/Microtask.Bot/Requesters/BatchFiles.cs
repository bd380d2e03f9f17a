using System.Globalization;
using System.Text;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using Microtask.Batches;
using Microtask.Bot.Resources;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>Downloads an uploaded file from Telegram and checks it against a project.</summary>
internal sealed class BatchFiles(ITelegramBotClient bot, ILogger<BatchFiles> log)
{
    /// <summary>Telegram lets bots download files up to 20 MB.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    private const int MaxNameLength = 80;

    /// <summary>
    /// The name a file goes by in replies, the batch's row and the parser (which reads its extension): the sender's name
    /// without folders, controls, direction marks or line breaks, and cut to 80 characters keeping the extension (never
    /// through a character made of several, such as an emoji), so no name can make a reply longer than Telegram takes or
    /// read other than it is.
    /// </summary>
    public static string NameOf(string? sent)
    {
        var shown = new StringBuilder();
        foreach (var rune in Path.GetFileName((sent ?? "").Replace('\\', '/')).EnumerateRunes())
        {
            if (Shown(rune))
            {
                shown.Append(rune.ToString());
            }
        }

        var name = shown.ToString().Trim();
        if (name.Length <= MaxNameLength)
        {
            return name.Length == 0 ? "batch" : name;
        }

        var extension = Path.GetExtension(name) is { Length: <= 10 } e ? e : "";
        var cut = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(name);
        while (elements.MoveNext() && cut.Length + elements.GetTextElement().Length < MaxNameLength - extension.Length)
        {
            cut.Append(elements.GetTextElement());
        }

        return cut + "…" + extension;
    }

    /// <summary>Not a control, a direction mark, a line or paragraph break; the joiners emoji and some scripts need stay.</summary>
    private static bool Shown(Rune rune) => rune.Value is 0x200C or 0x200D
        || Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    /// <summary>
    /// A ZIP's file as the bot keeps it, named by its hash and the extension it came with (a path inside a requester's
    /// archive may hold anything; Telegram shows the name of an uploaded audio).
    /// </summary>
    public static MediaBlob Blob(MediaFile file)
    {
        var extension = Path.GetExtension(file.Path);
        var shown = extension.Length is > 1 and <= 6 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension.ToLowerInvariant() : "";
        return new MediaBlob(file.Sha256, file.ContentType, file.Sha256[..12] + shown, file.Content.ToArray());
    }

    /// <summary>
    /// The parser's report, or why there is none. The size an update states is the sender's word (a forged update can
    /// state any): over the limit is refused by Telegram's getFile and, should a server send more, by the download itself.
    /// </summary>
    public Task<FileCheck> CheckAsync(string fileId, string fileName, Project project, CancellationToken ct) =>
        CheckAsync(fileId, fileName, BatchRules.For(project) with { Zip = ZipLimits.Default }, MaxBytes, ct);

    /// <summary>The same for any table read by the batch parser's rules (a file of bonuses), within <paramref name="maxBytes"/>.</summary>
    public async Task<FileCheck> CheckAsync(string fileId, string fileName, BatchRules rules, long maxBytes, CancellationToken ct)
    {
        using var content = new MemoryStream();
        try
        {
            var file = await bot.GetFile(fileId, ct);
            if (file.FileSize > maxBytes)
            {
                return FileCheck.OverLimit;
            }

            if (file.FilePath is null)
            {
                log.LogWarning("Batch file download failed: getFile gave no file_path");
                return FileCheck.Failed;
            }

            await bot.DownloadFile(file.FilePath, new CappedStream(content, maxBytes), ct);
        }
        catch (ApiRequestException e) when (e.Message.Contains("file is too big", StringComparison.OrdinalIgnoreCase))
        {
            return FileCheck.OverLimit;
        }
        catch (Exception e) when (CappedStream.Overflowed(e))
        {
            return FileCheck.OverLimit;
        }
        catch (Exception e) when (e is RequestException or HttpRequestException or TaskCanceledException)
        {
            log.LogWarning("Batch file download failed: {Error}", e.Message);
            return FileCheck.Failed;
        }

        content.Position = 0;
        return new FileCheck(await BatchParser.ParseAsync(content, fileName, rules, ct), TooBig: false);
    }
}

/// <summary>What fetching and checking a file gave: the parser's report, or none because it is too big or did not download.</summary>
internal sealed record FileCheck(BatchReport? Report, bool TooBig)
{
    public static readonly FileCheck Failed = new(null, TooBig: false);
    public static readonly FileCheck OverLimit = new(null, TooBig: true);

    /// <summary>What the requester is told when there is no report.</summary>
    public string Refusal => TooBig ? RequesterMessages.TooBig : RequesterMessages.DownloadFailed;
}
