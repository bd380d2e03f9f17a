using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Core;
using System.Globalization;

namespace Microtask.Bot.Views;

/// <summary>How a task looks in the chat: one message with the instructions, the rendered task and its buttons.</summary>
internal static class TaskMessage
{
    public static string Text(ClaimedTask claimed, CurrencyOptions currency) => Text(claimed.Project, claimed.Task.Fields, currency);

    /// <summary>The task message for these field values: a worker's task, or a requester's preview.</summary>
    public static string Text(Project project, IReadOnlyDictionary<string, string> fields, CurrencyOptions currency)
    {
        var text = Body(project, fields)
            + "\n\n" + PayLine(project, currency)
            + "\n" + string.Format(CultureInfo.CurrentCulture, WorkerMessages.TimeLimit, Durations.Short(project.TimeLimit));
        return project.Kind switch
        {
            AnswerKind.FreeText => text + "\n" + WorkerMessages.ReplyWithText,
            AnswerKind.Number => text + "\n" + WorkerMessages.ReplyWithNumber,
            AnswerKind.MultipleChoice => text + "\n" + WorkerMessages.TickAndDone,
            AnswerKind.Pairwise => text + "\n" + WorkerMessages.WhichIsBetter,
            AnswerKind.Voice => text + "\n" + string.Format(
                CultureInfo.CurrentCulture, WorkerMessages.ReplyWithVoice, project.Settings.MinVoiceSeconds, project.Settings.MaxVoiceSeconds),
            AnswerKind.Photo => text + "\n" + WorkerMessages.ReplyWithPhoto + project.Settings.PhotoLocation switch
            {
                PhotoLocation.Required => "\n" + WorkerMessages.ThenPlaceRequired,
                PhotoLocation.Optional => "\n" + WorkerMessages.ThenPlaceOptional,
                _ => "",
            },
            _ => text,
        };
    }

    /// <summary>
    /// A practice task of the project: marked as practice, without pay or time limit, answered with its choices' buttons.
    /// </summary>
    public static string Practice(Project project, IReadOnlyDictionary<string, string> fields, int position, int count) =>
        string.Format(CultureInfo.CurrentCulture, WorkerMessages.ProjectPracticeHeader, position, count) + "\n\n" + Body(project, fields)
        + (project.Kind == AnswerKind.Pairwise ? "\n\n" + WorkerMessages.WhichIsBetter : "");

    /// <summary>The project's title and instructions over the task rendered from its template.</summary>
    public static string Body(Project project, IReadOnlyDictionary<string, string> fields) =>
        $"<b>{TaskTemplate.Escape(project.Title)}</b>\n<i>{TaskTemplate.Escape(project.Instructions)}</i>\n\n"
        + TaskTemplate.Render(project.Template, fields);

    /// <summary>
    /// What the task pays, up front: the reward, and with a time per task (the requester's estimate, then the measured
    /// median) about how long it takes and what an hour of such tasks pays, in the reader's money format.
    /// </summary>
    public static string PayLine(Project project, CurrencyOptions currency)
    {
        var culture = CultureInfo.CurrentCulture;
        var reward = currency.Format(project.Reward, culture);
        return PayRate.SecondsPerTask(project) is { } seconds
            ? string.Format(
                culture,
                PayRate.IsMeasured(project) ? WorkerMessages.PayLineMeasured : WorkerMessages.PayLineEstimated,
                reward,
                Durations.Short(TimeSpan.FromSeconds(seconds)),
                currency.Format(PayRate.PerHour(project.Reward, seconds), culture))
            : string.Format(culture, WorkerMessages.PayLine, reward);
    }

    /// <summary>The template's media fields, in album order (read once per template: every send asks).</summary>
    public static IReadOnlyList<MediaField> Media(Project project) =>
        MediaByTemplate.Count < 10_000
            ? MediaByTemplate.GetOrAdd(project.Template, TaskTemplate.MediaFields)
            : TaskTemplate.MediaFields(project.Template);

    /// <summary>
    /// Whether the task's text rides as the caption of its one media file: false for a text task, an album, or a text
    /// over Telegram's 1,024-character caption limit (counted after the HTML is parsed), which goes as a message of its own.
    /// </summary>
    public static bool InCaption(Project project, string html) => Media(project).Count == 1 && TelegramLimits.VisibleLength(html) <= TelegramLimits.Caption;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<MediaField>> MediaByTemplate = new(StringComparer.Ordinal);

    /// <summary>The task's buttons: the choices, then Skip and Report, each carrying the command given.</summary>
    public static InlineKeyboardMarkup Keyboard(Project project, Func<int, IButton> answer, IButton skip, IButton report)
    {
        if (project.Kind == AnswerKind.MultipleChoice)
        {
            return Toggles(project, 0, answer, answer(-1), skip, report); // a preview: every button the same
        }

        IEnumerable<InlineKeyboardButton[]> controls =
            [[Keyboards.Button(WorkerMessages.SkipButton, skip), Keyboards.Button(WorkerMessages.ReportButton, report)]];
        return new InlineKeyboardMarkup(ChoiceRows(project, answer).Concat(controls));
    }

    /// <summary>The choices' buttons alone, each carrying the command given (a practice task has nothing else).</summary>
    public static InlineKeyboardMarkup Choices(Project project, Func<int, IButton> answer) => new(ChoiceRows(project, answer));

    private static IEnumerable<InlineKeyboardButton[]> ChoiceRows(Project project, Func<int, IButton> answer)
    {
        var labels = project.Choices.Select(choice => Label(project, choice)).ToList();
        var buttons = labels.Select((label, i) => Keyboards.Button(label, answer(i)));
        return project.Kind == AnswerKind.Rating || labels.All(l => l.Length <= 12)
            ? buttons.Chunk(project.Kind == AnswerKind.Rating ? 5 : 3)
            : buttons.Chunk(1);
    }

    /// <summary>
    /// A multiple-choice task's buttons with the options of <paramref name="mask"/> ticked: each press of an option (index
    /// <see cref="ChoiceSet.NoneBit"/> for "none of these") carries the mask it leads to, then Done, Skip and Report.
    /// </summary>
    public static InlineKeyboardMarkup Toggles(Project project, int mask, Func<int, IButton> press, IButton done, IButton skip, IButton report)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var options = project.Options.Select((option, i) => (Label: project.OptionLabel(option, language), Index: i)).ToList();
        if (project.Settings.NoneOption)
        {
            options.Add((WorkerMessages.NoneOfThese, ChoiceSet.NoneBit));
        }

        var buttons = options.Select(o => Keyboards.Button((ChoiceSet.Has(mask, o.Index) ? "✅ " : "") + o.Label, press(o.Index)));
        var rows = buttons.Chunk(options.All(o => o.Label.Length <= 12) ? 2 : 1);
        IEnumerable<InlineKeyboardButton[]> controls =
        [
            [Keyboards.Button(WorkerMessages.DoneButton, done)],
            [Keyboards.Button(WorkerMessages.SkipButton, skip), Keyboards.Button(WorkerMessages.ReportButton, report)],
        ];
        return new InlineKeyboardMarkup(rows.Concat(controls));
    }

    /// <summary>
    /// The answer as the reader should see it, escaped: yes/no and the project's own option labels in the current
    /// language, stars for ratings.
    /// </summary>
    public static string Label(Project project, string answer) => TaskTemplate.Escape(project.Kind switch
    {
        AnswerKind.YesNo => answer == "yes" ? WorkerMessages.ChoiceYes : WorkerMessages.ChoiceNo,
        AnswerKind.Rating => $"{answer} ⭐",
        AnswerKind.SingleChoice => project.OptionLabel(answer, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName),
        AnswerKind.MultipleChoice => ChoiceSet.Read(answer) is { Count: > 0 } chosen
            ? string.Join(", ", chosen.Select(c => project.OptionLabel(c, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName)))
            : WorkerMessages.NoneOfThese,
        AnswerKind.Pairwise => answer == Pairs.Same ? WorkerMessages.PairSame : answer,
        AnswerKind.Voice => string.Format(CultureInfo.CurrentCulture, WorkerMessages.SavedVoice, MediaAnswer.Read(answer)?.Seconds ?? 0),
        AnswerKind.Photo => MediaAnswer.Read(answer) is { Latitude: { } latitude, Longitude: { } longitude }
            ? string.Format(CultureInfo.CurrentCulture, WorkerMessages.SavedPhotoAt, latitude.ToString("0.#####", CultureInfo.CurrentCulture), longitude.ToString("0.#####", CultureInfo.CurrentCulture))
            : WorkerMessages.SavedPhoto,
        _ => answer,
    });
}
