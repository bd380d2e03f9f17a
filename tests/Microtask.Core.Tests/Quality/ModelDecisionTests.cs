using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

/// <summary>
/// The model's "decided": more answers as telling as the typical one cannot change its answer. On 300 tasks of a
/// crowd with 6 careful workers (right 9 times in 10) and 2 who press yes whatever the task, each task answered by 5.
/// </summary>
public class ModelDecisionTests
{
    private static readonly string[] Classes = ["yes", "no"];

    private static readonly (string Key, double? Accuracy)[] Workers =
    [
        .. Enumerable.Range(1, 6).Select(i => ($"good-{i}", (double?)0.9)),
        ("clicker-1", null),
        ("clicker-2", null),
    ];

    private static readonly ModelDecision Decision = Fit();

    [Fact]
    public void Three_careful_workers_against_one_are_decided_with_two_typical_answers_to_come_but_not_with_three()
    {
        AnswerRecord[] answers = [Answer("good-1", "yes"), Answer("good-2", "yes"), Answer("good-3", "yes"), Answer("good-4", "no")];

        Assert.True(Decision.Decided(answers, still: 1));
        Assert.True(Decision.Decided(answers, still: 2)); // a quarter of the answers are a clicker's, which move nothing
        Assert.False(Decision.Decided(answers, still: 3));
        Assert.True(Decision.Decided(answers, still: 0));
    }

    [Fact]
    public void Two_careful_workers_agreeing_are_not_decided_with_three_answers_to_come()
    {
        Assert.False(Decision.Decided([Answer("good-1", "no"), Answer("good-2", "no")], still: 3));
        Assert.True(Decision.Decided([Answer("good-1", "no"), Answer("good-2", "no"), Answer("good-3", "no")], still: 2));
    }

    [Fact]
    public void A_majority_of_random_clickers_decides_nothing()
    {
        // Three against one by votes, which TaskAgreement.Decided calls settled with one answer to come.
        AnswerRecord[] answers = [Answer("clicker-1", "yes"), Answer("clicker-2", "yes"), Answer("good-5", "yes"), Answer("good-6", "no")];
        Assert.True(TaskAgreement.Decided(AnswerKind.YesNo, answers.Select(a => a.Value), 1));

        Assert.False(Decision.Decided(answers, still: 1));
    }

    [Fact]
    public void A_task_with_no_answer_the_model_can_read_is_not_decided()
    {
        Assert.False(Decision.Decided([], still: 1));
        Assert.False(Decision.Decided([Answer("stranger", "yes"), Answer("good-1", "maybe")], still: 0));
    }

    private static AnswerRecord Answer(string worker, string value) => new(-1, worker, value);

    private static ModelDecision Fit()
    {
        var random = new Random(26);
        var answers = new List<AnswerRecord>();
        for (var task = 0; task < 300; task++)
        {
            var truth = Classes[random.Next(2)];
            foreach (var (key, accuracy) in Workers.OrderBy(_ => random.Next()).Take(5))
            {
                var value = accuracy is not { } p ? "yes" : random.NextDouble() < p ? truth : Classes.Single(c => c != truth);
                answers.Add(new AnswerRecord(task, key, value));
            }
        }

        return new ModelDecision(DawidSkene.Aggregate(answers, Classes), Classes);
    }
}
