namespace Microtask.Bot.Telegram;

/// <summary>What a user asked for, parsed from an update. Handlers receive these, never an Update.</summary>
internal abstract record Command;

internal sealed record StartCommand : Command;
internal sealed record TaskCommand : Command;
internal sealed record PauseCommand : Command;
internal sealed record MeCommand : Command;
internal sealed record HelpCommand : Command;
internal sealed record LanguageCommand : Command;
internal sealed record ProjectsCommand : Command;
internal sealed record ResultsCommand(string? Argument) : Command;
internal sealed record ProgressCommand(string? Argument) : Command;
internal sealed record RulesCommand(string? Argument) : Command;

/// <summary>/pause, /resume, /close followed by a project id: a requester changing a project's state.</summary>
internal sealed record ProjectStateCommand(string Verb, string Argument) : Command;

/// <summary>A known command followed by words it does not take.</summary>
internal sealed record JunkArguments(string Command) : Command;
internal sealed record UnknownCommand(string Name) : Command;

/// <summary>Plain text that is not a command: a typed answer. The message id says which task it can answer.</summary>
internal sealed record TextReply(string Text, long MessageId) : Command;
/// <summary>A file sent to the bot; <paramref name="ReplyToText"/> is the text of the bot's message it replies to, if any.</summary>
internal sealed record DocumentReceived(string FileId, string? FileName, long? FileSize, string? Caption, string? ReplyToText = null) : Command;

/// <summary>/limit N | off, /timezone Area/City, /remind HH:MM | off, /digest on | off; the argument as typed, null when none.</summary>
internal sealed record LimitCommand(string? Argument) : Command;
internal sealed record TimeZoneCommand(string? Argument) : Command;
internal sealed record RemindCommand(string? Argument) : Command;
internal sealed record DigestCommand(string? Argument) : Command;

/// <summary>Admins' and money commands (issue 5), each with the rest of the line as typed; null when there is none.</summary>
internal sealed record PromoteCommand(string? Argument) : Command;
internal sealed record DemoteCommand(string? Argument) : Command;
internal sealed record GrantCommand(string? Argument) : Command;
internal sealed record RevokeCommand(string? Argument) : Command;
internal sealed record AuditCommand(string? Argument) : Command;
internal sealed record UserCommand(string? Argument) : Command;
internal sealed record StatsCommand(string? Argument) : Command;
internal sealed record BanCommand(string? Argument) : Command;
internal sealed record UnbanCommand(string? Argument) : Command;
internal sealed record SuspendCommand(string? Argument) : Command;
internal sealed record AppealCommand(string? Argument) : Command;
internal sealed record ReportsCommand(string? Argument) : Command;
internal sealed record BroadcastCommand(string? Argument) : Command;
internal sealed record TopupCommand(string? Argument) : Command;
internal sealed record BalanceCommand(string? Argument) : Command;
internal sealed record WithdrawCommand(string? Argument) : Command;
internal sealed record PayoutsCommand(string? Argument) : Command;

/// <summary>What a worker under a platform ban asked for, other than /appeal, /help or /me: refused politely by the router's check.</summary>
internal sealed record RefusedWhileBanned(DateTimeOffset Until) : Command;

internal sealed record NewProjectCommand : Command;
internal sealed record CancelCommand : Command;

/// <summary>Plain text while a conversation (a /newproject) is open: the answer to its question.</summary>
internal sealed record ConversationReply(string Text) : Command;
internal sealed record DraftKindPressed(int Kind) : Command;
internal sealed record DraftRulesPressed : Command;
internal sealed record ActivatePressed(long ProjectId) : Command;
internal sealed record PreviewPressed : Command;

internal sealed record ConsentPressed : Command;
internal sealed record NextPressed : Command;
internal sealed record LanguagePressed(string Code) : Command;
internal sealed record AnswerPressed(long AssignmentId, int Option) : Command;
internal sealed record SkipPressed(long AssignmentId) : Command;
internal sealed record ReportPressed(long AssignmentId) : Command;
internal sealed record ReportReasonPressed(long AssignmentId, int Reason) : Command;
internal sealed record ImportPressed(long BatchId) : Command;

/// <summary>The Extend button of a lease's reminder: one more time limit, once.</summary>
internal sealed record ExtendPressed(long AssignmentId) : Command;

/// <summary>/payouts' Approve and Reject buttons under a pending withdrawal (admins only; the handler checks).</summary>
internal sealed record PayoutApprovePressed(long PayoutId) : Command;
internal sealed record PayoutRejectPressed(long PayoutId) : Command;

/// <summary>An admin's decision on a report or appeal of the review queue (admins only: the router checks).</summary>
internal sealed record ReviewPressed(Core.ReviewAction Action, long ItemId) : Command;

/// <summary>Confirm, Cancel or Stop of a /broadcast (admins only: the router checks).</summary>
internal sealed record BroadcastPressed(Core.BroadcastStep Step, long BroadcastId) : Command;

/// <summary>Callback data that does not parse: forged, garbage, or from an old version of the bot.</summary>
internal sealed record InvalidButton : Command;
