using System.Globalization;
using Microtask.Bot.Requesters;
using Microtask.Storage;

namespace Microtask.Bot.Api;

/// <summary>
/// GET /api/v1/projects/{id}/results?format=csv|jsonl&amp;since=CURSOR: the results written straight into the response
/// as they are read. The X-Results-Cursor header names the last answer included; passed back as since, only the tasks
/// with a newer answer come (each with all its answers).
/// </summary>
internal static class ResultsApi
{
    public const string CursorHeader = "X-Results-Cursor";

    public static void MapResults(this RouteGroupBuilder api) => api.MapGet("/projects/{id}/results", ExportAsync);

    private static async Task<IResult> ExportAsync(
        string id, string? format, string? since, HttpContext http, ProjectStore projects, ResultStore results, PseudonymSalt salt, TimeProvider time)
    {
        var ct = http.RequestAborted;
        if (await ProjectsApi.OwnedAsync(id, http, projects) is not { } project)
        {
            return Problems.NoProject(id);
        }

        var jsonl = format?.ToLowerInvariant() switch
        {
            null or "" or "csv" => false,
            "jsonl" => true,
            _ => (bool?)null,
        };
        if (jsonl is null)
        {
            return Problems.Invalid("format", "Unknown format", "The format is csv or jsonl.");
        }

        long? after = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (!long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor))
            {
                return Problems.Invalid("cursor", "Malformed cursor", "Pass back the X-Results-Cursor header of an earlier call.");
            }

            after = cursor;
        }

        await using var snapshot = await results.SnapshotAsync(project.Id, project.Rules.ExcludeSuspended ? time.GetUtcNow() : null, after, ct);
        var response = http.Response;
        response.Headers[CursorHeader] = (await snapshot.LastAnswerIdAsync(ct)).ToString(CultureInfo.InvariantCulture);
        response.ContentType = jsonl.Value ? "application/jsonl; charset=utf-8" : "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"project-{project.Id.ToString(CultureInfo.InvariantCulture)}-results.{(jsonl.Value ? "jsonl" : "csv")}\"";
        await (jsonl.Value
            ? ResultsJsonl.WriteAsync(project, snapshot, salt.Value, response.Body, ct)
            : ResultsCsv.WriteAsync(project, snapshot, salt.Value, response.Body, ct));
        return TypedResults.Empty;
    }
}
