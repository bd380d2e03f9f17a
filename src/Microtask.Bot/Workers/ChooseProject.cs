using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Workers;

/// <summary>
/// /projects for a worker, or /projects open (the words a requester, whose own /projects lists their projects, uses
/// for the same list).
/// </summary>
internal sealed record ShowOpenProjects : ITypedCommand<ShowOpenProjects>
{
    public static string Trigger => "/projects";

    public static Access Access => Access.Worker;

    public static ShowOpenProjects? Parse(string? argument) =>
        argument?.Trim().ToLowerInvariant() is null or "open" or "buka" or "work" or "kerja" ? new() : null;
}

/// <summary>A project's button in the list: its tasks come next.</summary>
internal sealed record WorkOnProject(long ProjectId) : IButtonCommand<WorkOnProject>
{
    public static string Prefix => "wp";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, ProjectId);

    public static WorkOnProject? Parse(CallbackArgs args) => args.Count == 1 && args.Id(0) is { } id ? new(id) : null;
}

/// <summary>The list's "any project" button: back to the tasks /task would choose.</summary>
internal sealed record WorkOnAnyProject : IButtonCommand<WorkOnAnyProject>
{
    public static string Prefix => "wy";

    public static Access Access => Access.Worker;

    public string Data => Prefix;

    public static WorkOnAnyProject? Parse(CallbackArgs args) => args.Count == 0 ? new() : null;
}

/// <summary>
/// The projects a worker may take, each with its reward, time, pay an hour, tasks left, kind and workers' rating, and a
/// button to work on it: the next tasks come from that project until the worker chooses any project again or it has
/// none left for them.
/// </summary>
internal sealed class ChooseProjectHandler(
    WorkChoiceStore choices, RatingStore ratings, DailyLimits limits, TaskOffers offers, Sender sender, IOptions<MicrotaskOptions> options) :
    IHandler<ShowOpenProjects>, IHandler<WorkOnProject>, IHandler<WorkOnAnyProject>
{
    /// <summary>The most projects one list shows (and so buttons under it).</summary>
    private const int Shown = 10;

    public async Task HandleAsync(ShowOpenProjects command, UpdateContext ctx, CancellationToken ct)
    {
        var culture = CultureInfo.CurrentCulture;
        var open = await OpenAsync(ctx, ct);
        var chosen = await choices.ChoiceAsync(ctx.Worker.Id, ct);
        var rows = open.Take(Shown).Select(o => new[]
        {
            Keyboards.Button(
                (o.Project.Id == chosen ? "✅ " : "▶️ ") + string.Format(culture, WorkerMessages.WorkOnButton, o.Project.Id, TelegramLimits.FitPlain(o.Project.Title, 30)),
                new WorkOnProject(o.Project.Id)),
        }).ToList();
        if (chosen is not null)
        {
            rows.Add([Keyboards.Button(WorkerMessages.AnyProjectButton, new WorkOnAnyProject())]);
        }

        if (open.Count == 0)
        {
            await sender.SendAsync(ctx.ChatId, WorkerMessages.NoOpenProjects, rows.Count == 0 ? WorkerKeyboards.Next() : new InlineKeyboardMarkup(rows), ct);
            return;
        }

        var header = chosen is { } id
            ? string.Format(culture, WorkerMessages.OpenProjectsChosen, id)
            : WorkerMessages.OpenProjectsHeader;
        var rated = await ratings.SummariesAsync(open.Take(Shown).Select(o => o.Project.Id), ct);
        var lines = open.Take(Shown).Select(o => Line(o, culture) + Rating(rated.GetValueOrDefault(o.Project.Id), culture));
        await sender.SendAsync(ctx.ChatId, header + "\n\n" + string.Join("\n\n", lines), new InlineKeyboardMarkup(rows), ct);
    }

    public async Task HandleAsync(WorkOnProject command, UpdateContext ctx, CancellationToken ct)
    {
        if ((await OpenAsync(ctx, ct)).FirstOrDefault(o => o.Project.Id == command.ProjectId) is not { } project)
        {
            ctx.Toast = WorkerMessages.ProjectNotOpen;
            return;
        }

        await choices.ChooseAsync(ctx.Worker.Id, project.Project.Id, ct);
        ctx.Toast = string.Format(CultureInfo.CurrentCulture, WorkerMessages.ProjectChosen, project.Project.Id);
        await offers.OfferNextAsync(ctx, ct);
    }

    public async Task HandleAsync(WorkOnAnyProject command, UpdateContext ctx, CancellationToken ct)
    {
        await choices.ClearAsync(ctx.Worker.Id, ct);
        ctx.Toast = WorkerMessages.AnyProjectChosen;
        await offers.OfferNextAsync(ctx, ct);
    }

    private async Task<IReadOnlyList<OpenProject>> OpenAsync(UpdateContext ctx, CancellationToken ct) =>
        await choices.OpenToAsync(ctx.Worker.Id, (await limits.TodayAsync(ctx.Worker, ct)).DayStart, ct);

    /// <summary>Workers' average ratings on a line of their own, once enough workers rated; nothing before.</summary>
    private static string Rating(RatingSummary? rated, CultureInfo culture) =>
        rated is { Shown: true } r
            ? "\n" + string.Format(culture, WorkerMessages.ProjectRatingLine, r.Pay, r.Clarity, r.Fairness, r.PaymentSpeed, r.Workers)
            : "";

    /// <summary>One project: number, title and kind, then what it pays (as on its tasks) and the tasks it has left for the worker.</summary>
    private string Line(OpenProject open, CultureInfo culture)
    {
        var project = open.Project;
        var kind = RequesterMessages.ResourceManager.GetString("Kind" + project.Kind, CultureInfo.CurrentUICulture) ?? project.Kind.ToString();
        var media = TaskMessage.Media(project).Select(m => m.Kind).Distinct()
            .Select(m => WorkerMessages.ResourceManager.GetString("Media_" + m, CultureInfo.CurrentUICulture)!);
        return string.Format(
            culture,
            WorkerMessages.OpenProjectLine,
            project.Id,
            Quotes.Of(project.Title, Quotes.Word),
            string.Join(", ", media.Prepend(kind)),
            TaskMessage.PayLine(project, options.Value.Currency),
            open.TasksLeft);
    }
}
