using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

/// <summary>Whether a project's accuracy rule can judge anyone, from its gold tasks, overlap and crowd.</summary>
public sealed class JudgingEstimateTests
{
    private static readonly QualityRules AfterEight = QualityRules.Default with { MinAccuracy = 60, MinGold = 8 };

    [Fact]
    public void The_batch_of_the_issue_judges_nobody_when_its_gold_spreads_over_a_crowd()
    {
        // 300 tasks, 30 of them gold, overlap 5, 40 workers: 150 gold answers, about 3.75 each, and the rule waits for 8.
        var estimate = JudgingEstimate.Of(AfterEight, goldTasks: 30, tasks: 300, overlap: 5, activeWorkers: 40);

        Assert.Equal(JudgingChance.Unlikely, estimate.Chance);
        Assert.Equal(150, estimate.GoldAnswers);
        Assert.Equal(40, estimate.Workers);
        Assert.Equal(3.75, estimate.GoldPerWorker, 6);
        Assert.Equal(64, estimate.GoldTasksNeeded); // 8 × 40 / 5
        Assert.Equal(34, estimate.GoldTasksMissing);
        Assert.Equal(3, estimate.SuggestedAfter);
    }

    [Fact]
    public void Fewer_gold_tasks_than_after_never_judge_whatever_the_crowd()
    {
        var estimate = JudgingEstimate.Of(AfterEight, goldTasks: 5, tasks: 100, overlap: 5, activeWorkers: 1);

        Assert.Equal(JudgingChance.Never, estimate.Chance);
        Assert.Equal(5, estimate.Workers); // never fewer workers than the overlap asks for
        Assert.Equal(5, estimate.GoldPerWorker, 6); // each worker sees every gold task at most once
        Assert.Equal(8, estimate.GoldTasksNeeded);
        Assert.Equal(3, estimate.GoldTasksMissing);
        Assert.Equal(5, estimate.SuggestedAfter);
    }

    [Fact]
    public void Enough_gold_for_the_crowd_is_likely_to_judge()
    {
        var estimate = JudgingEstimate.Of(AfterEight, goldTasks: 60, tasks: 600, overlap: 5, activeWorkers: 20);

        Assert.Equal(JudgingChance.Likely, estimate.Chance);
        Assert.Equal(15, estimate.GoldPerWorker, 6);
        Assert.Equal(0, estimate.GoldTasksMissing);
    }

    [Fact]
    public void A_crowd_is_never_counted_larger_than_the_answers_it_could_give()
    {
        // 10 tasks at overlap 2 take 20 answers: 1,000 active workers cannot all take part.
        var estimate = JudgingEstimate.Of(AfterEight with { MinGold = 2 }, goldTasks: 10, tasks: 10, overlap: 2, activeWorkers: 1000);

        Assert.Equal(20, estimate.Workers);
        Assert.Equal(1, estimate.GoldPerWorker, 6);
        Assert.Equal(JudgingChance.Unlikely, estimate.Chance);
        Assert.Null(estimate.SuggestedAfter); // judging after one gold answer is not worth suggesting
    }

    [Fact]
    public void No_gold_at_all_never_judges_and_a_rule_turned_off_has_nothing_to_judge()
    {
        Assert.Equal(JudgingChance.Never, JudgingEstimate.Of(AfterEight, 0, 50, 3, 10).Chance);
        Assert.Equal(JudgingChance.Off, JudgingEstimate.Of(AfterEight with { MinAccuracy = 0 }, 0, 50, 3, 10).Chance);
    }

    [Fact]
    public void Before_any_batch_it_says_how_many_gold_rows_the_rule_needs()
    {
        var estimate = JudgingEstimate.Before(AfterEight, overlap: 5, activeWorkers: 40);

        Assert.Equal(64, estimate.GoldTasksNeeded);
        Assert.Equal(8, JudgingEstimate.Before(AfterEight, overlap: 5, activeWorkers: 0).GoldTasksNeeded); // a crowd of 5 at least
    }
}
