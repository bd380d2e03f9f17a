namespace Microtask.Core.Quality;

/// <summary>
/// Answers turned into int arrays for the EM loop: tasks, workers and classes are numbered once, and the
/// observations are sorted by task (then worker) so a task's answers are one contiguous slice. Sorting makes
/// the result independent of the order the answers arrived in.
/// </summary>
internal sealed class CrowdIndex
{
    public required long[] TaskIds { get; init; }
    public required string[] WorkerKeys { get; init; }
    /// <summary>Answers of task t are observations TaskStart[t] .. TaskStart[t + 1] - 1.</summary>
    public required int[] TaskStart { get; init; }
    public required int[] Worker { get; init; }
    public required int[] Label { get; init; }
    /// <summary>Tasks whose answers were all outside the classes.</summary>
    public required long[] EmptyTaskIds { get; init; }

    public int Tasks => TaskIds.Length;
    public int Workers => WorkerKeys.Length;

    public static CrowdIndex Build(IEnumerable<AnswerRecord> answers, IReadOnlyList<string> classes)
    {
        var classIndex = ClassNumbers(classes);
        var kept = new List<(long Task, string Worker, int Label)>();
        var seenTasks = new HashSet<long>();
        foreach (var a in answers)
        {
            seenTasks.Add(a.TaskId);
            if (classIndex.TryGetValue(a.Value, out var label))
            {
                kept.Add((a.TaskId, a.WorkerKey, label));
            }
        }

        var taskIds = kept.Select(o => o.Task).Distinct().Order().ToArray();
        var workerKeys = kept.Select(o => o.Worker).Distinct().Order(StringComparer.Ordinal).ToArray();
        var taskOf = Numbering(taskIds);
        var workerOf = Numbering(workerKeys, StringComparer.Ordinal);

        var obs = kept.Select(o => (Task: taskOf[o.Task], Worker: workerOf[o.Worker], o.Label)).ToArray();
        Array.Sort(obs);

        var taskStart = new int[taskIds.Length + 1];
        foreach (var o in obs)
        {
            taskStart[o.Task + 1]++;
        }

        for (var t = 0; t < taskIds.Length; t++)
        {
            taskStart[t + 1] += taskStart[t];
        }

        seenTasks.ExceptWith(taskIds);
        return new CrowdIndex
        {
            TaskIds = taskIds,
            WorkerKeys = workerKeys,
            TaskStart = taskStart,
            Worker = obs.Select(o => o.Worker).ToArray(),
            Label = obs.Select(o => o.Label).ToArray(),
            EmptyTaskIds = seenTasks.Order().ToArray(),
        };
    }

    /// <summary>Each class's position; a class listed twice is refused.</summary>
    public static Dictionary<string, int> ClassNumbers(IReadOnlyList<string> classes)
    {
        var classIndex = new Dictionary<string, int>(classes.Count, StringComparer.Ordinal);
        for (var k = 0; k < classes.Count; k++)
        {
            if (!classIndex.TryAdd(classes[k], k))
            {
                throw new ArgumentException($"Class '{classes[k]}' is listed twice.", nameof(classes));
            }
        }

        return classIndex;
    }

    private static Dictionary<T, int> Numbering<T>(T[] items, IEqualityComparer<T>? comparer = null)
        where T : notnull
    {
        var map = new Dictionary<T, int>(items.Length, comparer);
        for (var i = 0; i < items.Length; i++)
        {
            map[items[i]] = i;
        }

        return map;
    }
}
