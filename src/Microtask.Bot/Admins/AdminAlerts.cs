using System.Globalization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Admins;

/// <summary>
/// Tells every admin and owner, each in their own language, that something waits for them: a new appeal (/reports)
/// or a new payout request (/payouts). Sent off the worker's update through the Sender's bulk lane, after the worker's
/// reply, so many admins neither delay nor fail the worker's command. Kept in memory: an alert lost to a restart
/// leaves its item waiting in the queue all the same.
/// </summary>
internal sealed class AdminAlerts(
    IServiceScopeFactory scopes, Sender sender, Roles roles, IOptions<MicrotaskOptions> options, IHostApplicationLifetime lifetime, ILogger<AdminAlerts> log)
{
    public void Appeal(Worker worker) =>
        Start(worker, "appeal", culture => string.Format(culture, Text(AdminMessages.ResourceManager, nameof(AdminMessages.AppealAlert), culture), Targets.Who(worker)));

    public void Withdrawal(Worker worker, long payoutId, long amount) =>
        Start(worker, "withdrawal", culture => string.Format(
            culture,
            Text(MoneyMessages.ResourceManager, nameof(MoneyMessages.WithdrawalAlert), culture),
            Targets.Who(worker),
            options.Value.Currency.Format(amount, culture),
            payoutId));

    private static string Text(System.Resources.ResourceManager texts, string name, CultureInfo culture) => texts.GetString(name, culture)!;

    private void Start(Worker about, string alert, Func<CultureInfo, string> text) =>
        _ = Task.Run(() => SendAsync(about, alert, text, lifetime.ApplicationStopping), CancellationToken.None);

    private async Task SendAsync(Worker about, string alert, Func<CultureInfo, string> text, CancellationToken ct)
    {
        try
        {
            IReadOnlyList<Worker> admins;
            await using (var scope = scopes.CreateAsyncScope())
            {
                admins = await scope.ServiceProvider.GetRequiredService<WorkerStore>().AdminsAsync(options.Value.Admins.Owners, ct);
            }

            foreach (var admin in admins.Where(a => a.Id != about.Id && roles.IsAdmin(a)))
            {
                try
                {
                    await sender.SendBulkAsync(admin.TelegramId, text(Languages.Culture(admin.Language)), ct: ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // The error's kind only: the alert's text names a worker and is not for the log.
                    log.LogWarning("Could not tell admin {ChatId} of a new {Alert}: {Error}", admin.TelegramId, alert, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception e)
        {
            log.LogError("Could not tell the admins of a new {Alert}: {Error}", alert, e.GetType().Name);
        }
    }
}

/// <summary>A worker's withdrawal request, told to the admins who decide it.</summary>
internal sealed class WithdrawalAlert(AdminAlerts alerts) : IEventHandler<WithdrawalRequested>
{
    public Task HandleAsync(WithdrawalRequested e, CancellationToken ct)
    {
        alerts.Withdrawal(e.Worker, e.PayoutId, e.Amount);
        return Task.CompletedTask;
    }
}
