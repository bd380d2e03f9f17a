using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/token new NAME, /token list, /token revoke NAME: the requester's API tokens.</summary>
internal sealed partial record ManageTokens(string Verb, string? Name) : ITypedCommand<ManageTokens>
{
    public static string Trigger => "/token";

    public static Access Access => Access.Requester;

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,32}$")]
    public static partial Regex TokenName();

    /// <summary>Every form but "revoke USER NAME", which is an admin's (two words after the verb).</summary>
    public static ManageTokens? Parse(string? argument)
    {
        var words = (argument ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words is ["revoke", _, _] ? null : new(words.Length > 0 ? words[0].ToLowerInvariant() : "", words.Length == 2 ? words[1] : null);
    }
}

internal sealed class ManageTokensHandler(TokenStore tokens, AuditStore audit, Sender sender) : IHandler<ManageTokens>
{
    public Task HandleAsync(ManageTokens command, UpdateContext ctx, CancellationToken ct) => command switch
    {
        { Verb: "list", Name: null } => ListAsync(ctx, ct),
        { Verb: "new", Name: { } name } when ManageTokens.TokenName().IsMatch(name) => CreateAsync(name, ctx, ct),
        { Verb: "revoke", Name: { } name } when ManageTokens.TokenName().IsMatch(name) => RevokeAsync(name, ctx, ct),
        _ => sender.SendAsync(ctx.ChatId, RequesterMessages.TokenUsage, ct: ct),
    };

    /// <summary>A token: "mt_" and 32 random bytes in base64url; its first ten characters tell it apart in lists.</summary>
    public static string NewSecret() => "mt_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string PrefixOf(string token) => token[..10];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task CreateAsync(string name, UpdateContext ctx, CancellationToken ct)
    {
        var token = NewSecret();
        if (await tokens.AddAsync(ctx.Worker.Id, name, PrefixOf(token), TokenStore.Hash(token), ct) is null)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.TokenNameTaken, name), ct: ct);
            return;
        }

        await audit.WriteAsync(ctx.Worker.Id, "token.new", ctx.Worker.Id, $"{PrefixOf(token)} ({name})", ct);
        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.TokenCreated, name, token), ct: ct);
    }

    private async Task ListAsync(UpdateContext ctx, CancellationToken ct)
    {
        var live = await tokens.LiveAsync(ctx.Worker.Id, ct);
        if (live.Count == 0)
        {
            await sender.SendAsync(ctx.ChatId, RequesterMessages.NoTokens, ct: ct);
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        var lines = live.Select(t => string.Format(
            culture, RequesterMessages.TokenLine, t.Name, t.Prefix, t.CreatedAt.UtcDateTime.ToString("d", culture),
            t.LastUsedAt is { } used ? used.UtcDateTime.ToString("g", culture) + " UTC" : RequesterMessages.TokenNeverUsed));
        await sender.SendAsync(ctx.ChatId, RequesterMessages.TokensHeader + "\n" + string.Join("\n", lines), ct: ct);
    }

    private async Task RevokeAsync(string name, UpdateContext ctx, CancellationToken ct)
    {
        if (!await tokens.RevokeAsync(ctx.Worker.Id, name, ct))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.TokenUnknown, name), ct: ct);
            return;
        }

        await audit.WriteAsync(ctx.Worker.Id, "token.revoke", ctx.Worker.Id, name, ct);
        await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.TokenRevoked, name), ct: ct);
    }
}
