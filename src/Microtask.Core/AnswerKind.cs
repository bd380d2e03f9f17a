namespace Microtask.Core;

/// <summary>How a worker answers a project's tasks.</summary>
public enum AnswerKind
{
    SingleChoice,
    YesNo,
    Rating,
    FreeText,
    Number,

    /// <summary>Any of the options, toggled on the task's buttons and sent with Done.</summary>
    MultipleChoice,

    /// <summary>Which of two items (the template's first two fields) is better: A, B, or (when allowed) the same.</summary>
    Pairwise,

    /// <summary>A voice note the worker records.</summary>
    Voice,

    /// <summary>A photo the worker takes.</summary>
    Photo,
}

public static class AnswerKinds
{
    /// <summary>Kinds answered with a tap on a button; the others are answered with a message.</summary>
    public static bool UsesButtons(this AnswerKind kind) =>
        kind is AnswerKind.SingleChoice or AnswerKind.YesNo or AnswerKind.Rating or AnswerKind.MultipleChoice or AnswerKind.Pairwise;

    /// <summary>Kinds answered with a file the worker sends (its Telegram file id is what is stored).</summary>
    public static bool UsesMedia(this AnswerKind kind) => kind is AnswerKind.Voice or AnswerKind.Photo;
}
