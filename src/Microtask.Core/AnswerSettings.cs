using System.Text.Json.Serialization;

namespace Microtask.Core;

/// <summary>Whether a photo answer comes with the place it was taken: not asked, asked with a way to skip, or required.</summary>
public enum PhotoLocation
{
    None,
    Optional,
    Required,
}

/// <summary>
/// What a project's answer kind can be asked to do beyond its options: a "none of these" button for multiple choice,
/// a "same" button for pairwise, the length a voice answer must have, and whether a photo answer brings its place.
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

    [JsonConverter(typeof(JsonStringEnumConverter<PhotoLocation>))]
    public PhotoLocation PhotoLocation { get; init; }
}
