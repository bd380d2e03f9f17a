using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Microtask.Sandbox.Api;

/// <summary>Reads query string, JSON, urlencoded and multipart bodies into one <see cref="ApiArgs"/>.</summary>
internal static class RequestReader
{
    public static async Task<ApiArgs> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var args = new ApiArgs();
        foreach (var (key, value) in request.Query) args.Add(key, value.ToString());
        var contentType = request.ContentType ?? "";
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            await ReadJsonAsync(request, args, ct);
        else if (request.HasFormContentType)
            await ReadFormAsync(request, args, ct);
        return args;
    }

    private static async Task ReadJsonAsync(HttpRequest request, ApiArgs args, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            throw BotApiException.BadRequest("can't parse JSON object");
        }
        using (document) AddJson(document.RootElement, args);
    }

    /// <summary>A JSON object's properties as arguments; anything but an object adds none.</summary>
    public static void AddJson(JsonElement body, ApiArgs args)
    {
        if (body.ValueKind != JsonValueKind.Object) return;
        // Clone: the elements outlive the pooled document.
        foreach (var property in body.EnumerateObject()) args.Add(property.Name, property.Value.Clone());
    }

    private static async Task ReadFormAsync(HttpRequest request, ApiArgs args, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        foreach (var (key, value) in form) args.Add(key, value.ToString());
        foreach (var file in form.Files)
        {
            await using var stream = file.OpenReadStream();
            var content = new byte[file.Length];
            await stream.ReadExactlyAsync(content, ct);
            args.Add(file.Name, new UploadedFile(RepairFileName(file.FileName), file.ContentType, content));
        }
    }

    /// <summary>
    /// Telegram.Bot writes UTF-8 bytes into the Content-Disposition filename, which ASP.NET reads as
    /// Latin-1; turn such names back into the text that was meant.
    /// </summary>
    private static string RepairFileName(string name)
    {
        if (name.All(c => c < 128) || name.Any(c => c > 255)) return name;
        var bytes = name.Select(c => (byte)c).ToArray();
        try { return new UTF8Encoding(false, true).GetString(bytes); }
        catch (DecoderFallbackException) { return name; }
    }
}
