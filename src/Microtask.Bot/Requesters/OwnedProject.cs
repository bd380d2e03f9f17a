using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// The steps every "/command &lt;project id&gt;" of a requester shares: a project id in the argument (in any script's
/// digits, with or without "#"), and the project being the sender's own.
/// </summary>
internal sealed class OwnedProject(ProjectStore projects, Sender sender)
{
    /// <summary>The sender's project named by <paramref name="argument"/>, or null once the sender has been told why not.</summary>
    public async Task<Project?> ResolveAsync(UpdateContext ctx, string? argument, string usage, CancellationToken ct)
    {
        if (!long.TryParse(Digits.Ascii(argument ?? "").TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await sender.SendAsync(ctx.ChatId, usage, ct: ct);
            return null;
        }

        if (await projects.FindAsync(id, ct) is not { } project || project.RequesterId != ctx.Worker.Id)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentCulture, RequesterMessages.NoSuchProject, id), ct: ct);
            return null;
        }

        return project;
    }
}
