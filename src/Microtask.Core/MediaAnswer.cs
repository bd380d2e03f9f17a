using System.Text.Json;
using System.Text.Json.Serialization;

namespace Microtask.Core;

/// <summary>
/// A voice or photo answer as stored: Telegram's file id (the bytes stay with Telegram until results fetch them), with
/// the voice note's length or the photo's size and, for a photo, where it was taken when the worker shared it.
/// </summary>
public sealed record MediaAnswer(
    [property: JsonPropertyName("file_id")] string FileId,
    [property: JsonPropertyName("bytes")] long? Bytes,
    [property: JsonPropertyName("seconds")] int? Seconds = null,
    [property: JsonPropertyName("latitude")] double? Latitude = null,
    [property: JsonPropertyName("longitude")] double? Longitude = null)
{
    /// <summary>A place on Earth as Telegram gives one: latitude −90 to 90, longitude −180 to 180.</summary>
    public static bool OnTheMap(double latitude, double longitude) => latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToStored() => JsonSerializer.Serialize(this, Json);

    public static MediaAnswer? Read(string stored)
    {
        try
        {
            return stored.StartsWith('{') && JsonSerializer.Deserialize<MediaAnswer>(stored, Json) is { FileId.Length: > 0 } answer ? answer : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The file's name in results: the task and the worker's per-project pseudonym, never the worker's id. One worker
    /// answers a task once, so the name is unique within a project.
    /// </summary>
    public static string FileName(AnswerKind kind, long taskId, string pseudonym) =>
        FormattableString.Invariant($"task-{taskId}-{pseudonym}.{(kind == AnswerKind.Voice ? "ogg" : "jpg")}");
}
