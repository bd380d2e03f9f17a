using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Webhooks;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Api;

/// <summary>
/// PUT, GET and DELETE /api/v1/projects/{id}/webhook: the project's webhook set (its secret in that answer only),
/// shown with how its deliveries go, and removed. The same checks as /webhook in the chat.
/// </summary>
internal static class WebhooksApi
{
    private const long MaxBody = 4096;
    private static readonly JsonSerializerOptions Strict = new(ApiJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    internal sealed record WebhookRequest(string? Url);

    public static void MapWebhooks(this RouteGroupBuilder api)
    {
        api.MapPut("/projects/{id}/webhook", SetAsync);
        api.MapGet("/projects/{id}/webhook", GetAsync);
        api.MapDelete("/projects/{id}/webhook", RemoveAsync);
    }

    private static async Task<IResult> SetAsync(string id, HttpContext http, ProjectStore projects, WebhookRegistry registry)
    {
        if (await ProjectsApi.OwnedAsync(id, http, projects) is not { } project)
        {
            return Problems.NoProject(id);
        }

        if (await BatchesApi.ReadBodyAsync(http, MaxBody) is not { } body)
        {
            return Problems.TooLarge(MaxBody);
        }

        WebhookRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<WebhookRequest>(body, Strict);
        }
        catch (JsonException e)
        {
            return Problems.Invalid("malformed-json", "The body is not a webhook", Problems.Clip(e.Message, 300));
        }

        if (request?.Url is not { } url)
        {
            return Problems.Invalid("malformed-json", "The body is not a webhook", "Send {\"url\": \"https://…\"}.");
        }

        var (check, set) = await registry.SetAsync(project, ApiCaller.Of(http).Requester.Id, url, http.RequestAborted);
        if (set is null)
        {
            return Refused(check);
        }

        return TypedResults.Json(
            new { ProjectId = project.Id, set.Url, set.Secret, Events = WebhookEvents.Types },
            ApiJson.Options,
            statusCode: set.Replaced ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ProjectStore projects, WebhookStore store, IOptions<WebhookOptions> options)
    {
        if (await ProjectsApi.OwnedAsync(id, http, projects) is not { } project)
        {
            return Problems.NoProject(id);
        }

        if (await store.FindAsync(project.Id, http.RequestAborted) is not { } hook)
        {
            return NoWebhook(project);
        }

        var english = CultureInfo.GetCultureInfo("en");
        return TypedResults.Json(
            new
            {
                ProjectId = project.Id,
                hook.Url,
                Events = WebhookEvents.Types,
                hook.CreatedAt,
                hook.Pending,
                hook.GivenUp,
                FailuresInARow = hook.Failures,
                hook.LastDeliveredAt,
                LastError = hook is { LastError: { } error, LastErrorAt: { } at }
                    ? new { At = at, Code = error, Message = WebhookErrors.Describe(error, english, options.Value.TimeoutSeconds) }
                    : null,
            },
            ApiJson.Options);
    }

    private static async Task<IResult> RemoveAsync(string id, HttpContext http, ProjectStore projects, WebhookRegistry registry)
    {
        if (await ProjectsApi.OwnedAsync(id, http, projects) is not { } project)
        {
            return Problems.NoProject(id);
        }

        return await registry.RemoveAsync(project, ApiCaller.Of(http).Requester.Id, http.RequestAborted) ? TypedResults.NoContent() : NoWebhook(project);
    }

    private static IResult NoWebhook(Project project) =>
        Problems.Of(StatusCodes.Status404NotFound, "no-webhook", "The project has no webhook", $"Set one with PUT /api/v1/projects/{project.Id.ToString(CultureInfo.InvariantCulture)}/webhook.");

    private static IResult Refused(UrlCheck check)
    {
        var host = Problems.Clip(check.Host);
        var (code, title, detail) = check.Refusal switch
        {
            UrlRefusal.NotHttps => ("not-https", "The webhook must be an https:// address", "Events are posted only over https."),
            UrlRefusal.PrivateAddress => ("private-address", "The webhook's host is not a public address", $"{host} is or resolves to a loopback, private, link-local or otherwise non-public address."),
            UrlRefusal.Unresolved => ("unresolved", "The webhook's host could not be resolved", $"DNS has no address for {host}."),
            _ => ("malformed", "The webhook is not a usable address", $"Send a whole https:// URL of at most {WebhookUrls.MaxLength} characters, without a user name or password."),
        };
        return Problems.Invalid("webhook-url", title, detail, new Dictionary<string, object?> { ["code"] = code });
    }
}
