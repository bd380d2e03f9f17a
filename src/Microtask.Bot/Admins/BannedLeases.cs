using System.Globalization;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Admins;

/// <summary>What a ban does to the worker at once: their live lease goes back to the pool, and they are told, in their language.</summary>
internal sealed class BannedLeases(AssignmentStore assignments, ILeaseStore leases, Sender sender, TaskDelivery delivery)
{
    /// <summary>
    /// Releases the worker's live lease (only one of <paramref name="projectId"/>'s tasks when given) and says so on its
    /// message; false when they held none.
    /// </summary>
    public async Task<bool> ReleaseAsync(Worker worker, long? projectId, CancellationToken ct)
    {
        if (await assignments.FindLiveAsync(worker.Id, ct) is not { } claimed
            || (projectId is not null && claimed.Assignment.ProjectId != projectId)
            || !await assignments.ReleaseAsync(claimed.Assignment.Id, worker.Id, AssignmentState.Returned, ct))
        {
            return false;
        }

        await leases.RemoveAsync(worker.Id, claimed.Assignment.Id);
        if (claimed.Assignment.MessageId is { } messageId)
        {
            await InLanguageAsync(worker, culture => delivery.EditAsync(
                worker.TelegramId, (int)messageId, claimed, Text(nameof(AdminMessages.LeaseEndedByBan), culture), ct: ct));
        }

        return true;
    }

    /// <summary>Sends the worker a text of AdminMessages, formatted in the worker's language.</summary>
    public Task TellAsync(Worker worker, string name, Func<CultureInfo, object[]> args, CancellationToken ct) =>
        InLanguageAsync(worker, culture => sender.SendAsync(worker.TelegramId, string.Format(culture, Text(name, culture), args(culture)), ct: ct));

    public static string Text(string name, CultureInfo culture) => AdminMessages.ResourceManager.GetString(name, culture)!;

    /// <summary>Runs with the worker's culture (task texts read it), then gives the admin's back.</summary>
    private static async Task InLanguageAsync(Worker worker, Func<CultureInfo, Task> send)
    {
        var admins = CultureInfo.CurrentUICulture;
        var culture = Languages.Culture(worker.Language);
        Languages.Use(culture);
        try
        {
            await send(culture);
        }
        finally
        {
            Languages.Use(admins);
        }
    }
}
