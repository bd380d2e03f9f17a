using System.Globalization;
using global::Telegram.Bot.Exceptions;
using Hangfire;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// Tells each worker of a paid file of bonuses, in their language, through the Sender's bulk lane. The cursor (the last
/// line told) is stored after each, so a retried job tells at most the one whose message was under way twice.
/// </summary>
internal sealed class BonusNoticeJob(BonusFileStore files, ProjectStore projects, Sender sender, IOptions<MicrotaskOptions> options, ILogger<BonusNoticeJob> log)
{
    private const int Page = 200;

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long fileId)
    {
        if (await files.FindAsync(fileId) is not { State: "paid" } file || await projects.FindAsync(file.ProjectId) is not { } project)
        {
            return;
        }

        var title = Quotes.Of(project.Title, Quotes.Word);
        for (var line = file.ToldLine; ;)
        {
            var page = await files.ToTellAfterAsync(fileId, line, Page);
            if (page.Count == 0)
            {
                return;
            }

            foreach (var bonus in page)
            {
                if (bonus.Active)
                {
                    var theirs = Languages.Culture(bonus.Language);
                    var text = string.Format(
                        theirs,
                        RequesterMessages.ResourceManager.GetString(nameof(RequesterMessages.BonusReceived), theirs)!,
                        options.Value.Currency.Format(bonus.Amount, theirs),
                        title,
                        TaskTemplate.Escape(bonus.Reason));
                    try
                    {
                        await sender.SendBulkAsync(bonus.ChatId, text);
                    }
                    catch (ApiRequestException e) when (e.ErrorCode == 400)
                    {
                        // A gone account must not stop the others at its line on every retry; the money is in its balance.
                        log.LogWarning("Telegram refused a bonus notice: {Error}", e.Message);
                    }
                }

                await files.SetToldAsync(fileId, line = bonus.Line);
            }
        }
    }
}
