namespace Microtask.Core.Quality;

/// <summary>
/// Dawid–Skene for an export that streams a project: its choice answers are added one at a time, in task-id
/// order, into int arrays — no record or string is kept per answer, only one key per worker — then fitted once.
/// <see cref="Answer"/> then gives a task's result exactly as <see cref="DawidSkene.Aggregate"/> would over the
/// same answers.
/// </summary>
public sealed class CrowdLabels
{
    private readonly IReadOnlyList<string> classes;
    private readonly Dictionary<string, int> classOf;
    private readonly Dictionary<string, int> workerOf = new(StringComparer.Ordinal);
    private long[] taskIds = new long[256];
    private int[] taskStart = new int[257];
    private int[] worker = new int[1024];
    private int[] label = new int[1024];
    private int tasks;
    private int observations;
    private (CrowdIndex Crowd, DawidSkeneEm Em)? fit;

    /// <param name="classes">The possible values, each once; answers with any other value are skipped.</param>
    public CrowdLabels(IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfZero(classes.Count, nameof(classes));
        this.classes = classes;
        classOf = CrowdIndex.ClassNumbers(classes);
    }

    /// <summary>Answers kept so far (those among the classes).</summary>
    public int Count => observations;

    /// <summary>Adds one answer. Answers must come ordered by task id; a worker answers a task once.</summary>
    public void Add(long taskId, string workerKey, string value)
    {
        ArgumentNullException.ThrowIfNull(workerKey);
        ArgumentNullException.ThrowIfNull(value);
        if (fit is not null)
        {
            throw new InvalidOperationException("The answers were fitted already.");
        }

        if (!classOf.TryGetValue(value, out var k))
        {
            return;
        }

        if (tasks == 0 || taskIds[tasks - 1] != taskId)
        {
            if (tasks > 0 && taskId < taskIds[tasks - 1])
            {
                throw new ArgumentException($"Answers must come ordered by task id ({taskId} after {taskIds[tasks - 1]}).", nameof(taskId));
            }

            Grow(ref taskIds, tasks + 1);
            Grow(ref taskStart, tasks + 2);
            taskIds[tasks] = taskId;
            taskStart[tasks++] = observations;
        }

        if (!workerOf.TryGetValue(workerKey, out var j))
        {
            workerOf.Add(workerKey, j = workerOf.Count);
        }

        Grow(ref worker, observations + 1);
        Grow(ref label, observations + 1);
        worker[observations] = j;
        label[observations++] = k;
    }

    /// <summary>Runs EM over the answers added; after this <see cref="Answer"/> may be asked and nothing more added.</summary>
    public void Fit(int maxIterations = 50, double tolerance = 1e-6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        if (fit is not null)
        {
            return;
        }

        // Numbered as CrowdIndex.Build numbers them — workers by key, a task's answers by worker — so the EM sums
        // in the same order and the figures equal DawidSkene.Aggregate's to the last bit.
        var keys = workerOf.Keys.ToArray();
        var firstSeen = workerOf.Values.ToArray();
        Array.Sort(keys, firstSeen, StringComparer.Ordinal);
        var renumber = new int[keys.Length];
        for (var j = 0; j < keys.Length; j++)
        {
            renumber[firstSeen[j]] = j;
        }

        for (var i = 0; i < observations; i++)
        {
            worker[i] = renumber[worker[i]];
        }

        taskStart[tasks] = observations;
        for (var t = 0; t < tasks; t++)
        {
            Array.Sort(worker, label, taskStart[t], taskStart[t + 1] - taskStart[t]);
        }

        var crowd = new CrowdIndex
        {
            TaskIds = taskIds[..tasks],
            WorkerKeys = keys,
            TaskStart = taskStart[..(tasks + 1)],
            Worker = worker[..observations],
            Label = label[..observations],
            EmptyTaskIds = [],
        };
        (taskIds, taskStart, worker, label) = ([], [], [], []);
        workerOf.Clear();
        fit = (crowd, DawidSkene.Fit(crowd, classes.Count, maxIterations, tolerance).Em);
    }

    /// <summary>
    /// Dawid–Skene's result for a task with at least one answer among the classes; null for any other task.
    /// Fits first if <see cref="Fit"/> was not called.
    /// </summary>
    public AggregatedAnswer? Answer(long taskId)
    {
        Fit();
        var (crowd, em) = fit!.Value;
        var t = Array.BinarySearch(crowd.TaskIds, taskId);
        if (t < 0)
        {
            return null;
        }

        var k = classes.Count;
        var counts = new int[k];
        int from = crowd.TaskStart[t], to = crowd.TaskStart[t + 1];
        for (var i = from; i < to; i++)
        {
            counts[crowd.Label[i]]++;
        }

        return DawidSkeneResult.TaskAnswer(taskId, em.Posterior.AsSpan(t * k, k), counts, to - from, classes);
    }

    private static void Grow<T>(ref T[] array, int needed)
    {
        if (needed > array.Length)
        {
            Array.Resize(ref array, (int)Math.Clamp(array.Length * 2L, needed, Array.MaxLength));
        }
    }
}
