using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/progress N; the argument as typed.</summary>
internal sealed record ShowProgress(string? Argument) : ITypedCommand<ShowProgress>
{
    public static string Trigger => "/progress";

    public static Access Access => Access.Requester;

    public static ShowProgress Parse(string? argument) => new(argument);
}

/// <summary>
/// /progress N: where the requester's project stands, as text with a chart; with the answers its results leave out and
/// the slots offered again in their place, once there are any, and the workers' anonymous rating once any worker rated.
/// </summary>
internal sealed class ShowProgressHandler(
    OwnedProject owned, ProgressStore progress, ReopenedSlotStore reopened, ResultStore results, RatingStore ratings, Sender sender,
    IOptions<MicrotaskOptions> options, TimeProvider time)
    : IHandler<ShowProgress>
{
    /// <summary>The chart's longest window; a younger project is charted over its own hours.</summary>
    private const int MaxHours = 48;

    public async Task HandleAsync(ShowProgress command, UpdateContext ctx, CancellationToken ct)
    {
        if (await owned.ResolveAsync(ctx, command.Argument, RequesterMessages.ProgressUsage, ct) is not { } project)
        {
            return;
        }

        var id = project.Id;
        var now = time.GetUtcNow();
        var p = await progress.ForAsync(id, now, LocalDay.StartOf(now, options.Value.TimeZone), MaxHours, ct);
        var share = p.Tasks == 0 ? 0 : (double)p.TasksDone / p.Tasks;
        var culture = CultureInfo.CurrentCulture;
        var text = string.Format(
            culture, RequesterMessages.ProgressText, id, project.Title, Bar(share), share.ToString("P0", culture), p.TasksDone, p.Tasks,
            p.Answers, p.AnswersWanted, p.AnswersToday, p.WorkersToday,
            p.SecondsPerAnswer is { } s ? string.Format(culture, RequesterMessages.Seconds, s) : "—",
            Eta(p.AnswersWanted - p.Answers, p.AnswersLastHour));
        var left = await reopened.ForProjectAsync(id, project.Rules.ExcludeSuspended, ct);
        if (left.Excluded > 0 || left.Reopened > 0)
        {
            text += "\n" + string.Format(culture, RequesterMessages.ProgressExcluded, left.Excluded, left.Reopened, left.Recollected);
        }

        if ((await ratings.SummariesAsync([id], ct)).GetValueOrDefault(id) is { } rated)
        {
            text += "\n" + (rated.Shown
                ? string.Format(culture, RequesterMessages.RatingsLine, rated.Pay, rated.Clarity, rated.Fairness, rated.PaymentSpeed, rated.Workers)
                : string.Format(culture, RequesterMessages.RatingsTooFew, ProjectRating.MinWorkers));
        }

        if (ExportResultsHandler.AgreementLine(await AgreementAsync(project, ct)) is { } agreement)
        {
            text += "\n" + agreement;
        }

        await sender.SendPhotoAsync(ctx.ChatId, $"progress-{id}.png", ProgressChart.Png(p.AnswersPerHour, share), text, ct);
    }

    /// <summary>How much the workers agree, over the answers the results keep: one pass, no aggregation needed.</summary>
    private async Task<AgreementTally?> AgreementAsync(Project project, CancellationToken ct)
    {
        if (AgreementTally.For(project.Kind) is not { } tally)
        {
            return null;
        }

        await using var snapshot = await results.SnapshotAsync(project.Id, project.Rules.ExcludeSuspended ? time.GetUtcNow() : null, ct);
        await foreach (var task in snapshot.TasksAsync(ct))
        {
            tally.Add([.. task.Answers.Select(a => new AnswerRecord(task.Id, a.WorkerId.ToString(CultureInfo.InvariantCulture), a.Value))], null);
        }

        return tally;
    }

    private static string Bar(double share)
    {
        var filled = (int)Math.Round(share * 10);
        return new string('█', filled) + new string('░', 10 - filled);
    }

    private static string Eta(int remaining, int lastHour)
    {
        if (remaining <= 0)
        {
            return RequesterMessages.EtaDone;
        }

        if (lastHour == 0)
        {
            return RequesterMessages.EtaUnknown;
        }

        var minutes = (int)Math.Ceiling(remaining * 60.0 / lastHour);
        return string.Format(CultureInfo.CurrentCulture, RequesterMessages.EtaHours, minutes / 60, minutes % 60);
    }
}
