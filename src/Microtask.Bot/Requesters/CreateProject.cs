using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Bot.Workers;
using Microtask.Core;
using Microtask.Storage;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace Microtask.Bot.Requesters;

/// <summary>
/// /newproject: a conversation of ten questions (each answered with a message, a wrong one re-asked with a hint,
/// /cancel at any time), then the project is created as a draft with its budget reserved, a preview of one task as
/// workers will see it, and an Activate button.
/// </summary>
internal sealed class CreateProject(
    OwnedProject owned, ConversationStore conversations, ProjectStore projects, ProjectCache cache, LedgerStore ledger, Sender sender,
    IOptions<MicrotaskOptions> options) :
    IHandler<NewProjectCommand>, IHandler<ConversationReply>, IHandler<DraftKindPressed>, IHandler<CancelCommand>,
    IHandler<ActivatePressed>, IHandler<PreviewPressed>, IHandler<DraftRulesPressed>
{
    public async Task HandleAsync(NewProjectCommand command, UpdateContext ctx, CancellationToken ct)
    {
        if (!await owned.IsRequesterAsync(ctx, ct))
        {
            return;
        }

        var draft = new ProjectDraft();
        await conversations.SaveAsync(ctx.Worker.Id, draft.ToJson(), ct);
        await sender.SendAsync(ctx.ChatId, RequesterMessages.NewProjectStart + "\n\n" + Question(draft), ct: ct);
    }

    public async Task HandleAsync(ConversationReply command, UpdateContext ctx, CancellationToken ct)
    {
        if (await conversations.FindAsync(ctx.Worker.Id, ct) is not { } json)
        {
            return; // the router saw one; it ended in between (a /cancel from another device)
        }

        var (draft, hint) = ProjectDraft.FromJson(json).Answer(command.Text);
        await MoveOnAsync(ctx, draft, hint, ct);
    }

    public async Task HandleAsync(DraftKindPressed command, UpdateContext ctx, CancellationToken ct)
    {
        if (await conversations.FindAsync(ctx.Worker.Id, ct) is not { } json || ProjectDraft.FromJson(json) is not { Step: DraftStep.Kind } draft)
        {
            ctx.Toast = RequesterMessages.QuestionAnswered;
            return;
        }

        await MoveOnAsync(ctx, draft.WithKind((AnswerKind)command.Kind), null, ct);
    }

    public async Task HandleAsync(DraftRulesPressed command, UpdateContext ctx, CancellationToken ct)
    {
        if (await conversations.FindAsync(ctx.Worker.Id, ct) is not { } json || ProjectDraft.FromJson(json) is not { Step: DraftStep.Quality } draft)
        {
            ctx.Toast = RequesterMessages.QuestionAnswered;
            return;
        }

        await MoveOnAsync(ctx, draft with { Step = DraftStep.Budget }, null, ct);
    }

    public async Task HandleAsync(CancelCommand command, UpdateContext ctx, CancellationToken ct)
    {
        var ended = await conversations.DeleteAsync(ctx.Worker.Id, ct);
        await sender.SendAsync(ctx.ChatId, ended ? RequesterMessages.Cancelled : RequesterMessages.NothingToCancel, ct: ct);
    }

    public async Task HandleAsync(ActivatePressed command, UpdateContext ctx, CancellationToken ct)
    {
        var id = command.ProjectId;
        var activated = await projects.ChangeStateAsync(id, ctx.Worker.Id, [ProjectState.Draft], ProjectState.Active, ct);
        cache.Forget(id);
        if (!activated || await projects.FindAsync(id, ct) is not { } project)
        {
            ctx.Toast = string.Format(CultureInfo.CurrentCulture, RequesterMessages.ActivateRefused, id);
            return;
        }

        if (ctx.MessageId is { } preview)
        {
            await sender.EditAsync(ctx.ChatId, preview, Summary(project), ct: ct);
        }

        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.Activated, id, Columns(project)), ct: ct);
    }

    public Task HandleAsync(PreviewPressed command, UpdateContext ctx, CancellationToken ct)
    {
        ctx.Toast = RequesterMessages.PreviewToast;
        return Task.CompletedTask;
    }

    private async Task MoveOnAsync(UpdateContext ctx, ProjectDraft draft, string? hint, CancellationToken ct)
    {
        if (hint is not null)
        {
            await sender.SendAsync(ctx.ChatId, hint, ct: ct);
            return;
        }

        if (draft.Step != DraftStep.Done)
        {
            await conversations.SaveAsync(ctx.Worker.Id, draft.ToJson(), ct);
            var question = Question(draft);
            if (draft.Step == DraftStep.Budget)
            {
                // The budget must be covered by the requester's account: say up front what it holds.
                var account = await ledger.BalanceAsync(LedgerAccounts.Requester(ctx.Worker.Id), ct);
                question += "\n" + string.Format(CultureInfo.CurrentCulture, MoneyMessages.BudgetAccount, options.Value.Currency.Format(account));
            }

            var buttons = draft.Step switch
            {
                DraftStep.Kind => KindButtons(),
                DraftStep.Quality => new InlineKeyboardMarkup(TaskMessage.Button(QualityMessages.UseRulesButton, new CallbackData.DraftRules())),
                _ => null,
            };
            await sender.SendAsync(ctx.ChatId, question, buttons, ct);
            return;
        }

        // The preview first: if Telegram refuses the rendered task, nothing is created and the template is asked again.
        var planned = draft.ToProject(ctx.Worker.Id);
        var shown = new Project(0, planned.Title, planned.Instructions, planned.Kind, planned.Options, planned.Template, planned.Reward, planned.Overlap, planned.TimeLimit, ProjectState.Draft);
        var sample = TaskTemplate.Fields(shown.Template)
            .ToDictionary(f => f, f => string.Format(CultureInfo.CurrentCulture, RequesterMessages.SampleValue, f));
        var preview = new CallbackData.Preview();
        try
        {
            await sender.SendAsync(ctx.ChatId, TaskMessage.Text(shown, sample), TaskMessage.Keyboard(shown, _ => preview, preview, preview), ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            await conversations.SaveAsync(ctx.Worker.Id, (draft with { Step = DraftStep.Template }).ToJson(), ct);
            await sender.SendAsync(
                ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintTemplateHtml, TaskTemplate.Escape(e.Message)) + "\n\n" + RequesterMessages.AskTemplate, ct: ct);
            return;
        }

        long id;
        try
        {
            id = await projects.CreateAsync(planned, [], ProjectState.Draft, ct);
        }
        catch (InsufficientFundsException e)
        {
            // The budget must be covered by the requester's account: say what it holds and ask for the budget again.
            await conversations.SaveAsync(ctx.Worker.Id, (draft with { Step = DraftStep.Budget }).ToJson(), ct);
            var currency = options.Value.Currency;
            await sender.SendAsync(
                ctx.ChatId, string.Format(CultureInfo.CurrentCulture, MoneyMessages.BudgetNotCovered, currency.Format(e.Available), currency.Format(draft.Reward)), ct: ct);
            return;
        }

        await conversations.DeleteAsync(ctx.Worker.Id, ct);
        var project = (await projects.FindAsync(id, ct))!;
        await sender.SendAsync(
            ctx.ChatId,
            Summary(project),
            new InlineKeyboardMarkup(TaskMessage.Button(RequesterMessages.ActivateButton, new CallbackData.Activate(id))),
            ct);
    }

    private string Question(ProjectDraft draft) => draft.Step switch
    {
        DraftStep.Title => RequesterMessages.AskTitle,
        DraftStep.Instructions => RequesterMessages.AskInstructions,
        DraftStep.Kind => RequesterMessages.AskKind,
        DraftStep.Options => RequesterMessages.AskOptions,
        DraftStep.Template => RequesterMessages.AskTemplate,
        DraftStep.Reward => string.Format(CultureInfo.CurrentCulture, RequesterMessages.AskReward, options.Value.Currency.Format(1)),
        DraftStep.Overlap => RequesterMessages.AskOverlap,
        DraftStep.TimeLimit => RequesterMessages.AskTimeLimit,
        DraftStep.DailyCap => RequesterMessages.AskDailyCap,
        DraftStep.Quality => string.Format(CultureInfo.CurrentCulture, QualityMessages.AskQuality, QualityTexts.Describe(draft.Rules, draft.GoldPercent)),
        _ => string.Format(CultureInfo.CurrentCulture, RequesterMessages.AskBudget, options.Value.Currency.Format(1), options.Value.Currency.Format(draft.Reward)),
    };

    private static InlineKeyboardMarkup KindButtons() => new(
    [
        [Kind(RequesterMessages.KindSingleChoice, AnswerKind.SingleChoice), Kind(RequesterMessages.KindYesNo, AnswerKind.YesNo)],
        [Kind(RequesterMessages.KindRating, AnswerKind.Rating), Kind(RequesterMessages.KindFreeText, AnswerKind.FreeText), Kind(RequesterMessages.KindNumber, AnswerKind.Number)],
    ]);

    private static InlineKeyboardButton Kind(string label, AnswerKind kind) => TaskMessage.Button(label, new CallbackData.DraftKind((int)kind));

    private string Summary(Project project)
    {
        var budget = project.Budget ?? 0;
        var answers = project.Reward == 0 ? 0 : budget / project.Reward;
        return string.Format(
            CultureInfo.CurrentCulture,
            RequesterMessages.PreviewSummary,
            project.Id,
            options.Value.Currency.Format(project.Reward),
            project.Overlap,
            LeaseTimers.Duration(project.TimeLimit),
            project.DailyCap?.ToString(CultureInfo.CurrentCulture) ?? RequesterMessages.NoCap,
            options.Value.Currency.Format(budget),
            project.Reward == 0 ? "∞" : answers.ToString("N0", CultureInfo.CurrentCulture),
            project.Reward == 0 ? "∞" : (answers / project.Overlap).ToString("N0", CultureInfo.CurrentCulture),
            Columns(project),
            QualityTexts.Describe(project.Rules, project.GoldPercent));
    }

    private static string Columns(Project project) =>
        string.Join(", ", TaskTemplate.Fields(project.Template).Select(f => $"<code>{TaskTemplate.Escape(f)}</code>"));
}
