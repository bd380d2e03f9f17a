using System.Globalization;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>Each /newproject answer is read the way a requester would write it, and a wrong one changes nothing.</summary>
public sealed class ProjectDraftTests
{
    private static readonly ProjectDraft AtKind = new() { Step = DraftStep.Kind, Title = "T", Instructions = "I" };

    public ProjectDraftTests() => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("90 detik", 90)]
    [InlineData("5m", 300)]
    [InlineData("5 menit", 300)]
    [InlineData("5", 300)]
    [InlineData("1h", 3600)]
    [InlineData("24 jam", 86400)]
    [InlineData("٣m", 180)]
    [InlineData("１h", 3600)]
    [InlineData("٣٠s", 30)]
    [InlineData("४५ detik", 45)]
    public void Time_limits_read_in_either_language(string text, int seconds)
    {
        var (draft, hint) = (AtKind with { Step = DraftStep.TimeLimit }).Answer(text);
        Assert.Null(hint);
        Assert.Equal(seconds, draft.TimeLimitSeconds);
        Assert.Equal(DraftStep.DailyCap, draft.Step);
    }

    [Theory]
    [InlineData("20", 20)]
    [InlineData("20s", 20)]
    [InlineData("2m", 120)]
    [InlineData("٢ menit", 120)]
    [InlineData("45 detik", 45)]
    [InlineData("1 jam", 3600)]
    public void Task_times_read_a_bare_number_as_seconds(string text, int seconds)
    {
        var (draft, hint) = (AtKind with { Step = DraftStep.TaskTime, Reward = 100 }).Answer(text);
        Assert.Null(hint);
        Assert.Equal(seconds, draft.TaskSeconds);
        Assert.Equal(DraftStep.Overlap, draft.Step);
        Assert.Equal(seconds, draft.ToProject(1).EstimatedSeconds);
    }

    [Fact]
    public void A_time_limit_below_the_tasks_own_time_is_asked_again()
    {
        var atLimit = AtKind with { Step = DraftStep.TimeLimit, TaskSeconds = 120 };
        var (same, hint) = atLimit.Answer("90s");
        Assert.Equal(atLimit, same);
        Assert.Contains("A task takes about 2 min", hint);
        Assert.Null(atLimit.Answer("2m").Hint);
    }

    [Theory]
    [InlineData(nameof(DraftStep.TaskTime), "0")]
    [InlineData(nameof(DraftStep.TaskTime), "25h")]
    [InlineData(nameof(DraftStep.TaskTime), "quick")]
    [InlineData(nameof(DraftStep.TimeLimit), "29s")]
    [InlineData(nameof(DraftStep.TimeLimit), "25h")]
    [InlineData(nameof(DraftStep.TimeLimit), "soon")]
    [InlineData(nameof(DraftStep.TimeLimit), "٢٥h")]
    [InlineData(nameof(DraftStep.TimeLimit), "١٠٠٠٠٠٠٠s")]
    [InlineData(nameof(DraftStep.Overlap), "0")]
    [InlineData(nameof(DraftStep.Overlap), "3.5x")]
    [InlineData(nameof(DraftStep.Reward), "-1")]
    [InlineData(nameof(DraftStep.Reward), "100000001")]
    [InlineData(nameof(DraftStep.DailyCap), "100001")]
    [InlineData(nameof(DraftStep.Kind), "10")]
    [InlineData(nameof(DraftStep.Options), "a, A")]
    [InlineData(nameof(DraftStep.Options), "1,2,3,4,5,6,7,8,9,10,11")]
    [InlineData(nameof(DraftStep.Template), "<b>{{x}}")]
    [InlineData(nameof(DraftStep.Title), "two\nlines")]
    public void A_wrong_answer_leaves_the_draft_as_it_was_with_a_hint(string step, string text)
    {
        var before = AtKind with { Step = Enum.Parse<DraftStep>(step) };
        var (after, hint) = before.Answer(text);
        Assert.NotNull(hint);
        Assert.Same(before, after);
    }

    [Fact]
    public void Numbers_take_thousands_separators_and_the_budget_must_pay_one_reward()
    {
        var atBudget = AtKind with { Step = DraftStep.Budget, Reward = 5_000 };
        Assert.Equal(1_500_000, atBudget.Answer("1.500.000").Draft.Budget);
        Assert.Equal(1_500_000, atBudget.Answer("1,500,000").Draft.Budget);
        Assert.NotNull(atBudget.Answer("4999").Hint);
        Assert.NotNull(atBudget.Answer("6.5").Hint); // not 65: a decimal point is not a thousands separator
        Assert.NotNull(atBudget.Answer("1.500,000").Hint);
        Assert.Equal(1_500_000, atBudget.Answer("1 500 000").Draft.Budget);
        Assert.Equal(DraftStep.Done, atBudget.Answer("5000").Draft.Step);
    }

    [Fact]
    public void Choices_come_one_per_line_or_comma_separated_and_other_kinds_skip_the_question()
    {
        var choice = AtKind.Answer("1").Draft;
        Assert.Equal(DraftStep.Options, choice.Step);
        Assert.Equal(["cat", "dog, small"], choice.Answer("cat\ndog, small\n").Draft.Options);
        Assert.Equal(["cat", "dog"], choice.Answer(" cat , dog ").Draft.Options);
        Assert.Equal(DraftStep.Template, AtKind.Answer("ya/tidak").Draft.Step);
        Assert.Equal(AnswerKind.Number, AtKind.Answer("angka").Draft.Kind);
    }

    [Fact]
    public void A_finished_draft_survives_its_json_and_becomes_the_project()
    {
        var draft = new ProjectDraft();
        foreach (var text in new[] { "Pets", "Pick", "1", "cat, dog", "{{text}}", "100", "20s", "3", "2m", "none", "accuracy 70% after 10, fast 2s", "1000" })
        {
            draft = ProjectDraft.FromJson(draft.Answer(text).Draft.ToJson());
        }

        var project = draft.ToProject(requesterId: 7);
        Assert.Equal(new NewProject("Pets", "Pick", AnswerKind.SingleChoice, project.Options, "{{text}}", 100, 3, TimeSpan.FromMinutes(2), 7, Budget: 1000, Rules: QualityRules.Default with { MinAccuracy = 70, MinGold = 10, MinSeconds = 2 }) { EstimatedSeconds = 20 }, project);
        Assert.Equal(["cat", "dog"], project.Options);
        Assert.Null(project.DailyCap);
    }

    [Theory]
    [InlineData("6", "red, blue", "yes", "{{text}}", "MultipleChoice", true, false, 1, 30)]
    [InlineData("7", null, "no", "{{a}} {{b}}", "Pairwise", false, false, 1, 30)]
    [InlineData("7", null, "ya", "{{a}} {{b}}", "Pairwise", false, true, 1, 30)]
    [InlineData("8", null, "3 - 45 detik", "{{text}}", "Voice", false, false, 3, 45)]
    public void The_new_kinds_questions_survive_the_drafts_json_into_the_projects_settings(
        string kind, string? options, string detail, string template, string expected, bool none, bool same, int min, int max)
    {
        var draft = new ProjectDraft();
        foreach (var text in new[] { "Pets", "Pick", kind, options, detail, template, "100", "20s", "3", "2m", "none", "default", "1000" }.OfType<string>())
        {
            var (next, hint) = draft.Answer(text);
            Assert.Null(hint);
            draft = ProjectDraft.FromJson(next.ToJson());
        }

        var project = draft.ToProject(requesterId: 7);
        Assert.Equal(expected, project.Kind.ToString());
        Assert.Equal(new AnswerSettings { NoneOption = none, AllowSame = same, MinVoiceSeconds = min, MaxVoiceSeconds = max }, project.Settings ?? AnswerSettings.Default);
    }
}
