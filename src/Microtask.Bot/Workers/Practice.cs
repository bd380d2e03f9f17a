using System.Globalization;
using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;

namespace Microtask.Bot.Workers;

/// <summary>An answer to practice task <paramref name="Step"/> (0-based): yes or no.</summary>
internal sealed record AnswerPractice(int Step, bool Yes) : IButtonCommand<AnswerPractice>
{
    public static string Prefix => "tp";

    public static Access Access => Access.Worker;

    public string Data => Callback.Data(Prefix, Step, Yes ? 1 : 0);

    public static AnswerPractice? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Small(0) is { } step && step < Practice.Steps && args.Small(1) is (0 or 1) and var yes ? new(step, yes == 1) : null;
}

/// <summary>The practice's "skip" button: straight to the first paid task.</summary>
internal sealed record SkipPractice : IButtonCommand<SkipPractice>
{
    public static string Prefix => "ts";

    public static Access Access => Access.Worker;

    public string Data => Prefix;

    public static SkipPractice? Parse(CallbackArgs args) => args.Count == 0 ? new() : null;
}

/// <summary>
/// A newcomer's first minute: three yes/no practice tasks, each answered with one tap and followed by the right answer
/// and why, then the first paid task. Practice is unpaid, said to be so, and stored nowhere: no assignment, no answer,
/// nothing a quality rule could read. Each button names its step, so a press needs no state and the practice survives a
/// restart; an old button pressed again only shows that step's answer again.
/// </summary>
internal sealed class Practice(Sender sender, TaskOffers offers) : IHandler<AnswerPractice>, IHandler<SkipPractice>
{
    public const int Steps = 3;

    /// <summary>The right answer of each step, in order; its text, explanation and labels are WorkerMessages.Practice{n}*.</summary>
    private static readonly bool[] RightAnswers = [true, false, true];

    /// <summary>Sends practice task <paramref name="step"/>.</summary>
    public Task StartAsync(UpdateContext ctx, int step, CancellationToken ct) =>
        sender.SendAsync(ctx.ChatId, Text(step), Keyboard(step), ct);

    public async Task HandleAsync(AnswerPractice command, UpdateContext ctx, CancellationToken ct)
    {
        var right = RightAnswers[command.Step] == command.Yes;
        var verdict = string.Format(
            CultureInfo.CurrentCulture,
            right ? WorkerMessages.PracticeRight : WorkerMessages.PracticeWrong,
            RightAnswers[command.Step] ? WorkerMessages.ChoiceYes : WorkerMessages.ChoiceNo,
            Explanation(command.Step));
        var last = command.Step + 1 == Steps;
        if (ctx.MessageId is { } id)
        {
            // The last verdict also says the practice is over: one message less to read before the first paid task.
            await sender.EditAsync(ctx.ChatId, id, Text(command.Step) + "\n\n" + verdict + (last ? "\n\n" + WorkerMessages.PracticeDone : ""), null, ct);
        }

        if (!last)
        {
            await StartAsync(ctx, command.Step + 1, ct);
            return;
        }

        await offers.OfferNextAsync(ctx, ct);
    }

    public async Task HandleAsync(SkipPractice command, UpdateContext ctx, CancellationToken ct)
    {
        if (ctx.MessageId is { } id)
        {
            await sender.EditAsync(ctx.ChatId, id, WorkerMessages.PracticeSkipped, null, ct);
        }

        await offers.OfferNextAsync(ctx, ct);
    }

    private static string Text(int step) => string.Format(
        CultureInfo.CurrentCulture,
        WorkerMessages.PracticeHeader,
        step + 1,
        Steps,
        WorkerMessages.ResourceManager.GetString($"Practice{step + 1}", CultureInfo.CurrentUICulture));

    private static string Explanation(int step) => WorkerMessages.ResourceManager.GetString($"Practice{step + 1}Why", CultureInfo.CurrentUICulture)!;

    private static InlineKeyboardMarkup Keyboard(int step) => new(
    [
        [Keyboards.Button(WorkerMessages.ChoiceYes, new AnswerPractice(step, true)), Keyboards.Button(WorkerMessages.ChoiceNo, new AnswerPractice(step, false))],
        [Keyboards.Button(WorkerMessages.PracticeSkipButton, new SkipPractice())],
    ]);
}
