using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/digest on | off, or /digest alone; the argument as typed.</summary>
internal sealed record SetDigest(string? Argument) : ITypedCommand<SetDigest>
{
    public static string Trigger => "/digest";

    public static Access Access => Access.Requester;

    public static SetDigest Parse(string? argument) => new(argument);
}

/// <summary>Turns on or off a requester's daily summary of their open projects, at Microtask:Notices:DailyAt.</summary>
internal sealed class SetDigestHandler(NoticeStore notices, Sender sender, IOptions<MicrotaskOptions> options) : IHandler<SetDigest>
{
    public async Task HandleAsync(SetDigest command, UpdateContext ctx, CancellationToken ct)
    {
        // The time as the requester writes one: "09.00" in Indonesian, "9:00 AM" in English.
        var at = DateTime.Today.Add(options.Value.Notices.DailyAt).ToString("t", CultureInfo.CurrentCulture);
        string reply;
        switch (command.Argument?.ToLowerInvariant())
        {
            case "on" or "ya" or "aktif":
                await notices.SetDigestAsync(ctx.Worker.Id, on: true, ct);
                reply = string.Format(CultureInfo.CurrentCulture, RequesterMessages.DigestOn, at);
                break;
            case "off" or "tidak" or "nonaktif":
                await notices.SetDigestAsync(ctx.Worker.Id, on: false, ct);
                reply = RequesterMessages.DigestOff;
                break;
            case null:
                reply = string.Format(
                    CultureInfo.CurrentCulture, await notices.WantsDigestAsync(ctx.Worker.Id, ct) ? RequesterMessages.DigestStatusOn : RequesterMessages.DigestStatusOff, at);
                break;
            default:
                reply = RequesterMessages.DigestUsage;
                break;
        }

        await sender.SendAsync(ctx.ChatId, reply, ct: ct);
    }
}
