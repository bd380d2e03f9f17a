using System.Security.Cryptography;
using System.Text;

namespace Microtask.Core;

/// <summary>
/// What requesters see instead of a worker: stable within one project, unrelated across projects, and not
/// reversible to a Telegram id without the installation's secret salt.
/// </summary>
public static class Pseudonym
{
    public static string Of(string salt, long projectId, long workerId)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes($"{projectId}:{workerId}"));
        return "w" + Convert.ToHexStringLower(hash)[..10];
    }
}
