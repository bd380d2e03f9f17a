using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Requesters;
using Microtask.Bot.Shared;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Api;

/// <summary>
/// POST /api/v1/projects/{id}/bonuses: /bonus over HTTP — one worker of the project, by the pseudonym /results gives,
/// paid from the requester's account with a reason they are told; once per Idempotency-Key.
/// </summary>
internal static class BonusesApi
{
    internal sealed record BonusRequest(string? Worker, long? Amount, string? Reason);

    public static void MapBonuses(this RouteGroupBuilder api) => api.MapPost("/projects/{id}/bonuses", PayAsync);

    private static async Task<IResult> PayAsync(string id, HttpContext http, ProjectStore projects, BonusPayments payments, IOptions<ApiOptions> options)
    {
        if (await ProjectsApi.OwnedAsync(id, http, projects) is not { } project)
        {
            return Problems.NoProject(id);
        }

        var (request, problem) = await ApiJson.ReadAsync<BonusRequest>(http, options.Value.MaxBodyBytes, "a bonus");
        if (request is null)
        {
            return problem!;
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200)
        {
            return Problems.Invalid("idempotency-key", "The Idempotency-Key is longer than 200 characters");
        }

        if (request.Worker is not { Length: > 0 } worker)
        {
            return Field("worker", "Name the worker by the pseudonym /results gives them");
        }

        if (request.Amount is not ({ } amount and > 0 and <= Amounts.Max))
        {
            return Field("amount", $"The amount is a whole number of minor units, from 1 to {Amounts.Max}");
        }

        if (request.Reason?.Trim() is not { Length: > 0 and <= Views.Quotes.Reason } reason)
        {
            return Field("reason", $"Give a reason of 1 to {Views.Quotes.Reason} characters; the worker reads it");
        }

        var caller = ApiCaller.Of(http);
        // Keyed per token, so that one client's keys never meet another's or the chat's; no key: every request is new.
        var requestKey = key.Length > 0 ? $"api:{caller.Token.Id}:{key}" : $"api:{Guid.NewGuid():N}";
        var paid = await payments.PayAsync(project, caller.Requester.Id, worker, amount, reason, requestKey, http.RequestAborted);
        var result = new { ProjectId = project.Id, Worker = paid.Pseudonym, Amount = amount, Balance = paid.RequesterBalance, AlreadyPaid = paid.Outcome == BonusOutcome.AlreadyPaid };
        return paid.Outcome switch
        {
            null => Problems.Invalid("no-such-worker", "No worker of the project has this pseudonym", null, new Dictionary<string, object?> { ["field"] = "worker" }),
            BonusOutcome.ShortOfFunds => Problems.Invalid("insufficient-funds", "The bonus is more than the account holds", null,
                new Dictionary<string, object?> { ["field"] = "amount", ["balance"] = paid.RequesterBalance }),
            BonusOutcome.AlreadyPaid => TypedResults.Json(result, ApiJson.Options),
            _ => TypedResults.Json(result, ApiJson.Options, statusCode: StatusCodes.Status201Created),
        };
    }

    private static IResult Field(string field, string detail) =>
        Problems.Invalid("invalid-field", $"'{field}' is not valid", detail, new Dictionary<string, object?> { ["field"] = field });
}
