namespace Microtask.Core;

/// <summary>One unit of work: the fields a template renders, and a known answer when it is a gold task.</summary>
public sealed record TaskItem(long Id, long ProjectId, IReadOnlyDictionary<string, string> Fields, string? GoldAnswer)
{
    public bool IsGold => GoldAnswer is not null;
}

public sealed record NewTask(IReadOnlyDictionary<string, string> Fields, string? GoldAnswer = null);
