namespace Microtask.Sandbox.Api;

/// <summary>A refusal in Telegram's words; becomes <c>{"ok":false,...}</c> with the same HTTP status.</summary>
internal sealed class BotApiException(int errorCode, string description, int? retryAfter = null)
    : Exception(description)
{
    public int ErrorCode { get; } = errorCode;
    public string Description { get; } = description;
    public int? RetryAfter { get; } = retryAfter;

    public static BotApiException BadRequest(string what) => new(400, "Bad Request: " + what);
    public static BotApiException Empty(string field) => BadRequest(field + " is empty");
    public static BotApiException TooManyRequests(int retryAfter) =>
        new(429, $"Too Many Requests: retry after {retryAfter}", retryAfter);
}
