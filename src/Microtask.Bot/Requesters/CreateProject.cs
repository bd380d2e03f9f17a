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

/// <summary>The button under a pay-floor warning: the reward that meets the floor, taken instead of the one typed.</summary>
internal sealed record ChooseDraftReward(long Reward) : IButtonCommand<ChooseDraftReward>
{
    public static string Prefix => "pr";

    public static Access Access => Access.Requester;

    public string Data => Callback.Data(Prefix, Reward);

    public static ChooseDraftReward? Parse(CallbackArgs args) =>
        args.Count == 1 && args.Id(0) is { } reward and <= ProjectDraft.MaxReward ? new(reward) : null;
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
/// A conversation of eleven questions (each answered with a message, a wrong one re-asked with a hint, /cancel at any
/// time), then the project is created as a draft with its budget reserved, a preview of one task as workers will see
/// it, and an Activate button.
/// </summary>
internal sealed class CreateProjectHandler(
    ConversationStore conversations, ProjectStore projects, AssignmentStore assignments, LedgerStore ledger, Sender sender, TaskDelivery delivery,
    JudgingNotes judging, IOptions<MicrotaskOptions> options) :
    IHandler<CreateProject>, IHandler<ConversationText>, IHandler<ChooseDraftKind>, IHandler<ChooseDraftFlag>, IHandler<ChooseDraftPlace>, IHandler<AcceptDraftRules>,
    IHandler<ChooseDraftReward>, IHandler<CancelConversation>
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

        var before = ProjectDraft.FromJson(json);
        var (draft, hint) = before.Answer(command.Text);
        var note = "";
        if (hint is null && before.Step == DraftStep.TaskTime)
        {
            (draft, hint, note) = AgainstFloor(draft);
        }

        // Rules typed in place of the defaults: what they ask of the batches, said once more before the next question.
        if (hint is null && before.Step == DraftStep.Quality && draft.Rules != before.Rules && await judging.ForDraftAsync(draft.Rules, draft.OverlapRule.Max, ct) is { } needs)
        {
            note = needs + "\n\n";
        }

        await MoveOnAsync(ctx, draft, hint, ct, note, draft.Step == DraftStep.Overlap ? FloorButton(draft) : null);
    }

    public async Task HandleAsync(ChooseDraftReward command, UpdateContext ctx, CancellationToken ct)
    {
        // Only while the next question is still open: the warning's button changes the reward it warned about, nothing later.
        if (await conversations.FindAsync(ctx.Worker.Id, ct) is not { } json
            || ProjectDraft.FromJson(json) is not { Step: DraftStep.Overlap, TaskSeconds: > 0 } draft
            || command.Reward <= draft.Reward)
        {
            ctx.Toast = RequesterMessages.QuestionAnswered;
            return;
        }

        var (raised, _, note) = AgainstFloor(draft with { Reward = command.Reward });
        await MoveOnAsync(ctx, raised, null, ct, note);
    }

    /// <summary>
    /// The reward and the task time just given, against the pay floor: what an hour pays, and below the floor a warning
    /// with the reward that would meet it, or (where the floor is enforced) the reward asked again.
    /// </summary>
    private (ProjectDraft Draft, string? Hint, string Note) AgainstFloor(ProjectDraft draft)
    {
        var pay = options.Value.Pay;
        var currency = options.Value.Currency;
        var culture = CultureInfo.CurrentCulture;
        var hourly = PayRate.PerHour(draft.Reward, draft.TaskSeconds);
        var note = string.Format(culture, RequesterMessages.PayPerHourNote, currency.Format(hourly, culture), Durations.Short(TimeSpan.FromSeconds(draft.TaskSeconds)));
        if (pay.RewardNeeded(draft.Reward, draft.TaskSeconds) is not { } reward)
        {
            return (draft, null, note + "\n\n");
        }

        var needed = currency.Format(reward, culture);
        var floor = currency.Format(pay.HourlyFloor, culture);
        return pay.BelowFloor == BelowFloor.Refuse
            ? (draft with { Step = DraftStep.Reward }, note + "\n" + string.Format(culture, RequesterMessages.BelowFloorRefused, floor, needed), "")
            : (draft, null, note + "\n" + string.Format(culture, RequesterMessages.BelowFloorWarning, floor, needed) + "\n\n");
    }

    /// <summary>Under a warning, the one-tap fix: the reward that meets the floor.</summary>
    private InlineKeyboardMarkup? FloorButton(ProjectDraft draft) =>
        options.Value.Pay.RewardNeeded(draft.Reward, draft.TaskSeconds) is { } needed and <= ProjectDraft.MaxReward
            ? Keyboards.Single(
                string.Format(CultureInfo.CurrentCulture, RequesterMessages.UseFloorReward, options.Value.Currency.Format(needed, CultureInfo.CurrentCulture)),
                new ChooseDraftReward(needed))
            : null;

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

    private async Task MoveOnAsync(UpdateContext ctx, ProjectDraft draft, string? hint, CancellationToken ct, string note = "", InlineKeyboardMarkup? extra = null)
    {
        if (hint is not null)
        {
            // A hint leaves the draft as it was, except a reward below an enforced floor, which is asked again.
            await conversations.SaveAsync(ctx.Worker.Id, draft.ToJson(), ct);
            await sender.SendAsync(ctx.ChatId, hint, ct: ct);
            return;
        }

        if (draft.Step != DraftStep.Done)
        {
            await conversations.SaveAsync(ctx.Worker.Id, draft.ToJson(), ct);
            var question = note + (draft.Step == DraftStep.Quality ? await QualityQuestionAsync(draft, ct) : Question(draft));
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
                _ => extra,
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
            EstimatedSeconds = planned.EstimatedSeconds,
        };
        var media = TaskTemplate.MediaFields(shown.Template);
        var sample = TaskTemplate.Fields(shown.Template).ToDictionary(
            f => f,
            f => media.FirstOrDefault(m => m.Column == f) is { } field ? MediaSamples.Value(field.Kind) : string.Format(CultureInfo.CurrentCulture, RequesterMessages.SampleValue, f));
        var preview = new PreviewButton();
        try
        {
            await delivery.SendAsync(ctx.ChatId, shown, sample, TaskMessage.Text(shown, sample, options.Value.Currency), TaskMessage.Keyboard(shown, _ => preview, preview, preview), ct);
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
        DraftStep.TaskTime => RequesterMessages.AskTaskTime,
        DraftStep.Overlap => RequesterMessages.AskOverlap,
        DraftStep.TimeLimit => RequesterMessages.AskTimeLimit,
        DraftStep.DailyCap => RequesterMessages.AskDailyCap,
        DraftStep.Quality => throw new InvalidOperationException("The quality question reads the crowd: QualityQuestionAsync asks it."),
        _ => string.Format(CultureInfo.CurrentCulture, RequesterMessages.AskBudget, options.Value.Currency.Format(1), options.Value.Currency.Format(draft.Reward)),
    };

    /// <summary>The quality question: the rules as they stand, and what the accuracy rule asks of the batches to judge anyone.</summary>
    private async Task<string> QualityQuestionAsync(ProjectDraft draft, CancellationToken ct)
    {
        var rules = QualityTexts.Describe(draft.Rules, draft.GoldPercent);
        var needs = await judging.ForDraftAsync(draft.Rules, draft.OverlapRule.Max, ct);
        return string.Format(CultureInfo.CurrentCulture, QualityMessages.AskQuality, needs is null ? rules : rules + "\n\n" + needs);
    }

    private static InlineKeyboardMarkup KindButtons() => new(
    [
        [Kind(RequesterMessages.KindSingleChoice, AnswerKind.SingleChoice), Kind(RequesterMessages.KindYesNo, AnswerKind.YesNo)],
        [Kind(RequesterMessages.KindRating, AnswerKind.Rating), Kind(RequesterMessages.KindFreeText, AnswerKind.FreeText), Kind(RequesterMessages.KindNumber, AnswerKind.Number)],
        [Kind(RequesterMessages.KindMultipleChoice, AnswerKind.MultipleChoice), Kind(RequesterMessages.KindPairwise, AnswerKind.Pairwise)],
        [Kind(RequesterMessages.KindVoice, AnswerKind.Voice), Kind(RequesterMessages.KindPhoto, AnswerKind.Photo)],
    ]);

    private static InlineKeyboardButton Kind(string label, AnswerKind kind) => Keyboards.Button(label, new ChooseDraftKind((int)kind));
}
