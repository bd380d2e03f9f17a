using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

/// <summary>
/// Dynamic overlap's second look at multiple choice, one yes/no model per option: 300 tasks of options a, b and c answered
/// by 4 of 6 careful workers (each tick right 9 times in 10) and 2 who tick everything, then three tasks to judge.
/// </summary>
public class ModelLookTests
{
    private static readonly string[] Options = ["a", "b", "c"];

    [Fact]
    public void A_task_whose_option_only_a_clicker_ticked_is_unsure_and_one_three_careful_workers_agree_on_is_not()
    {
        var answers = Crowd();
        answers.AddRange([Answer(1001, "clicker-1", "a", "b", "c"), Answer(1001, "good-1", "a", "b")]); // c: the clicker alone
        answers.AddRange([Answer(1002, "good-1", "a"), Answer(1002, "good-2", "a"), Answer(1002, "good-3", "a")]);

        var unsure = ModelLook.Unsure(AnswerKind.MultipleChoice, Options, answers, [(1001, 3), (1002, 2)], 90);

        Assert.Equal([1001L], unsure);
    }

    [Fact]
    public void Until_100_percent_two_careful_workers_are_unsure_and_three_with_two_to_come_are_decided()
    {
        var answers = Crowd();
        answers.AddRange([Answer(1001, "good-1", "b"), Answer(1001, "good-2", "b")]);
        answers.AddRange([Answer(1002, "good-1", "a", "c"), Answer(1002, "good-2", "a", "c"), Answer(1002, "good-3", "a", "c")]);

        Assert.Equal([1001L], ModelLook.Unsure(AnswerKind.MultipleChoice, Options, answers, [(1001, 3), (1002, 2)], 100));
    }

    [Fact]
    public void Single_choice_is_one_model_over_the_choices()
    {
        var answers = Crowd().Select(a => a with { Value = ChoiceSet.Read(a.Value)!.Contains("a") ? "a" : "b" }).ToList();
        answers.AddRange([new AnswerRecord(1001, "clicker-1", "a"), new AnswerRecord(1001, "good-1", "a")]); // one careful "a"
        answers.AddRange([new AnswerRecord(1002, "good-4", "a"), new AnswerRecord(1002, "good-5", "a"), new AnswerRecord(1002, "good-6", "a")]);

        Assert.Equal([1001L], ModelLook.Unsure(AnswerKind.SingleChoice, ["a", "b"], answers, [(1001, 3), (1002, 2)], 90));
    }

    private static AnswerRecord Answer(long task, string worker, params string[] ticked) => new(task, worker, System.Text.Json.JsonSerializer.Serialize(ticked));

    private static List<AnswerRecord> Crowd()
    {
        var random = new Random(26);
        string[] workers = [.. Enumerable.Range(1, 6).Select(i => $"good-{i}"), "clicker-1", "clicker-2"];
        var answers = new List<AnswerRecord>();
        for (var task = 0; task < 300; task++)
        {
            var truth = Options.Where(_ => random.Next(2) == 0).ToHashSet();
            foreach (var worker in workers.OrderBy(_ => random.Next()).Take(4))
            {
                var ticked = worker.StartsWith("clicker", StringComparison.Ordinal) ? Options
                    : Options.Where(o => truth.Contains(o) ^ (random.NextDouble() < 0.1)).ToArray();
                answers.Add(Answer(task, worker, ticked));
            }
        }

        return answers;
    }
}
