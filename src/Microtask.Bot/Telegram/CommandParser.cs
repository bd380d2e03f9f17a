using Microtask.Core;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace Microtask.Bot.Telegram;

/// <summary>Turns a message or a button press into a typed command.</summary>
internal static class CommandParser
{
    public static Command? FromMessage(Message message)
    {
        if (message.Document is { } doc)
        {
            // Only a reply to the bot's own message can name a project (its "#id"); a user's own words cannot.
            var replyTo = message.ReplyToMessage is { From.IsBot: true } original ? original.Text ?? original.Caption : null;
            return new DocumentReceived(doc.FileId, doc.FileName, doc.FileSize, message.Caption, replyTo);
        }

        var text = message.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!text.StartsWith('/'))
        {
            return new TextReply(text, message.MessageId);
        }

        var parts = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        // "/task@microtask_bot" in a group names the bot; the name is ours either way.
        var name = parts[0].Split('@')[0].ToLowerInvariant();
        var hasArguments = parts.Length > 1;
        if (hasArguments && name is "/pause" or "/resume" or "/close")
        {
            return new ProjectStateCommand(name, parts[1].Trim());
        }

        Command command = name switch
        {
            "/start" => new StartCommand(), // deep-link payloads are allowed and ignored
            "/task" => new TaskCommand(),
            "/pause" => new PauseCommand(),
            "/me" => new MeCommand(),
            "/help" => new HelpCommand(),
            "/language" => new LanguageCommand(),
            "/projects" => new ProjectsCommand(),
            "/newproject" => new NewProjectCommand(),
            "/cancel" => new CancelCommand(),
            "/resume" or "/close" => new JunkArguments(name), // they need a project id
            "/results" => new ResultsCommand(Argument(parts)),
            "/progress" => new ProgressCommand(Argument(parts)),
            "/rules" => new RulesCommand(Argument(parts)),
            "/limit" => new LimitCommand(Argument(parts)),
            "/timezone" => new TimeZoneCommand(Argument(parts)),
            "/remind" => new RemindCommand(Argument(parts)),
            "/digest" => new DigestCommand(Argument(parts)),
            "/promote" => new PromoteCommand(Argument(parts)),
            "/demote" => new DemoteCommand(Argument(parts)),
            "/grant" => new GrantCommand(Argument(parts)),
            "/revoke" => new RevokeCommand(Argument(parts)),
            "/audit" => new AuditCommand(Argument(parts)),
            "/user" => new UserCommand(Argument(parts)),
            "/stats" => new StatsCommand(Argument(parts)),
            "/ban" => new BanCommand(Argument(parts)),
            "/unban" => new UnbanCommand(Argument(parts)),
            "/suspend" => new SuspendCommand(Argument(parts)),
            "/appeal" => new AppealCommand(Argument(parts)),
            "/reports" => new ReportsCommand(Argument(parts)),
            "/broadcast" => new BroadcastCommand(Argument(parts)),
            "/topup" => new TopupCommand(Argument(parts)),
            "/balance" => new BalanceCommand(Argument(parts)),
            "/withdraw" => new WithdrawCommand(Argument(parts)),
            "/payouts" => new PayoutsCommand(Argument(parts)),
            _ => new UnknownCommand(name),
        };
        return hasArguments && !TakesArguments(command) ? new JunkArguments(name) : command;
    }

    private static string? Argument(string[] parts) => parts.Length > 1 ? parts[1].Trim() : null;

    private static bool TakesArguments(Command command) => command is StartCommand or UnknownCommand or ResultsCommand or ProgressCommand or RulesCommand
        or LimitCommand or TimeZoneCommand or RemindCommand or DigestCommand or PromoteCommand or DemoteCommand or GrantCommand
        or RevokeCommand or AuditCommand or UserCommand or StatsCommand or BanCommand or UnbanCommand or SuspendCommand or AppealCommand
        or ReportsCommand or BroadcastCommand or TopupCommand or BalanceCommand or WithdrawCommand or PayoutsCommand;

    public static Command FromCallback(string? data) => CallbackData.Parse(data) switch
    {
        CallbackData.Consent => new ConsentPressed(),
        CallbackData.Next => new NextPressed(),
        CallbackData.Language l => new LanguagePressed(l.Code),
        CallbackData.Answer a => new AnswerPressed(a.AssignmentId, a.Option),
        CallbackData.Skip s => new SkipPressed(s.AssignmentId),
        CallbackData.Report r => new ReportPressed(r.AssignmentId),
        CallbackData.ReportReason rr => new ReportReasonPressed(rr.AssignmentId, rr.Reason),
        CallbackData.Import i => new ImportPressed(i.BatchId),
        CallbackData.DraftKind k => new DraftKindPressed(k.Kind),
        CallbackData.Activate a => new ActivatePressed(a.ProjectId),
        CallbackData.Preview => new PreviewPressed(),
        CallbackData.DraftRules => new DraftRulesPressed(),
        CallbackData.Extend x => new ExtendPressed(x.AssignmentId),
        CallbackData.PayoutApprove p => new PayoutApprovePressed(p.PayoutId),
        CallbackData.PayoutReject p => new PayoutRejectPressed(p.PayoutId),
        CallbackData.Review q => new ReviewPressed((ReviewAction)q.Action, q.ItemId),
        CallbackData.Broadcast b => new BroadcastPressed((BroadcastStep)b.Step, b.BroadcastId),
        _ => new InvalidButton(),
    };

    public static bool IsPrivate(Chat chat) => chat.Type == ChatType.Private;
}
