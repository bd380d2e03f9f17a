namespace Microtask.Bot.Telegram.Transport;

/// <summary>
/// The updates the poller has handed out and not yet seen finished. Telegram confirms by offset, so the
/// poller may only confirm up to the oldest unfinished update; newer ones are handled meanwhile.
/// </summary>
internal sealed class InFlightUpdates
{
    private readonly SortedSet<int> running = [];
    private TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (running)
            {
                return running.Count;
            }
        }
    }

    /// <summary>The offset that confirms exactly the finished updates: the oldest running one, else past the newest started.</summary>
    public int? Offset(int? newestStarted)
    {
        lock (running)
        {
            return running.Count > 0 ? running.Min : newestStarted + 1;
        }
    }

    /// <summary>Completes when any update finishes after this call.</summary>
    public Task NextFinish()
    {
        lock (running)
        {
            return finished.Task;
        }
    }

    public void Start(int updateId)
    {
        lock (running)
        {
            running.Add(updateId);
        }
    }

    public void Finish(int updateId)
    {
        TaskCompletionSource done;
        lock (running)
        {
            running.Remove(updateId);
            done = finished;
            finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
