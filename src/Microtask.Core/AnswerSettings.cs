namespace Microtask.Core;

/// <summary>
/// What a project's answer kind can be asked to do beyond its options: a "none of these" button for multiple choice,
/// a "same" button for pairwise, and the length a voice answer must have.
/// </summary>
public sealed record AnswerSettings
{
    /// <summary>The longest voice answer a project may ask for: five minutes.</summary>
    public const int VoiceSecondsCap = 300;

    public static AnswerSettings Default { get; } = new();

    public bool NoneOption { get; init; }

    public bool AllowSame { get; init; }

    public int MinVoiceSeconds { get; init; } = 1;

    public int MaxVoiceSeconds { get; init; } = 30;
}
