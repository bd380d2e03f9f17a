using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>The workers who answered a project, by the pseudonyms its /results file shows them under.</summary>
internal sealed class ProjectPseudonyms(BonusStore bonuses, PseudonymSalt salt)
{
    public async Task<IReadOnlyDictionary<string, long>> OfAsync(long projectId, CancellationToken ct)
    {
        var workers = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var workerId in await bonuses.AnsweredByAsync(projectId, ct))
        {
            workers.TryAdd(Pseudonym.Of(salt.Value, projectId, workerId), workerId);
        }

        return workers;
    }

    /// <summary>A pseudonym as a requester types or pastes it: with or without "@", in any case, with spaces around.</summary>
    public static string Normalize(string typed) => typed.Trim().TrimStart('@').ToLowerInvariant();
}
