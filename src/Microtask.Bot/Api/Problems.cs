namespace Microtask.Bot.Api;

/// <summary>
/// Every error the API gives, as RFC 9457 problem details: a stable type, a title, a detail for people; never a
/// stack trace, never a word about another requester's projects.
/// </summary>
internal static class Problems
{
    private const string TypeBase = "https://microtask.bot/problems/";

    public static IResult Of(int status, string type, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: TypeBase + type, extensions: extensions);

    public static IResult Unauthorized() =>
        Of(StatusCodes.Status401Unauthorized, "unauthorized", "A valid API token is needed", "Send 'Authorization: Bearer <token>' with a live token made by /token new in the chat.");

    public static IResult NotRequester() =>
        Of(StatusCodes.Status403Forbidden, "forbidden", "The token's owner is no longer a requester");

    /// <summary>The same answer for a project that does not exist and one that is someone else's.</summary>
    public static IResult NoProject(string id) =>
        Of(StatusCodes.Status404NotFound, "not-found", "No such project", $"You have no project '{Clip(id)}'.");

    public static IResult NoBatch(string id) =>
        Of(StatusCodes.Status404NotFound, "not-found", "No such batch", $"You have no batch '{Clip(id)}'.");

    public static IResult TooLarge(long max) =>
        Of(StatusCodes.Status413PayloadTooLarge, "too-large", "The body is too large", $"The limit is {max} bytes; split the batch.");

    public static IResult Invalid(string type, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        Of(StatusCodes.Status422UnprocessableEntity, type, title, detail, extensions);

    public static IResult Conflict(string type, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        Of(StatusCodes.Status409Conflict, type, title, detail, extensions);

    public static IResult Failed() => Of(StatusCodes.Status500InternalServerError, "internal", "Something went wrong on our side");

    /// <summary>A client's words echoed back, cut short.</summary>
    public static string Clip(string text, int max = 80) => text.Length <= max ? text : text[..max] + "…";
}
