using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Microtask.Bot.Shared;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Api;

/// <summary>The requester a request acts for, and the token it came with.</summary>
internal sealed record ApiCaller(ApiToken Token, Worker Requester)
{
    public static ApiCaller Of(HttpContext http) => (ApiCaller)http.Items[typeof(ApiCaller)]!;
}

/// <summary>
/// One fixed window of requests a minute per token: counted for every instance together where they share Redis, else
/// (one process, or Redis unreachable) by this instance alone.
/// </summary>
internal sealed class ApiRateLimits(IOptions<ApiOptions> options, ISharedRequestRate shared, TimeProvider time) : IDisposable
{
    private readonly PartitionedRateLimiter<long> limiter = PartitionedRateLimiter.Create<long, long>(tokenId =>
        RateLimitPartition.GetFixedWindowLimiter(tokenId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public int PerMinute => options.Value.RequestsPerMinute;

    /// <summary>Null when the request may go on; else how long until the token's next window.</summary>
    public async Task<TimeSpan?> RefuseAsync(long tokenId)
    {
        if (await shared.TakeAsync(tokenId, PerMinute, time.GetUtcNow()) is { } wait)
        {
            return wait > TimeSpan.Zero ? wait : null;
        }

        using var lease = limiter.AttemptAcquire(tokenId);
        return lease.IsAcquired ? null : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>
/// What every /api/v1 request passes before its handler: a live token of a requester (401/403), the token's rate
/// (429), and after it one audit line naming the token; a failure becomes a 500 problem with no detail.
/// </summary>
internal sealed class ApiGate(TokenStore tokens, WorkerStore workers, Roles roles, ApiRateLimits limits, AuditStore audit, ILogger<ApiGate> log)
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        if (token.Length is 0 or > 200 || await tokens.UseAsync(token, ct) is not { } known)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized();
        }

        if (await workers.GetAsync(known.RequesterId, ct) is not { } requester || !roles.IsRequester(requester))
        {
            return Problems.NotRequester();
        }

        if (await limits.RefuseAsync(known.Id) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problems.Of(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests", $"This token may make {limits.PerMinute} requests a minute.");
        }

        http.Items[typeof(ApiCaller)] = new ApiCaller(known, requester);
        Languages.Use("en"); // the wizard's checks word their hints in the current culture; the API speaks English
        object? result;
        try
        {
            result = await next(context);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "API request {Method} {Path} failed", http.Request.Method, http.Request.Path);
            // Half a streamed body must not pass for a whole one: the connection is cut.
            if (http.Response.HasStarted)
            {
                http.Abort();
            }

            result = http.Response.HasStarted ? TypedResults.Empty : Problems.Failed();
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
        await audit.WriteAsync(
            requester.Id, "api", null, $"{known.Prefix} ({known.Name}) {http.Request.Method} {Problems.Clip(http.Request.Path.ToString())} {status.ToString(CultureInfo.InvariantCulture)}", CancellationToken.None);
        return result;
    }
}
