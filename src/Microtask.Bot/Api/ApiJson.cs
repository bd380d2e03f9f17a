using System.Text.Json;

namespace Microtask.Bot.Api;

/// <summary>How the API writes JSON: snake_case names, as the results' columns are named.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
