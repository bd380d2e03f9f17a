using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microtask.Batches;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Api;

/// <summary>
/// POST /api/v1/projects/{id}/batches checks a file exactly as the chat does (the same parser and rules) and keeps it
/// pending; POST /api/v1/batches/{id}/import adds its tasks all at once, once.
/// </summary>
internal static class BatchesApi
{
    public static void MapBatches(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{id}/batches", UploadAsync);
        api.MapPost("/batches/{id}/import", ImportAsync);
    }

    private static async Task<IResult> UploadAsync(
        string id, HttpContext http, ProjectStore projects, BatchStore batches, ApiBatchStore bodies, IOptions<ApiOptions> options)
    {
        var ct = http.RequestAborted;
        if (await ProjectsApi.OwnedAsync(id, http, projects) is not { } project)
        {
            return Problems.NoProject(id);
        }

        var max = options.Value.MaxBodyBytes;
        if (await ReadBodyAsync(http, max) is not { } body)
        {
            return Problems.TooLarge(max);
        }

        var fileName = FileName(http.Request);
        var report = await BatchParser.ParseAsync(new MemoryStream(body, writable: false), fileName, Rules(project), ct);
        if (report.Problem is { } problem)
        {
            return Problems.Invalid(
                "batch-refused", "The file was refused", problem.Message, new Dictionary<string, object?> { ["code"] = problem.Code.ToString(), ["line"] = problem.Line });
        }

        if (await batches.ImportedWithHashAsync(project.Id, report.Sha256, ct) is { } earlier)
        {
            return Problems.Conflict("already-imported", "This file was already imported", $"Batch {earlier.Id} holds the same bytes.", new Dictionary<string, object?> { ["batch_id"] = earlier.Id });
        }

        if (report.Accepted.Count == 0)
        {
            return Problems.Invalid("nothing-to-import", "No row can be imported", null, new Dictionary<string, object?> { ["rejected"] = Rejections(report) });
        }

        var batchId = await bodies.AddPendingAsync(project.Id, ApiCaller.Of(http).Requester.Id, fileName, report.Sha256, report.Accepted.Count, body, ct);
        return TypedResults.Json(
            new
            {
                Id = batchId,
                ProjectId = project.Id,
                FileName = fileName,
                Format = report.Format.ToString(),
                report.Sha256,
                Accepted = report.Accepted.Count,
                Gold = report.GoldCount,
                Practice = report.PracticeCount,
                report.Duplicates,
                report.EmptyRows,
                Rejected = Rejections(report),
                Import = $"/api/v1/batches/{batchId.ToString(CultureInfo.InvariantCulture)}/import",
            },
            ApiJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ImportAsync(
        string id, HttpContext http, ProjectStore projects, BatchStore batches, ApiBatchStore bodies)
    {
        var ct = http.RequestAborted;
        var caller = ApiCaller.Of(http);
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var batchId)
            || await batches.FindAsync(batchId, ct) is not { } batch || batch.RequesterId != caller.Requester.Id
            || await projects.FindAsync(batch.ProjectId, ct) is not { } project
            || await bodies.BodyAsync(batchId, ct) is not { } body)
        {
            return Problems.NoBatch(id);
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200)
        {
            return Problems.Invalid("idempotency-key", "The Idempotency-Key is longer than 200 characters");
        }

        if (key.Length > 0 && await bodies.BindKeyAsync(caller.Token.Id, key, batchId, ct) != batchId)
        {
            return Problems.Invalid("idempotency-key", "This Idempotency-Key was used for another batch");
        }

        var imported = new { BatchId = batchId, ProjectId = batch.ProjectId, Imported = batch.Rows };
        if (!batch.Imported)
        {
            var report = await BatchParser.ParseAsync(new MemoryStream(body, writable: false), batch.FileName, Rules(project), ct);
            if (report.Problem is not null || report.Sha256 != batch.Sha256 || report.Accepted.Count != batch.Rows)
            {
                return Problems.Conflict("batch-changed", "The file no longer gives the same rows under the project's rules; upload it again");
            }

            if (await batches.ImportAsync(batchId, caller.Requester.Id, report.Accepted, report.Media.Select(BatchFiles.Blob).ToList(), ct) == ImportOutcome.Imported)
            {
                return TypedResults.Json(imported, ApiJson.Options);
            }
        }

        // Imported before, by this request's twin with the same key or by an earlier call.
        var now = await batches.FindAsync(batchId, ct);
        return now is { Imported: true } && key.Length > 0
            ? TypedResults.Json(imported, ApiJson.Options)
            : Problems.Conflict("already-imported", "This batch, or the same file in another batch, was already imported");
    }

    /// <summary>The chat's rules for the project, a ZIP of a table with its media files included.</summary>
    private static BatchRules Rules(Project project) => BatchRules.For(project) with { Zip = ZipLimits.Default };

    /// <summary>The body, or null when it is over <paramref name="max"/> bytes (by its stated length or as it is read).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext http, long max)
    {
        if (http.Request.ContentLength > max)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + 1;
        }

        using var content = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(new CappedStream(content, max), http.RequestAborted);
        }
        catch (Exception e) when (CappedStream.Overflowed(e) || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return null;
        }

        return content.ToArray();
    }

    /// <summary>The name the batch goes by: ?name= if given, else one whose extension the body's content type names.</summary>
    private static string FileName(HttpRequest request)
    {
        if (request.Query["name"].ToString() is { Length: > 0 } name)
        {
            return BatchFiles.NameOf(name);
        }

        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            "text/csv" => "batch.csv",
            "application/json" => "batch.json",
            "application/x-ndjson" or "application/jsonl" or "application/x-jsonlines" or "application/jsonlines" => "batch.jsonl",
            "application/zip" or "application/x-zip-compressed" => "batch.zip",
            _ => "batch",
        };
    }

    private static object[] Rejections(BatchReport report) =>
        report.Rejected.Select(r => (object)new { r.Line, Code = r.Code.ToString(), r.Field, r.Reason }).ToArray();
}
