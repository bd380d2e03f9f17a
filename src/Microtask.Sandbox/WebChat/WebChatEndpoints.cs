using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microtask.Sandbox.WebChat;

/// <summary>
/// The web chat: a Telegram-like page over the control API, served from files embedded in this assembly
/// (no build step, nothing fetched from elsewhere). It exists only where the emulator runs, so a bot with
/// a real token never serves it.
/// </summary>
internal static class WebChatEndpoints
{
    // Defence in depth behind the page's own sanitiser: no inline script, no foreign origin, no plugins.
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; " +
        "form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (string ContentType, byte[] Content)> Files = Load();

    public static void MapWebChat(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Serve(http, "index.html"));
        foreach (var name in Files.Keys.Where(n => n != "index.html"))
        {
            app.MapGet("/" + name, (HttpContext http) => Serve(http, name));
        }
    }

    private static IResult Serve(HttpContext http, string name)
    {
        var (contentType, content) = Files[name];
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        return Results.Bytes(content, contentType);
    }

    private static FrozenDictionary<string, (string, byte[])> Load()
    {
        const string Prefix = "WebChat/";
        var assembly = typeof(WebChatEndpoints).Assembly;
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            files[name] = (ContentTypeOf(name), copy.ToArray());
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
