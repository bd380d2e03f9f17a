using Microtask.Batches;
using Microtask.Core;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;

namespace Microtask.Bot.Requesters;

/// <summary>Downloads an uploaded file from Telegram and checks it against a project.</summary>
internal sealed class BatchFiles(ITelegramBotClient bot, ILogger<BatchFiles> log)
{
    /// <summary>Telegram lets bots download files up to 20 MB.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>The parser's report, or null when the file could not be downloaded.</summary>
    public async Task<BatchReport?> CheckAsync(string fileId, string fileName, Project project, CancellationToken ct)
    {
        using var content = new MemoryStream();
        try
        {
            var file = await bot.GetFile(fileId, ct);
            await bot.DownloadFile(file.FilePath!, content, ct);
        }
        catch (Exception e) when (e is RequestException or HttpRequestException or TaskCanceledException)
        {
            log.LogWarning("Batch file download failed: {Error}", e.Message);
            return null;
        }

        content.Position = 0;
        return await BatchParser.ParseAsync(content, fileName, BatchRules.For(project), ct);
    }
}
