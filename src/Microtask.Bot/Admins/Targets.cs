using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>The user an admin command names by Telegram id (its first word), and how admins' texts show a user.</summary>
internal sealed class Targets(WorkerStore workers, Sender sender)
{
    /// <summary>The named worker and the rest of the line; null (after telling the admin why) when absent or unknown.</summary>
    public async Task<(Worker Worker, string Remainder)?> FindAsync(string? argument, string usage, UpdateContext ctx, CancellationToken ct)
    {
        var parts = (argument ?? "").Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var telegramId))
        {
            await sender.SendAsync(ctx.ChatId, usage, ct: ct);
            return null;
        }

        if (await workers.FindAsync(telegramId, ct) is not { } worker)
        {
            await sender.SendAsync(ctx.ChatId, string.Format(CultureInfo.CurrentUICulture, AdminMessages.UserUnknown, telegramId), ct: ct);
            return null;
        }

        return (worker, parts.Length > 1 ? parts[1].Trim() : "");
    }

    public static string Who(Worker worker) => Who(worker.Name, worker.TelegramId);

    public static string Who(string? name, long? telegramId) =>
        telegramId is null ? "—" : $"{TaskTemplate.Escape(name ?? "")} ({telegramId.Value.ToString(CultureInfo.InvariantCulture)})";
}
