using Microtask.Bot.Requesters;
using Microtask.Bot.Telegram;
using Microtask.Core;

namespace Microtask.Bot.Admins;

/// <summary>
/// The router's check before any handler runs: a command that needs a role the sender lacks becomes an unknown
/// command (no admin command is revealed). The roles come with the worker, so this costs no query.
/// </summary>
internal sealed class AdminGate(Roles roles, TimeProvider time)
{
    private enum Needs
    {
        Owner,
        Admin,
    }

    private static readonly Dictionary<Type, Needs> Required = new()
    {
        [typeof(PromoteCommand)] = Needs.Owner,
        [typeof(DemoteCommand)] = Needs.Owner,
        [typeof(GrantCommand)] = Needs.Admin,
        [typeof(RevokeCommand)] = Needs.Admin,
        [typeof(AuditCommand)] = Needs.Admin,
        [typeof(UserCommand)] = Needs.Admin,
        [typeof(StatsCommand)] = Needs.Admin,
        [typeof(BanCommand)] = Needs.Admin,
        [typeof(UnbanCommand)] = Needs.Admin,
        [typeof(SuspendCommand)] = Needs.Admin,
        [typeof(ReportsCommand)] = Needs.Admin,
        [typeof(BroadcastCommand)] = Needs.Admin,
        [typeof(ReviewPressed)] = Needs.Admin,
        [typeof(BroadcastPressed)] = Needs.Admin,
        [typeof(TopupCommand)] = Needs.Admin,
        [typeof(PayoutsCommand)] = Needs.Admin,
    };

    /// <summary>
    /// The command to handle: the one given; a polite refusal for a worker under a platform ban (but /appeal, /help and
    /// /me); an unknown command when the sender lacks the role.
    /// </summary>
    public Command Check(Worker worker, Command command)
    {
        if (worker.BannedUntil is { } until && until > time.GetUtcNow() && command is not (AppealCommand or HelpCommand or MeCommand))
        {
            return new RefusedWhileBanned(until);
        }

        return Required.TryGetValue(command.GetType(), out var needs) && !(needs == Needs.Owner ? roles.IsOwner(worker) : roles.IsAdmin(worker))
            ? new UnknownCommand(command.GetType().Name)
            : command;
    }
}
