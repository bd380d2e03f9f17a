namespace Microtask.Core;

/// <summary>What an admin decides on an item of the review queue: the first four for a report, the last two for an appeal.</summary>
public enum ReviewAction
{
    Dismiss = 0,
    RemoveTask = 1,
    PauseProject = 2,
    BanRequester = 3,
    LiftBan = 4,
    KeepBan = 5,
}
