using Microsoft.Extensions.Options;
using Microtask.Bot.Hosting;
using Microtask.Core;

namespace Microtask.Bot.Requesters;

/// <summary>Who may act as a requester: for now the Telegram ids listed in config (admins grant it in issue 5).</summary>
internal sealed class Roles(IOptions<MicrotaskOptions> options)
{
    public bool IsRequester(Worker worker) => options.Value.Requesters.Contains(worker.TelegramId);
}
