using System.Globalization;

namespace Microtask.Core;

/// <summary>
/// The compact strings carried by inline buttons (at most 64 bytes). They are only a claim by the client:
/// handlers check ownership, liveness and option range against the store.
/// </summary>
public abstract record CallbackData
{
    public sealed record Next : CallbackData;
    public sealed record Consent : CallbackData;
    public sealed record Language(string Code) : CallbackData;
    public sealed record Answer(long AssignmentId, int Option) : CallbackData;
    public sealed record Skip(long AssignmentId) : CallbackData;
    public sealed record Report(long AssignmentId) : CallbackData;
    public sealed record ReportReason(long AssignmentId, int Reason) : CallbackData;
    public sealed record Import(long BatchId) : CallbackData;

    /// <summary>/newproject's answer-kind question, answered with a button.</summary>
    public sealed record DraftKind(int Kind) : CallbackData;

    /// <summary>/newproject's quality question, answered with "use these".</summary>
    public sealed record DraftRules : CallbackData;

    /// <summary>The Activate button under a new project's preview.</summary>
    public sealed record Activate(long ProjectId) : CallbackData;

    /// <summary>The reminder's button: one more time limit on this lease.</summary>
    public sealed record Extend(long AssignmentId) : CallbackData;

    /// <summary>A button of a preview task: it answers nothing.</summary>
    public sealed record Preview : CallbackData;

    /// <summary>/payouts' buttons under a pending withdrawal.</summary>
    public sealed record PayoutApprove(long PayoutId) : CallbackData;

    public sealed record PayoutReject(long PayoutId) : CallbackData;

    /// <summary>A decision on an item of the admins' review queue (<see cref="ReviewAction"/>), by the report's or appeal's id.</summary>
    public sealed record Review(int Action, long ItemId) : CallbackData;

    /// <summary>A broadcast's buttons: confirm or cancel its preview, stop it while it runs (<see cref="BroadcastStep"/>).</summary>
    public sealed record Broadcast(int Step, long BroadcastId) : CallbackData;

    public const int MaxBytes = 64;

    public string Format() => this switch
    {
        Next => "n",
        Consent => "c",
        Language l => $"l:{l.Code}",
        Answer a => Invariant($"a:{a.AssignmentId}:{a.Option}"),
        Skip s => Invariant($"s:{s.AssignmentId}"),
        Report r => Invariant($"r:{r.AssignmentId}"),
        ReportReason rr => Invariant($"rr:{rr.AssignmentId}:{rr.Reason}"),
        Import i => Invariant($"bi:{i.BatchId}"),
        DraftKind k => Invariant($"pk:{k.Kind}"),
        Activate p => Invariant($"pa:{p.ProjectId}"),
        Preview => "pv",
        DraftRules => "pq",
        Extend x => Invariant($"x:{x.AssignmentId}"),
        PayoutApprove p => Invariant($"pya:{p.PayoutId}"),
        PayoutReject p => Invariant($"pyr:{p.PayoutId}"),
        Review q => Invariant($"q:{q.Action}:{q.ItemId}"),
        Broadcast b => Invariant($"b:{b.Step}:{b.BroadcastId}"),
        _ => throw new InvalidOperationException(GetType().Name),
    };

    /// <summary>Parses button data; anything malformed, too long or unknown is null.</summary>
    public static CallbackData? Parse(string? data)
    {
        if (string.IsNullOrEmpty(data) || data.Length > MaxBytes)
        {
            return null;
        }

        var parts = data.Split(':');
        return (parts[0], parts.Length) switch
        {
            ("n", 1) => new Next(),
            ("c", 1) => new Consent(),
            ("l", 2) when parts[1] is "en" or "id" => new Language(parts[1]),
            ("a", 3) when Id(parts[1]) is { } id && Small(parts[2]) is { } option => new Answer(id, option),
            ("s", 2) when Id(parts[1]) is { } id => new Skip(id),
            ("r", 2) when Id(parts[1]) is { } id => new Report(id),
            ("rr", 3) when Id(parts[1]) is { } id && Small(parts[2]) is { } reason => new ReportReason(id, reason),
            ("bi", 2) when Id(parts[1]) is { } id => new Import(id),
            ("pk", 2) when Small(parts[1]) is { } kind && Enum.IsDefined((AnswerKind)kind) => new DraftKind(kind),
            ("pa", 2) when Id(parts[1]) is { } id => new Activate(id),
            ("pv", 1) => new Preview(),
            ("pq", 1) => new DraftRules(),
            ("x", 2) when Id(parts[1]) is { } id => new Extend(id),
            ("pya", 2) when Id(parts[1]) is { } id => new PayoutApprove(id),
            ("pyr", 2) when Id(parts[1]) is { } id => new PayoutReject(id),
            ("q", 3) when Small(parts[1]) is { } action && Enum.IsDefined((ReviewAction)action) && Id(parts[2]) is { } id => new Review(action, id),
            ("b", 3) when Small(parts[1]) is { } step && Enum.IsDefined((BroadcastStep)step) && Id(parts[2]) is { } id => new Broadcast(step, id),
            _ => null,
        };
    }

    private static long? Id(string s) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;

    private static int? Small(string s) =>
        s.Length <= 3 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
