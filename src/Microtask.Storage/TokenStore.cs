using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Microtask.Storage;

/// <summary>An API token as the store keeps it: never its secret, only the prefix shown to tell tokens apart.</summary>
public sealed record ApiToken(long Id, long RequesterId, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>Requesters' API tokens: made and revoked in the chat, found by the hash of what a client sends.</summary>
public sealed class TokenStore(IDatabase db, TimeProvider time)
{
    /// <summary>Lower-case hex SHA-256 of the whole token: the secret has 256 random bits, so a fast hash is enough.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The new token's id, or null when the requester already has a live token of that name.</summary>
    public async Task<long?> AddAsync(long requesterId, string name, string prefix, string hash, CancellationToken ct = default)
    {
        try
        {
            return await db.InTransactionAsync(
                (c, tx) => c.ExecuteScalarAsync<long?>(
                    """
                    INSERT INTO api_tokens (requester_id, name, prefix, hash, created_at)
                    VALUES (@requesterId, @name, @prefix, @hash, @now) RETURNING id
                    """,
                    new { requesterId, name, prefix, hash, now = Clock.Ms(time.GetUtcNow()) },
                    tx),
                ct);
        }
        catch (System.Data.Common.DbException e) when (Conflicts.IsConflict(e))
        {
            return null;
        }
    }

    /// <summary>The requester's live tokens, oldest first.</summary>
    public async Task<IReadOnlyList<ApiToken>> LiveAsync(long requesterId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<TokenRow>(
            $"SELECT {Columns} FROM api_tokens WHERE requester_id = @requesterId AND revoked_at IS NULL ORDER BY id", new { requesterId });
        return rows.Select(Of).ToList();
    }

    /// <summary>Revokes the requester's live token of that name; false when there is none.</summary>
    public Task<bool> RevokeAsync(long requesterId, string name, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) => await c.ExecuteAsync(
                "UPDATE api_tokens SET revoked_at = @now WHERE requester_id = @requesterId AND name = @name AND revoked_at IS NULL",
                new { requesterId, name, now = Clock.Ms(time.GetUtcNow()) },
                tx) > 0,
            ct);

    /// <summary>The live token a client sent, marked as used now; null for an unknown or revoked one.</summary>
    public Task<ApiToken?> UseAsync(string token, CancellationToken ct = default) =>
        db.InTransactionAsync(
            async (c, tx) =>
            {
                var row = await c.QuerySingleOrDefaultAsync<TokenRow>(
                    $"UPDATE api_tokens SET last_used_at = @now WHERE hash = @hash AND revoked_at IS NULL RETURNING {Columns}",
                    new { hash = Hash(token), now = Clock.Ms(time.GetUtcNow()) },
                    tx);
                return row is null ? null : Of(row);
            },
            ct);

    private const string Columns = "id, requester_id, name, prefix, created_at, last_used_at";

    private static ApiToken Of(TokenRow r) =>
        new(r.Id, r.RequesterId, r.Name, r.Prefix, Clock.At(r.CreatedAt), r.LastUsedAt is { } used ? Clock.At(used) : null);

    private sealed class TokenRow
    {
        public long Id { get; set; }
        public long RequesterId { get; set; }
        public string Name { get; set; } = "";
        public string Prefix { get; set; } = "";
        public long CreatedAt { get; set; }
        public long? LastUsedAt { get; set; }
    }
}
