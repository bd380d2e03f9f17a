namespace Microtask.Core;

/// <summary>Why a worker reported a task; the index is what the Report buttons carry.</summary>
public enum ReportReason
{
    Offensive = 0,
    Broken = 1,
    Unclear = 2,
}
