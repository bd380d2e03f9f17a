using System.Buffers;
using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Views;

/// <summary>The user an admin command names by Telegram id or @username (its first word), and how admins' texts show a user.</summary>
internal sealed class Targets(WorkerStore workers, Sender sender)
{
    private static readonly SearchValues<char> UsernameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    /// <summary>The named worker and the rest of the line; null (after telling the admin why) when absent or unknown.</summary>
    public async Task<(Worker Worker, string Remainder)?> FindAsync(string? argument, string usage, UpdateContext ctx, CancellationToken ct)
    {
        var parts = (argument ?? "").Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        var who = parts.Length == 0 ? "" : parts[0];
        var culture = CultureInfo.CurrentUICulture;
        string? unknown = null;
        Worker? worker = null;
        if (IsUsername(who))
        {
            worker = await workers.FindByUsernameAsync(who, ct);
            unknown = string.Format(culture, AdminMessages.UsernameUnknown, who[1..]);
        }
        else if (long.TryParse(Digits.Ascii(who), NumberStyles.None, CultureInfo.InvariantCulture, out var telegramId))
        {
            worker = await workers.FindAsync(telegramId, ct);
            unknown = string.Format(culture, AdminMessages.UserUnknown, telegramId);
        }

        if (worker is null)
        {
            await sender.SendAsync(ctx.ChatId, unknown ?? usage, ct: ct);
            return null;
        }

        return (worker, parts.Length > 1 ? parts[1].Trim() : "");
    }

    /// <summary>
    /// An @username as Telegram allows them (4–32 letters, digits and underscores: four-letter ones are sold as
    /// collectibles), so the text is safe to echo.
    /// </summary>
    public static bool IsUsername(string word) =>
        word.Length is >= 5 and <= 33 && word[0] == '@' && word.AsSpan(1).IndexOfAnyExcept(UsernameChars) < 0;

    public static string Who(Worker worker) =>
        worker.Username is { } username
            ? $"{Quotes.Of(worker.Name, Quotes.Word)} (@{TaskTemplate.Escape(username)}, {worker.TelegramId.ToString(CultureInfo.InvariantCulture)})"
            : Who(worker.Name, worker.TelegramId);

    public static string Who(string? name, long? telegramId) =>
        telegramId is null ? "—" : $"{Quotes.Of(name ?? "", Quotes.Word)} ({telegramId.Value.ToString(CultureInfo.InvariantCulture)})";
}
