namespace Microtask.Core;

/// <summary>How a worker answers a project's tasks.</summary>
public enum AnswerKind
{
    SingleChoice,
    YesNo,
    Rating,
    FreeText,
    Number,
}

public static class AnswerKinds
{
    /// <summary>Kinds answered with a tap on a button; the others are answered with a text reply.</summary>
    public static bool UsesButtons(this AnswerKind kind) => kind is AnswerKind.SingleChoice or AnswerKind.YesNo or AnswerKind.Rating;
}
