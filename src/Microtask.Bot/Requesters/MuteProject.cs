using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Views;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// 🔕 Mute / 🔔 Unmute under a requester's message: the worker's, though it lives with the messages it answers. The data
/// says which (pressing Mute twice mutes once), and the button turns into the other.
/// </summary>
internal sealed record MuteProject(bool Mute, long ProjectId) : IButtonCommand<MuteProject>
{
    public static string Prefix => "mu";

    public static Access Access => Access.Worker;

    // Muting shields the worker; a ban is no reason to keep a project's messages coming.
    public static bool WhileBanned => true;

    public string Data => Callback.Data(Prefix, Mute ? 1 : 0, ProjectId);

    public static MuteProject? Parse(CallbackArgs args) =>
        args.Count == 2 && args.Small(0) is 0 or 1 && args.Id(1) is { } id ? new(args.Small(0) == 1, id) : null;
}

internal sealed class MuteProjectHandler(ProjectStore projects, ProjectNoticeStore notices, Sender sender) : IHandler<MuteProject>
{
    public async Task HandleAsync(MuteProject command, UpdateContext ctx, CancellationToken ct)
    {
        if (await projects.FindAsync(command.ProjectId, ct) is null)
        {
            ctx.Toast = RequesterMessages.MuteGone;
            return;
        }

        await notices.SetMutedAsync(ctx.Worker.Id, command.ProjectId, command.Mute, ct);
        if (ctx.MessageId is { } id)
        {
            var next = command.Mute
                ? Keyboards.Single(RequesterMessages.UnmuteButton, new MuteProject(false, command.ProjectId))
                : Keyboards.Single(RequesterMessages.MuteButton, new MuteProject(true, command.ProjectId));
            await sender.EditKeyboardAsync(ctx.ChatId, id, next, ct);
        }

        ctx.Toast = string.Format(CultureInfo.CurrentCulture, command.Mute ? RequesterMessages.Muted : RequesterMessages.Unmuted, command.ProjectId);
    }
}
