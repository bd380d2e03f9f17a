using System.Globalization;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types.ReplyMarkups;
using Hangfire;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// A requester's message to a project's workers, as a Hangfire job: through the Sender's bulk lane, each worker in their
/// language, the project's title above the requester's words and Mute below. A worker who muted the project, blocked
/// the bot or is banned is skipped. After a crash Hangfire runs it again from the stored cursor, so a worker gets it at
/// most twice (only the one whose send was under way); the requester is told once how many it reached.
/// </summary>
internal sealed class NotifyWorkersJob(ProjectNoticeStore notices, ProjectStore projects, Sender sender, ILogger<NotifyWorkersJob> log)
{
    private const int Page = 200;

    private static readonly string[] BothLanguages = ["en", "id"];

    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(long id)
    {
        if (await notices.FindAsync(id) is not { State: "running" } notice || await projects.FindAsync(notice.ProjectId) is not { } project)
        {
            return;
        }

        var (sent, skipped, cursor) = (notice.Sent, notice.Skipped, notice.LastWorkerId);
        while (true)
        {
            var page = await notices.RecipientsAfterAsync(id, project.Id, cursor, Page);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var recipient in page)
            {
                var delivered = recipient.Reachable && await SendAsync(recipient, project, notice.Text);
                await notices.RecordAsync(id, recipient.WorkerId, delivered);
                (sent, skipped, cursor) = delivered ? (sent + 1, skipped, recipient.WorkerId) : (sent, skipped + 1, recipient.WorkerId);
            }
        }

        if (await notices.FinishAsync(id))
        {
            log.LogInformation("Notice {Id} to project {Project} done: {Sent} sent, {Skipped} skipped", id, project.Id, sent, skipped);
            var culture = Languages.Culture(notice.Language);
            var done = RequesterMessages.ResourceManager.GetString(nameof(RequesterMessages.NotifyDone), culture)!;
            await sender.SendAsync(notice.RequesterChatId, string.Format(culture, done, project.Id, sent, sent + skipped, skipped));
        }
    }

    /// <summary>
    /// False when the worker blocked the bot (now inactive) or Telegram refuses their chat: one gone account must not
    /// stop the fan-out at its place on every retry.
    /// </summary>
    private async Task<bool> SendAsync(NoticeRecipient recipient, Project project, string text)
    {
        try
        {
            return await sender.SendBulkAsync(recipient.ChatId, Text(project, text, recipient.Language), MuteKeyboard(project.Id, recipient.Language)) is not null;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            log.LogWarning("Telegram refused a project's message to a worker: {Error}", e.Message);
            return false;
        }
    }

    /// <summary>The longest text a requester may send to the project's workers: what one message holds once the longest header is above it.</summary>
    public static int MaxText(Project project) =>
        TelegramLimits.Message - BothLanguages.Max(language => TelegramLimits.VisibleLength(Header(project, Languages.Culture(language))) + 1);

    /// <summary>What a worker reads: who writes, then the requester's words escaped and quoted.</summary>
    public static string Text(Project project, string text, string language) =>
        Header(project, Languages.Culture(language)) + "\n<blockquote>" + TaskTemplate.Escape(text) + "</blockquote>";

    public static InlineKeyboardMarkup MuteKeyboard(long projectId, string language) =>
        Keyboards.Single(RequesterMessages.ResourceManager.GetString(nameof(RequesterMessages.MuteButton), Languages.Culture(language))!, new MuteProject(true, projectId));

    private static string Header(Project project, CultureInfo culture) =>
        string.Format(culture, RequesterMessages.ResourceManager.GetString(nameof(RequesterMessages.NotifyHeader), culture)!, Quotes.Of(project.Title, Quotes.Word), project.Id);
}
