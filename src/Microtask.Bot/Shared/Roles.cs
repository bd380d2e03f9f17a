using Microsoft.Extensions.Options;
using Microtask.Core;

namespace Microtask.Bot.Shared;

/// <summary>
/// Who may do what. Owners are the Telegram ids in Microtask:Admins:Owners; admins and requesters are granted in the
/// chat (workers.roles), and requesters may also be listed in Microtask:Requesters. The roles come with the worker
/// the router loads for every update, so checking costs no query.
/// </summary>
internal sealed class Roles(IOptions<MicrotaskOptions> options)
{
    public const string Requester = "requester";
    public const string Admin = "admin";

    public bool IsOwner(Worker worker) => options.Value.Admins.Owners.Contains(worker.TelegramId);

    public bool IsAdmin(Worker worker) => IsOwner(worker) || worker.Roles.Contains(Admin);

    public bool IsRequester(Worker worker) => options.Value.Requesters.Contains(worker.TelegramId) || worker.Roles.Contains(Requester);
}
