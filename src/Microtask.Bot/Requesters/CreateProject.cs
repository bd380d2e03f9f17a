using System.Globalization;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microsoft.Extensions.Options;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/newproject: starts the conversation that sets a project up.</summary>
internal sealed record CreateProject : ITypedCommand<CreateProject>
{
    public static string Trigger => "/newproject";

    public static Access Access => Access.Requester;

    public static CreateProject? Parse(string? argument) => argument is null ? new() : null;
}

/// <summary>The answer-kind question's buttons.</summary>
internal sealed record ChooseDraftKind(int Kind) : IButtonCommand<ChooseDraftKind>
{
    public static string Prefix => "pk";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, Kind);

    public static ChooseDraftKind? Parse(CallbackArgs args) =>
        args.Count == 1 && args.Small(0) is { } kind && Enum.IsDefined((AnswerKind)kind) ? new(kind) : null;
}

/// <summary>The yes/no buttons of the "none of these" (multiple choice) and "same" (pairwise) questions.</summary>
internal sealed record ChooseDraftFlag(int Step, bool Yes) : IButtonCommand<ChooseDraftFlag>
{
    public static string Prefix => "pf";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, Step, Yes ? 1 : 0);

    public static ChooseDraftFlag? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Small(0) is { } step && (DraftStep)step is DraftStep.NoneOption or DraftStep.Same && args.Small(1) is (0 or 1) and var yes
            ? new(step, yes == 1)
            : null;
}

/// <summary>The buttons of the question whether a photo answer brings its place: none, optional, required.</summary>
internal sealed record ChooseDraftPlace(int Place) : IButtonCommand<ChooseDraftPlace>
{
    public static string Prefix => "pp";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, Place);

    public static ChooseDraftPlace? Parse(CallbackArgs args) =>
        args.Count == 1 && args.Small(0) is { } place && Enum.IsDefined((PhotoLocation)place) ? new(place) : null;
}

/// <summary>The quality question's "use these" button.</summary>
internal sealed record AcceptDraftRules : IButtonCommand<AcceptDraftRules>
{
    public static string Prefix => "pq";

    public static Access Access => Access.Requester;

    public string Data => Prefix;

    public static AcceptDraftRules? Parse(CallbackArgs args) => args.Count == 0 ? new() : null;
}

/// <summary>/cancel: ends the open conversation.</summary>
internal sealed record CancelConversation : ITypedCommand<CancelConversation>
{
    public static string Trigger => "/cancel";

    public static Access Access => Access.Worker;

    public static CancelConversation? Parse(string? argument) => argument is null ? new() : null;
}

/// <summary>
/// A conversation of ten questions (each answered with a message, a wrong one re-asked with a hint, /cancel at any
/// time), then the project is created as a draft with its budget reserved, a preview of one task as workers will see
/// it, and an Activate button.
/// </summary>
internal sealed class CreateProjectHandler(
    ConversationStore conversations, ProjectStore projects, AssignmentStore assignments, LedgerStore ledger, Sender sender, TaskDelivery delivery,
    IOptions<MicrotaskOptions> options) :
    IHandler<CreateProject>, IHandler<ConversationText>, IHandler<ChooseDraftKind>, IHandler<ChooseDraftFlag>, IHandler<ChooseDraftPlace>, IHandler<AcceptDraftRules>,
    IHandler<CancelConversation>
{
    public async Task HandleAsync(CreateProject command, UpdateContext ctx, CancellationToken ct)
    {
        var draft = new ProjectDraft();
        await conversations.SaveAsync(ctx.Worker.Id, draft.ToJson(), ct);
        // Typed text belongs to the conversation now: a live task answered by typing waits for it to end.
        var waits = await assignments.FindLiveAsync(ctx.Worker.Id, ct) is { Project.Kind: AnswerKind.FreeText or AnswerKind.Number }
            ? RequesterMessages.TaskWaits + "\n\n"
            : "";
        await sender.SendAsync(ctx.ChatId, waits + RequesterMessages.NewProjectStart + "\n\n" + Question(draft), ct: ct);
    }

    public async Task HandleAsync(ConversationText command, UpdateContext ctx, CancellationToken ct)
    {
        if (await conversations.FindAsync(ctx.Worker.Id, ct) is not { } json)
        {
            return; // the router saw one; it ended in between (a /cancel from another device)
        }

        var (draft, hint) = ProjectDraft.FromJson(json).Answer(command.Text);
        await MoveOnAsync(ctx, draft, hint, ct);
    }

    public async Task HandleAsync(ChooseDraftKind command, UpdateContext ctx, CancellationToken ct)
    {
        if (await conversations.FindAsync(ctx.Worker.Id, ct) is not { } json || ProjectDraft.FromJson(json) is not { Step: DraftStep.Kind } draft)
        {
            ctx.Toast = RequesterMessages.QuestionAnswered;
            return;
        }

        await MoveOnAsync(ctx, draft.WithKind((AnswerKind)command.Kind), null, ct);
    }

    public async Task HandleAsync(ChooseDraftFlag command, UpdateContext ctx, CancellationToken ct)
    {
        if (await conversations.FindAsync(ctx.Worker.Id, ct) is not { } json || ProjectDraft.FromJson(json) is not { } draft || (int)draft.Step != command.Step)
        {
            ctx.Toast = RequesterMessages.QuestionAnswered;
            return;
        }

        await MoveOnAsync(ctx, draft.Step == DraftStep.NoneOption ? draft.WithNoneOption(command.Yes) : draft.WithSame(command.Yes), null, ct);
    }

    public async Task HandleAsync(ChooseDraftPlace command, UpdateContext ctx, CancellationToken ct)
    {
        if (await conversations.FindAsync(ctx.Worker.Id, ct) is not { } json || ProjectDraft.FromJson(json) is not { Step: DraftStep.PhotoPlace } draft)
        {
            ctx.Toast = RequesterMessages.QuestionAnswered;
            return;
        }

        await MoveOnAsync(ctx, draft.WithPhotoPlace((PhotoLocation)command.Place), null, ct);
    }

    public async Task HandleAsync(AcceptDraftRules command, UpdateContext ctx, CancellationToken ct)
    {
        if (await conversations.FindAsync(ctx.Worker.Id, ct) is not { } json || ProjectDraft.FromJson(json) is not { Step: DraftStep.Quality } draft)
        {
            ctx.Toast = RequesterMessages.QuestionAnswered;
            return;
        }

        await MoveOnAsync(ctx, draft with { Step = DraftStep.Budget }, null, ct);
    }

    public async Task HandleAsync(CancelConversation command, UpdateContext ctx, CancellationToken ct)
    {
        var ended = await conversations.DeleteAsync(ctx.Worker.Id, ct);
        await sender.SendAsync(ctx.ChatId, ended ? RequesterMessages.Cancelled : RequesterMessages.NothingToCancel, ct: ct);
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
                DraftStep.NoneOption or DraftStep.Same => new InlineKeyboardMarkup(
                [[
                    Keyboards.Button(RequesterMessages.FlagYes, new ChooseDraftFlag((int)draft.Step, true)),
                    Keyboards.Button(RequesterMessages.FlagNo, new ChooseDraftFlag((int)draft.Step, false)),
                ]]),
                DraftStep.PhotoPlace => new InlineKeyboardMarkup(
                [[
                    Keyboards.Button(RequesterMessages.PlaceNo, new ChooseDraftPlace((int)PhotoLocation.None)),
                    Keyboards.Button(RequesterMessages.PlaceOptional, new ChooseDraftPlace((int)PhotoLocation.Optional)),
                    Keyboards.Button(RequesterMessages.PlaceRequired, new ChooseDraftPlace((int)PhotoLocation.Required)),
                ]]),
                DraftStep.Quality => Keyboards.Single(QualityMessages.UseRulesButton, new AcceptDraftRules()),
                _ => null,
            };
            await sender.SendAsync(ctx.ChatId, question, buttons, ct);
            return;
        }

        // The account first: no preview of a project that cannot be made.
        var funds = await ledger.BalanceAsync(LedgerAccounts.Requester(ctx.Worker.Id), ct);
        if (funds < draft.Budget)
        {
            await BudgetNotCoveredAsync(ctx, draft, funds, ct);
            return;
        }

        // Then the preview: if Telegram refuses the rendered task, nothing is created and the template is asked again.
        var planned = draft.ToProject(ctx.Worker.Id);
        var shown = new Project(0, planned.Title, planned.Instructions, planned.Kind, planned.Options, planned.Template, planned.Reward, planned.Overlap, planned.TimeLimit, ProjectState.Draft)
        {
            Settings = planned.Settings ?? AnswerSettings.Default,
        };
        var media = TaskTemplate.MediaFields(shown.Template);
        var sample = TaskTemplate.Fields(shown.Template).ToDictionary(
            f => f,
            f => media.FirstOrDefault(m => m.Column == f) is { } field ? MediaSamples.Value(field.Kind) : string.Format(CultureInfo.CurrentCulture, RequesterMessages.SampleValue, f));
        var preview = new PreviewButton();
        try
        {
            await delivery.SendAsync(ctx.ChatId, shown, sample, TaskMessage.Text(shown, sample), TaskMessage.Keyboard(shown, _ => preview, preview, preview), ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            await conversations.SaveAsync(ctx.Worker.Id, (draft with { Step = DraftStep.Template }).ToJson(), ct);
            await sender.SendAsync(
                ctx.ChatId,
                string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintTemplateHtml, TaskTemplate.Escape(TelegramLimits.FitPlain(e.Message, 300))) + "\n\n" + RequesterMessages.AskTemplate,
                ct: ct);
            return;
        }

        long id;
        try
        {
            id = await projects.CreateAsync(planned, [], ProjectState.Draft, ct);
        }
        catch (InsufficientFundsException e)
        {
            await BudgetNotCoveredAsync(ctx, draft, e.Available, ct); // the account was drawn on since it was read
            return;
        }

        await conversations.DeleteAsync(ctx.Worker.Id, ct);
        var project = (await projects.FindAsync(id, ct))!;
        await sender.SendAsync(
            ctx.ChatId,
            ProjectSummary.Text(project, options.Value.Currency),
            Keyboards.Single(RequesterMessages.ActivateButton, new ActivateProject(id)),
            ct);
    }

    /// <summary>The budget must be covered by the requester's account: say what it holds and ask for the budget again.</summary>
    private async Task BudgetNotCoveredAsync(UpdateContext ctx, ProjectDraft draft, long available, CancellationToken ct)
    {
        await conversations.SaveAsync(ctx.Worker.Id, (draft with { Step = DraftStep.Budget }).ToJson(), ct);
        var currency = options.Value.Currency;
        await sender.SendAsync(
            ctx.ChatId, string.Format(CultureInfo.CurrentCulture, MoneyMessages.BudgetNotCovered, currency.Format(available), currency.Format(draft.Reward)), ct: ct);
    }

    private string Question(ProjectDraft draft) => draft.Step switch
    {
        DraftStep.Title => RequesterMessages.AskTitle,
        DraftStep.Instructions => RequesterMessages.AskInstructions,
        DraftStep.Kind => RequesterMessages.AskKind,
        DraftStep.Options => RequesterMessages.AskOptions,
        DraftStep.Template when draft.Kind == AnswerKind.Pairwise => RequesterMessages.AskTemplate + "\n" + RequesterMessages.AskTemplatePairwise,
        DraftStep.Template => RequesterMessages.AskTemplate,
        DraftStep.NoneOption => RequesterMessages.AskNoneOption,
        DraftStep.Same => RequesterMessages.AskSame,
        DraftStep.VoiceLength => string.Format(CultureInfo.CurrentCulture, RequesterMessages.AskVoiceLength, AnswerSettings.VoiceSecondsCap),
        DraftStep.PhotoPlace => RequesterMessages.AskPhotoPlace,
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
        [Kind(RequesterMessages.KindMultipleChoice, AnswerKind.MultipleChoice), Kind(RequesterMessages.KindPairwise, AnswerKind.Pairwise)],
        [Kind(RequesterMessages.KindVoice, AnswerKind.Voice), Kind(RequesterMessages.KindPhoto, AnswerKind.Photo)],
    ]);

    private static InlineKeyboardButton Kind(string label, AnswerKind kind) => Keyboards.Button(label, new ChooseDraftKind((int)kind));
}
