using System.Text.Json;

namespace Microtask.Bot.Api;

/// <summary>How the API writes JSON: snake_case names, as the results' columns are named.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Reading requests: the same names, and a field the request does not have refuses it.</summary>
    private static readonly JsonSerializerOptions Strict = new(Options) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    /// <summary>
    /// The body read as a <typeparamref name="T"/>, or the problem to answer instead: a body over <paramref name="max"/>
    /// bytes (413), malformed JSON or an unknown field (422, naming <paramref name="what"/> the body should have been).
    /// </summary>
    public static async Task<(T? Request, IResult? Problem)> ReadAsync<T>(HttpContext http, long max, string what) where T : class
    {
        if (await BatchesApi.ReadBodyAsync(http, max) is not { } body)
        {
            return (null, Problems.TooLarge(max));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, Strict) is { } request
                ? (request, null)
                : (null, Problems.Invalid("malformed-json", $"The body is not {what}"));
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid("malformed-json", $"The body is not {what}", Problems.Clip(e.Message, 300)));
        }
    }
}
