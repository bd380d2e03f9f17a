using System.Globalization;
using System.Text.Json;
using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.Api;

internal sealed record UploadedFile(string FileName, string? ContentType, byte[] Content);

/// <summary>
/// One bag of arguments whatever the body was: JSON values, form or query strings (complex values as
/// JSON text, as Telegram accepts them), and multipart files.
/// </summary>
internal sealed class ApiArgs
{
    private readonly Dictionary<string, JsonElement> json = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UploadedFile> files = new(StringComparer.Ordinal);

    public void Add(string name, JsonElement value) => json[name] = value;
    public void Add(string name, string value) => this.strings[name] = value;
    public void Add(string name, UploadedFile file) => this.files[name] = file;

    public bool Has(string name) =>
        this.files.ContainsKey(name) || (json.TryGetValue(name, out var j) && j.ValueKind != JsonValueKind.Null) || this.strings.ContainsKey(name);

    public string? String(string name)
    {
        if (json.TryGetValue(name, out var j))
            return j.ValueKind switch
            {
                JsonValueKind.String => j.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => j.GetRawText(),
            };
        return this.strings.TryGetValue(name, out var s) ? s : null;
    }

    /// <summary>A string that must be present and non-empty; otherwise Telegram's "... is empty".</summary>
    public string RequireString(string name, string? wording = null)
    {
        var value = String(name);
        return string.IsNullOrEmpty(value) ? throw BotApiException.Empty(wording ?? name) : value;
    }

    public long? Long(string name)
    {
        var text = String(name);
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw BotApiException.BadRequest($"invalid {name} specified");
    }

    public long RequireLong(string name) => Long(name) ?? throw BotApiException.Empty(name);

    /// <summary>chat_id: a number, or an @username which this emulator never knows.</summary>
    public long RequireChatId()
    {
        var text = String("chat_id");
        if (string.IsNullOrEmpty(text)) throw BotApiException.Empty("chat_id");
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw BotApiException.BadRequest("chat not found");
    }

    public bool Bool(string name) => String(name)?.ToLowerInvariant() is "true" or "1";

    /// <summary>A JSON-typed argument, either inline JSON or a JSON string inside a form field.</summary>
    public JsonElement? JsonValue(string name, string wording)
    {
        if (json.TryGetValue(name, out var j) && j.ValueKind != JsonValueKind.String)
            return j.ValueKind == JsonValueKind.Null ? null : j;
        var text = String(name);
        if (string.IsNullOrEmpty(text)) return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw BotApiException.BadRequest($"can't parse {wording} JSON object");
        }
    }

    public T? Json<T>(string name, string wording) where T : class
    {
        if (JsonValue(name, wording) is not { } element) return null;
        try
        {
            return element.Deserialize<T>(WireJson.Options);
        }
        catch (JsonException)
        {
            throw BotApiException.BadRequest($"can't parse {wording} JSON object");
        }
    }

    /// <summary>A file argument: an uploaded part, an attach://name reference, or a file_id string.</summary>
    public (UploadedFile? Upload, string? FileId) File(string name)
    {
        if (this.files.TryGetValue(name, out var file)) return (file, null);
        var text = String(name);
        if (text is not null && text.StartsWith("attach://", StringComparison.Ordinal))
            return this.files.TryGetValue(text["attach://".Length..], out var attached)
                ? (attached, null)
                : throw BotApiException.BadRequest("wrong file identifier/HTTP URL specified");
        return (null, text);
    }

    /// <summary>The part an attach://name reference names inside a JSON argument (InputMedia); null when there is none.</summary>
    public UploadedFile? Attached(string reference) =>
        reference.StartsWith("attach://", StringComparison.Ordinal) && this.files.TryGetValue(reference["attach://".Length..], out var file) ? file : null;

    /// <summary>A positive whole number, or null when absent or not positive, as Telegram reads a duration or a size.</summary>
    public int? Positive(string name) => Long(name) is long value and > 0 and <= int.MaxValue ? (int)value : null;

    /// <summary>The chat a call concerns, for fault rules and the refusal log; null when it names none.</summary>
    public long? ChatIdOrNull() =>
        long.TryParse(String("chat_id"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;
}
