namespace Microtask.Core;

/// <summary>The buttons of a broadcast: under its preview (Confirm, Cancel) and under its progress (Stop).</summary>
public enum BroadcastStep
{
    Confirm = 0,
    Cancel = 1,
    Stop = 2,
}
