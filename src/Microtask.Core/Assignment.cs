namespace Microtask.Core;

public enum AssignmentState
{
    Active,
    Submitted,
    Skipped,
    Returned,
    Reported,
    Expired,
}

/// <summary>A lease of one task to one worker until <see cref="ExpiresAt"/>.</summary>
public sealed record Assignment(
    long Id,
    long TaskId,
    long ProjectId,
    long WorkerId,
    DateTimeOffset ExpiresAt,
    AssignmentState State,
    long? MessageId)
{
    public bool IsLive(DateTimeOffset now) => State == AssignmentState.Active && now < ExpiresAt;
}

/// <summary>An assignment with everything needed to show it.</summary>
public sealed record ClaimedTask(Assignment Assignment, Project Project, TaskItem Task);
