using System.Text.Json;
using Microtask.Core;

namespace Microtask.Storage;

/// <summary>How lists and maps are stored in a text column: as JSON.</summary>
internal static class Json
{
    public static string Of<T>(T value) => JsonSerializer.Serialize(value);

    public static IReadOnlyList<string> List(string json) => JsonSerializer.Deserialize<List<string>>(json) ?? [];

    public static IReadOnlyDictionary<string, string> Map(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>Lists by key: a project's option labels by language.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Labels(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json) ?? []).ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);

    public static AnswerSettings Settings(string json) => JsonSerializer.Deserialize<AnswerSettings>(json) ?? AnswerSettings.Default;
}

/// <summary>How an assignment's state is stored: its name in lower case.</summary>
internal static class States
{
    public static string Of(AssignmentState state) => state.ToString().ToLowerInvariant();
}
