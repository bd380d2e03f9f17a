using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/results N jsonl: project N's results as a JSON Lines document (any other form is the CSV's).</summary>
internal sealed record ExportResultsJsonl(string Project) : ITypedCommand<ExportResultsJsonl>
{
    public static string Trigger => "/results";

    public static Access Access => Access.Requester;

    public static ExportResultsJsonl? Parse(string? argument) =>
        (argument ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var project, var format]
            && format.Equals("jsonl", StringComparison.OrdinalIgnoreCase) ? new(project) : null;
}

internal sealed class ExportResultsJsonlHandler(
    OwnedProject owned, ResultStore results, PseudonymSalt salt, Sender sender, IOptions<TelegramOptions> telegram, TimeProvider time) :
    IHandler<ExportResultsJsonl>
{
    public async Task HandleAsync(ExportResultsJsonl command, UpdateContext ctx, CancellationToken ct)
    {
        if (await owned.ResolveAsync(ctx, command.Project, RequesterMessages.ResultsUsage, ct) is not { } project)
        {
            return;
        }

        await using var file = ResultsCsv.TemporaryFile();
        ResultsCsv.Written written;
        await using (var snapshot = await results.SnapshotAsync(project.Id, project.Rules.ExcludeSuspended ? time.GetUtcNow() : null, ct))
        {
            written = await ResultsJsonl.WriteAsync(project, snapshot, salt.Value, file, ct);
        }

        var culture = CultureInfo.CurrentCulture;
        if (file.Length > telegram.Value.UploadLimitBytes)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.ResultsTooBig, project.Id, file.Length / 1_000_000, telegram.Value.UploadLimitBytes / 1_000_000), ct: ct);
            return;
        }

        file.Position = 0;
        var caption = string.Format(culture, RequesterMessages.ResultsCaption, project.Id, written.Tasks, written.Answers);
        await sender.SendDocumentAsync(ctx.ChatId, $"project-{project.Id}-results.jsonl", file, caption, ct);
    }
}
