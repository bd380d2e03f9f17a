using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Storage;

// Row shapes as Dapper reads them from either backend (SQLite returns every integer as long).
// A row class serves every query over its table; columns a query does not select keep their defaults.
internal sealed class WorkerRow
{
    public long Id { get; set; }
    public long TelegramId { get; set; }
    public string Name { get; set; } = "";
    public string Language { get; set; } = "";
    public bool Consented { get; set; }
    public bool Active { get; set; }
    public long Balance { get; set; }
    public long GoldTotal { get; set; }
    public long GoldCorrect { get; set; }
    public string Roles { get; set; } = "";
    public long? BannedUntil { get; set; }
    public long? DailyLimit { get; set; }
    public string? TimeZone { get; set; }
    public long? RemindAt { get; set; }

    public Worker ToWorker() => new(Id, TelegramId, Name, Language, Consented, Active, Balance, (int)GoldTotal, (int)GoldCorrect)
    {
        Roles = Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
        BannedUntil = BannedUntil is { } until ? Clock.At(until) : null,
        Day = new WorkerDaySettings((int?)DailyLimit, TimeZone, (int?)RemindAt),
    };
}

internal sealed class ProjectRow
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Instructions { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Options { get; set; } = "[]";
    public string Template { get; set; } = "";
    public long Reward { get; set; }
    public long Overlap { get; set; }
    public long? OverlapMax { get; set; }
    public long? OverlapTarget { get; set; }
    public long TimeLimitSeconds { get; set; }
    public string State { get; set; } = "";
    public long? RequesterId { get; set; }
    public long GoldPercent { get; set; }
    public long? Budget { get; set; }
    public long? DailyCap { get; set; }
    public string? PausedBy { get; set; }
    public long MinAccuracy { get; set; } = QualityRules.Default.MinAccuracy;
    public long MinGold { get; set; } = QualityRules.Default.MinGold;
    public long MinSeconds { get; set; }
    public long FastFlags { get; set; } = QualityRules.Default.FastFlags;
    public long Qualification { get; set; }
    public bool ExcludeSuspended { get; set; } = true;
    public string? OptionLabels { get; set; }
    public string? AnswerSettings { get; set; }
    public long? EstimatedSeconds { get; set; }
    public long? MeasuredSeconds { get; set; }
    public long MeasuredAnswers { get; set; }
    public long PracticeTasks { get; set; }

    public Project ToProject() => new(
        Id, Title, Instructions, Enum.Parse<AnswerKind>(Kind), Json.List(Options), Template, Reward, (int)Overlap,
        TimeSpan.FromSeconds(TimeLimitSeconds), Enum.Parse<ProjectState>(State))
    {
        RequesterId = RequesterId, OverlapMax = (int?)OverlapMax, OverlapTarget = (int?)OverlapTarget, GoldPercent = (int)GoldPercent, Budget = Budget, DailyCap = (int?)DailyCap, PausedForBudget = PausedBy == "budget",
        PausedByAdmin = PausedBy == "admin",
        Rules = new QualityRules((int)MinAccuracy, (int)MinGold, (int)MinSeconds, (int)FastFlags, (int)Qualification, ExcludeSuspended),
        OptionLabels = OptionLabels is null ? new Dictionary<string, IReadOnlyList<string>>() : Json.Labels(OptionLabels),
        Settings = AnswerSettings is null ? Core.AnswerSettings.Default : Json.Settings(AnswerSettings),
        EstimatedSeconds = (int?)EstimatedSeconds,
        Measured = MeasuredSeconds is { } seconds ? ((int)seconds, (int)MeasuredAnswers) : null,
        PracticeTasks = (int)PracticeTasks,
    };
}

internal sealed class TaskRow
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public string Fields { get; set; } = "{}";
    public string? GoldAnswer { get; set; }

    public TaskItem ToTask() => new(Id, ProjectId, Json.Map(Fields), GoldAnswer);
}

internal sealed class AssignmentRow
{
    public long Id { get; set; }
    public long TaskId { get; set; }
    public long ProjectId { get; set; }
    public long WorkerId { get; set; }
    public string State { get; set; } = "";
    public long ExpiresAt { get; set; }
    public long? MessageId { get; set; }
    public long? ReminderMessageId { get; set; }
    public long TelegramId { get; set; }
    public string Language { get; set; } = "";
    public string Fields { get; set; } = "{}";
    public string? GoldAnswer { get; set; }

    /// <summary>PostgreSQL's claim's mark for an assignment the worker already held (rather than one it just leased).</summary>
    public bool Held { get; set; }

    public Assignment ToAssignment() => new(
        Id, TaskId, ProjectId, WorkerId, Clock.At(ExpiresAt), Enum.Parse<AssignmentState>(State, ignoreCase: true), MessageId);

    /// <summary>The task, where the row was read with the task's fields and gold answer.</summary>
    public TaskItem ToTask() => new(TaskId, ProjectId, Json.Map(Fields), GoldAnswer);
}
