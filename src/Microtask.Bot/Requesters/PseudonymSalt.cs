using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microtask.Bot.Shared;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// The secret that turns worker ids into the pseudonyms of /results: Microtask:PseudonymSalt when configured, else a
/// random one made at the first start and kept in the database, so that no one who reads the source can turn a results
/// file back into worker ids, and every instance (and every restart) writes the same pseudonyms.
/// </summary>
internal sealed class PseudonymSalt(SettingStore settings, IOptions<MicrotaskOptions> options) : IHostedService
{
    private const string Setting = "pseudonym_salt";

    private string? value;

    public string Value => value ?? throw new InvalidOperationException("The pseudonym salt is read at start.");

    public async Task StartAsync(CancellationToken ct) =>
        value = options.Value.PseudonymSalt is { Length: > 0 } configured
            ? configured
            : await settings.GetOrAddAsync(Setting, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
