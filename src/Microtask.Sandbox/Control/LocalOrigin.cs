using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microtask.Sandbox.Control;

/// <summary>
/// The control API acts as any sandbox user, so only the web chat's own page and local tools may use it. A page of
/// another origin can post a form or a multipart upload without a CORS preflight, and a page whose name was
/// rebound to 127.0.0.1 even counts as same-origin to the browser: so every call must name a loopback host, and a
/// call that changes something must come from the very origin it is sent to (or from no browser at all).
/// </summary>
internal static class LocalOrigin
{
    public static RouteGroupBuilder RequireLocalOrigin(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) => Refusal(context.HttpContext.Request) ?? await next(context));

    private static IResult? Refusal(HttpRequest request)
    {
        if (!IsLoopback(request.Host.Host)) return Forbidden($"the sandbox answers only to a loopback address, not to '{request.Host.Host}'");
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) return null;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            // Browsers send Origin with every POST; without it, a browser that says the page is another site is refused too.
            return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site" ? Forbidden("requests from other sites are refused") : null;
        }
        return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            ? null
            : Forbidden($"requests from the origin '{origin}' are refused; use the web chat at this address");
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static IResult Forbidden(string detail) => ControlRequests.Error(StatusCodes.Status403Forbidden, detail);
}
