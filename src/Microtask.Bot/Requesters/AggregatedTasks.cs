using System.Runtime.CompilerServices;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>A task as the results give it: its answers under the caller's worker keys, and its result.</summary>
internal sealed record AggregatedTask(TaskWithAnswers Task, IReadOnlyList<AnswerRecord> Answers, AggregatedAnswer? Result);

/// <summary>
/// A project's tasks one at a time with their results, as /results computes them: the streaming aggregation's first
/// pass over every answer, then each task with its answers, the requester's settled answer winning over the crowd's.
/// </summary>
internal static class AggregatedTasks
{
    /// <param name="key">A worker's key in the answers (a pseudonym for what leaves the bot).</param>
    public static async IAsyncEnumerable<AggregatedTask> ReadAsync(
        Project project, ResultSnapshot source, Func<long, string> key, [EnumeratorCancellation] CancellationToken ct)
    {
        var aggregation = new StreamingAggregation(project.Kind, project.Choices);
        if (aggregation.NeedsFirstPass)
        {
            await foreach (var answer in source.AnswersAsync(ct))
            {
                aggregation.Observe(answer.TaskId, key(answer.WorkerId), answer.Value);
            }
        }

        await foreach (var task in source.TasksAsync(ct))
        {
            var records = task.Answers.Select(a => new AnswerRecord(task.Id, key(a.WorkerId), a.Value)).ToList();
            yield return new AggregatedTask(task, records, AggregatedAnswer.Settled(aggregation.Aggregate(task.Id, records), task.Id, task.Final));
        }
    }
}
