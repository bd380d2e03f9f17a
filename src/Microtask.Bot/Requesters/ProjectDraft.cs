using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microtask.Bot.Resources;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Bot.Requesters;

/// <summary>
/// The questions /newproject asks, in order (TaskTime right after Reward). Options is asked only for single and
/// multiple choice, NoneOption only for multiple choice, Same only for pairwise, VoiceLength only for voice answers,
/// PhotoPlace only for photo answers.
/// </summary>
internal enum DraftStep
{
    Title,
    Instructions,
    Kind,
    Options,
    Template,
    Reward,
    Overlap,
    TimeLimit,
    DailyCap,
    Quality,
    Budget,
    Done,

    // After Done: a draft is stored with its step as a number, and one open across an upgrade must keep its meaning.
    NoneOption,
    Same,
    VoiceLength,
    TaskTime,
    PhotoPlace,
}

/// <summary>
/// A /newproject conversation: the answers so far and the question now asked. Each answer is checked here; a wrong
/// one leaves the draft as it was and comes back with a hint. No I/O: the handler stores it between messages.
/// </summary>
internal sealed partial record ProjectDraft
{
    public const int MaxTitle = 100;
    public const int MaxInstructions = 1000;
    public const int MaxTemplate = 1500;
    public const int MaxOption = 40;
    public const long MaxReward = 100_000_000;
    public const long MaxBudget = 1_000_000_000_000;
    public const int MaxDailyCap = 100_000;
    public static readonly TimeSpan MinTimeLimit = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxTimeLimit = TimeSpan.FromHours(24);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public DraftStep Step { get; init; }

    public string Title { get; init; } = "";

    public string Instructions { get; init; } = "";

    public AnswerKind Kind { get; init; }

    public IReadOnlyList<string> Options { get; init; } = [];

    public string Template { get; init; } = "";

    public long Reward { get; init; }

    /// <summary>The overlap, or with dynamic overlap its minimum.</summary>
    public int Overlap { get; init; }

    /// <summary>With dynamic overlap, the maximum; null for a fixed overlap (and in a draft begun before it was asked).</summary>
    public int? OverlapMax { get; init; }

    /// <summary>With dynamic overlap, the agreement target in percent; null for a fixed overlap.</summary>
    public int? OverlapTarget { get; init; }

    public OverlapRule OverlapRule => OverlapRule.Of(Overlap, OverlapMax, OverlapTarget);

    public int TimeLimitSeconds { get; init; }

    /// <summary>The requester's estimate of the seconds one task takes; zero in a draft begun before it was asked.</summary>
    public int TaskSeconds { get; init; }

    /// <summary>Zero for no cap.</summary>
    public int DailyCap { get; init; }

    public long Budget { get; init; }

    /// <summary>The share of claims, in percent, that prefer one of the project's gold tasks.</summary>
    public int GoldPercent { get; init; } = 10;

    public QualityRules Rules { get; init; } = QualityRules.Default;

    public AnswerSettings Settings { get; init; } = AnswerSettings.Default;

    [GeneratedRegex(@"^([0-9]{1,6})\s*(s|sec|secs|second|seconds|detik|m|min|mins|minute|minutes|menit|h|hr|hrs|hour|hours|jam)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();

    /// <summary>Digits, with thousands grouped by ".", ",", "_", "'" or a space ("50.000", "1,500,000"): groups of three only, so "1.5" is no number.</summary>
    [GeneratedRegex(@"^[0-9]{1,3}(?:([.,_' ])[0-9]{3})?(?:\1[0-9]{3})*$|^[0-9]+$")]
    private static partial Regex Grouped();

    [GeneratedRegex(@"[\s.,_']")]
    private static partial Regex DigitSeparators();

    public static ProjectDraft FromJson(string json) => JsonSerializer.Deserialize<ProjectDraft>(json, Json)!;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The draft with this answer taken and the next question asked, or the hint that says what is wrong.</summary>
    public (ProjectDraft Draft, string? Hint) Answer(string text)
    {
        text = text.Trim();
        return Step switch
        {
            DraftStep.Title when text.Length > MaxTitle || !Visible(text) || text.Contains('\n', StringComparison.Ordinal) =>
                (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintTitle, MaxTitle)),
            DraftStep.Title => (this with { Title = text, Step = DraftStep.Instructions }, null),
            DraftStep.Instructions when text.Length > MaxInstructions || !Visible(text) =>
                (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintInstructions, MaxInstructions)),
            DraftStep.Instructions => (this with { Instructions = text, Step = DraftStep.Kind }, null),
            DraftStep.Kind => KindFrom(Digits.Ascii(text)) is { } kind ? (WithKind(kind), null) : (this, RequesterMessages.HintKind),
            DraftStep.Options => OptionsFrom(text),
            DraftStep.NoneOption => YesOrNo(text) is { } none
                ? (WithNoneOption(none), null)
                : (this, RequesterMessages.HintYesOrNo),
            DraftStep.Same => YesOrNo(text) is { } same
                ? (WithSame(same), null)
                : (this, RequesterMessages.HintYesOrNo),
            DraftStep.VoiceLength => VoiceLengthFrom(text) is var (min, max)
                ? (this with { Settings = Settings with { MinVoiceSeconds = min, MaxVoiceSeconds = max }, Step = DraftStep.Template }, null)
                : (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintVoiceLength, AnswerSettings.VoiceSecondsCap)),
            DraftStep.PhotoPlace => PhotoPlaceFrom(text) is { } place
                ? (WithPhotoPlace(place), null)
                : (this, RequesterMessages.HintPhotoPlace),
            DraftStep.Template => TemplateFrom(text),
            DraftStep.Reward => Whole(text) is { } reward and >= 0 and <= MaxReward
                ? (this with { Reward = reward, Step = DraftStep.TaskTime }, null)
                : (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintReward, MaxReward)),
            DraftStep.TaskTime => DurationFrom(text, TimeSpan.FromSeconds) is { } taken && taken >= TimeSpan.FromSeconds(1) && taken <= MaxTimeLimit
                ? (this with { TaskSeconds = (int)taken.TotalSeconds, Step = DraftStep.Overlap }, null)
                : (this, RequesterMessages.HintTaskTime),
            DraftStep.Overlap => OverlapFrom(text),
            DraftStep.TimeLimit => DurationFrom(text, TimeSpan.FromMinutes) is { } limit && limit >= MinTimeLimit && limit <= MaxTimeLimit
                ? limit.TotalSeconds >= TaskSeconds
                    ? (this with { TimeLimitSeconds = (int)limit.TotalSeconds, Step = DraftStep.DailyCap }, null)
                    : (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintTimeLimitBelowTask, Durations.Short(TimeSpan.FromSeconds(TaskSeconds))))
                : (this, RequesterMessages.HintTimeLimit),
            DraftStep.DailyCap => DailyCapFrom(text) is { } cap
                ? (this with { DailyCap = cap, Step = DraftStep.Quality }, null)
                : (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintDailyCap, MaxDailyCap)),
            DraftStep.Budget => Whole(text) is { } budget && budget >= Reward && budget <= MaxBudget
                ? (this with { Budget = budget, Step = DraftStep.Done }, null)
                : (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintBudget, Reward)),
            DraftStep.Quality => QualityRules.TryParse(Digits.Ascii(text), Rules, GoldPercent, out var rules, out var gold, out _)
                ? (this with { Rules = rules, GoldPercent = gold, Step = DraftStep.Budget }, null)
                : (this, RulesHint(text)),
            _ => (this, null),
        };
    }

    /// <summary>
    /// The hint for quality rules that cannot be read: it quotes what the requester wrote, whole (one word of it would
    /// say little), cut so that the rest of the hint, how to write them, still shows.
    /// </summary>
    public static string RulesHint(string written) =>
        string.Format(CultureInfo.CurrentCulture, QualityMessages.HintQuality, TaskTemplate.Escape(TelegramLimits.FitPlain(written.Trim(), 200)));

    /// <summary>Whether the text shows anything: direction marks, zero-width characters and spaces alone do not.</summary>
    private static bool Visible(string text) =>
        text.EnumerateRunes().Any(r => !Rune.IsWhiteSpace(r) && Rune.GetUnicodeCategory(r) is not (UnicodeCategory.Format or UnicodeCategory.Control));

    /// <summary>The kind chosen with a button rather than typed.</summary>
    public ProjectDraft WithKind(AnswerKind kind) => this with
    {
        Kind = kind,
        Options = [],
        Settings = AnswerSettings.Default,
        Step = kind switch
        {
            AnswerKind.SingleChoice or AnswerKind.MultipleChoice => DraftStep.Options,
            AnswerKind.Pairwise => DraftStep.Same,
            AnswerKind.Voice => DraftStep.VoiceLength,
            AnswerKind.Photo => DraftStep.PhotoPlace,
            _ => DraftStep.Template,
        },
    };

    /// <summary>The yes/no question of multiple choice (a "none of these" button), answered with a button or typed.</summary>
    public ProjectDraft WithNoneOption(bool none) => this with { Settings = Settings with { NoneOption = none }, Step = DraftStep.Template };

    /// <summary>The yes/no question of pairwise (a "same" button), answered with a button or typed.</summary>
    public ProjectDraft WithSame(bool same) => this with { Settings = Settings with { AllowSame = same }, Step = DraftStep.Template };

    /// <summary>Whether a photo answer brings the place it was taken, answered with a button or typed.</summary>
    public ProjectDraft WithPhotoPlace(PhotoLocation place) => this with { Settings = Settings with { PhotoLocation = place }, Step = DraftStep.Template };

    private (ProjectDraft, string?) OverlapFrom(string text) => OverlapText.Read(text, Kind) switch
    {
        (null, var hint) => (this, hint),
        ({ } rule, _) => (this with { Overlap = rule.Min, OverlapMax = rule.Dynamic ? rule.Max : null, OverlapTarget = rule.TargetPercent, Step = DraftStep.TimeLimit }, null),
    };

    public NewProject ToProject(long requesterId) => new(
        Title, Instructions, Kind, Options, Template, Reward, Overlap, TimeSpan.FromSeconds(TimeLimitSeconds), requesterId,
        GoldPercent, Budget, DailyCap == 0 ? null : DailyCap, Rules)
    {
        Settings = Settings == AnswerSettings.Default ? null : Settings,
        EstimatedSeconds = TaskSeconds > 0 ? TaskSeconds : null,
        OverlapMax = OverlapRule.Dynamic ? OverlapMax : null,
        OverlapTarget = OverlapRule.Dynamic ? OverlapTarget : null,
    };

    /// <summary>1–9 or the kind's name in English or Indonesian.</summary>
    private static AnswerKind? KindFrom(string text) => text.ToLowerInvariant() switch
    {
        "1" or "choice" or "single choice" or "pilihan" or "pilihan tunggal" => AnswerKind.SingleChoice,
        "2" or "yes/no" or "yes-no" or "yes no" or "ya/tidak" or "ya-tidak" or "ya tidak" => AnswerKind.YesNo,
        "3" or "rating" or "nilai" or "penilaian" => AnswerKind.Rating,
        "4" or "text" or "free text" or "teks" or "teks bebas" => AnswerKind.FreeText,
        "5" or "number" or "angka" => AnswerKind.Number,
        "6" or "multiple choice" or "multiple" or "pilihan ganda" => AnswerKind.MultipleChoice,
        "7" or "pairwise" or "pair" or "a/b" or "berpasangan" or "pasangan" => AnswerKind.Pairwise,
        "8" or "voice" or "voice note" or "suara" or "pesan suara" => AnswerKind.Voice,
        "9" or "photo" or "foto" => AnswerKind.Photo,
        _ => null,
    };

    private static bool? YesOrNo(string text) => text.ToLowerInvariant() switch
    {
        "yes" or "y" or "ya" or "1" => true,
        "no" or "n" or "tidak" or "0" => false,
        _ => null,
    };

    private static PhotoLocation? PhotoPlaceFrom(string text) => text.ToLowerInvariant() switch
    {
        "no" or "n" or "none" or "tidak" or "0" => PhotoLocation.None,
        "optional" or "opsional" or "1" => PhotoLocation.Optional,
        "required" or "wajib" or "2" => PhotoLocation.Required,
        _ => null,
    };

    /// <summary>"1-30", "1–30", "2 to 20" seconds: at least 1, at most <see cref="AnswerSettings.VoiceSecondsCap"/>, the first below the second.</summary>
    private static (int, int)? VoiceLengthFrom(string text)
    {
        var match = VoiceLength().Match(Digits.Ascii(text));
        return match.Success
            && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && min >= 1 && min < max && max <= AnswerSettings.VoiceSecondsCap
            ? (min, max)
            : null;
    }

    [GeneratedRegex(@"^([0-9]{1,3})\s*(?:-|–|to|sampai|s/d)\s*([0-9]{1,3})\s*(?:s|sec|secs|seconds|detik)?$", RegexOptions.IgnoreCase)]
    private static partial Regex VoiceLength();

    /// <summary>One option per line, or all on one line separated by commas: 2–10, distinct, short enough for a button.</summary>
    private (ProjectDraft, string?) OptionsFrom(string text)
    {
        var options = (text.Contains('\n', StringComparison.Ordinal) ? text.Split('\n') : text.Split(','))
            .Select(o => o.Trim()).Where(o => o.Length > 0).ToList();
        var distinct = options.Select(AnswerRules.Normalize).Distinct().Count() == options.Count;
        return options.Count is >= 2 and <= 10 && distinct && options.All(o => o.Length <= MaxOption)
            ? (this with { Options = options, Step = Kind == AnswerKind.MultipleChoice ? DraftStep.NoneOption : DraftStep.Template }, null)
            : (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintOptions, MaxOption));
    }

    private (ProjectDraft, string?) TemplateFrom(string text)
    {
        if (text.Length > MaxTemplate || TaskTemplate.Fields(text).Count == 0)
        {
            return (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintTemplate, MaxTemplate));
        }

        if (Kind == AnswerKind.Pairwise && TaskTemplate.Fields(text).Count < 2)
        {
            return (this, RequesterMessages.HintTemplatePairwise);
        }

        if (TaskTemplate.Check(text) is { } media)
        {
            return (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintTemplateMedia, MediaProblem(media)));
        }

        return TelegramHtml.Check(text) is { } problem
            ? (this, string.Format(CultureInfo.CurrentCulture, RequesterMessages.HintTemplateHtml, HtmlProblem(problem)))
            : (this with { Template = text, Step = DraftStep.Reward }, null);
    }

    /// <summary>Why the template's media cannot be sent, with the place: {0} the character, {1} the kind or column.</summary>
    private static string MediaProblem(TaskTemplate.Problem problem) => string.Format(
        CultureInfo.CurrentCulture,
        RequesterMessages.ResourceManager.GetString("Template_" + problem.Fault, CultureInfo.CurrentUICulture)!,
        problem.Position,
        TaskTemplate.Escape(TelegramLimits.FitPlain(problem.Name, 40)));

    public static string HtmlProblem(TelegramHtml.Problem problem) => HtmlProblems.Describe(problem);

    /// <summary>A whole number, allowing thousands separators ("50.000", "50,000", "50 000").</summary>
    private static long? Whole(string text)
    {
        text = Digits.Ascii(text);
        if (!Grouped().IsMatch(text))
        {
            return null;
        }

        var digits = DigitSeparators().Replace(text, "");
        return digits.Length is > 0 and <= 15 && digits.All(char.IsAsciiDigit) ? long.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>"90s", "5m", "5 menit", "1h"; a bare number in the unit <paramref name="bare"/> makes.</summary>
    private static TimeSpan? DurationFrom(string text, Func<double, TimeSpan> bare)
    {
        var match = Duration().Match(Digits.Ascii(text));
        if (!match.Success)
        {
            return null;
        }

        var n = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value.ToLowerInvariant() switch
        {
            "s" or "sec" or "secs" or "second" or "seconds" or "detik" => TimeSpan.FromSeconds(n),
            "h" or "hr" or "hrs" or "hour" or "hours" or "jam" => TimeSpan.FromHours(n),
            "m" or "min" or "mins" or "minute" or "minutes" or "menit" => TimeSpan.FromMinutes(n),
            _ => bare(n),
        };
    }

    private static int? DailyCapFrom(string text) => text.ToLowerInvariant() switch
    {
        "0" or "-" or "none" or "no" or "no cap" or "off" or "tidak" or "tidak ada" or "tanpa" or "tanpa batas" => 0,
        _ => Whole(text) is { } n and >= 1 and <= MaxDailyCap ? (int)n : null,
    };
}
