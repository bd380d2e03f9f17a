using Microtask.Core;

namespace Microtask.Batches.Tests;

/// <summary>Practice rows and explanations: what a batch may say beside its fields about known answers.</summary>
public class PracticeRowTests
{
    private static readonly BatchRules Buttons = Batch.Rules with { PracticeAllowed = true };

    [Fact]
    public async Task Json_practice_rows_carry_their_answer_and_explanation_and_are_not_counted_as_gold()
    {
        const string jsonl = """
            {"text": "a kitten", "image": "https://a", "GOLDEN:animal": "Cat", "HINT:animal": "Young cats.", "practice": true}
            {"text": "a dog", "image": "https://b", "gold": "dog", "explanation": "It barks."}
            {"text": "a bird", "image": "https://c", "practice": false}
            """;

        var report = await Batch.ParseAsync(jsonl, "tasks.jsonl", Buttons);

        Assert.Empty(report.Rejected);
        Assert.Equal(
            [("cat", "Young cats.", true), ("dog", "It barks.", false), (null, null, false)],
            report.Accepted.Select(t => (t.GoldAnswer, t.Explanation, t.Practice)));
        Assert.Equal(1, report.GoldCount);
        Assert.Equal(1, report.PracticeCount);
    }

    [Fact]
    public async Task Practice_in_a_project_answered_otherwise_than_with_one_button_is_refused()
    {
        var report = await Batch.ParseAsync("text,image,gold,explanation,practice\na,https://a,cat,Why.,yes\nb,https://b,,,no\n");

        Assert.Equal([(2, RejectReason.PracticeNotAnswerable, "practice")], report.Rejected.Select(r => (r.Line, r.Code, r.Field)));
        Assert.Single(report.Accepted);
    }

    [Fact]
    public async Task Two_explanation_columns_refuse_the_file_and_two_keys_refuse_the_object()
    {
        var csv = await Batch.ParseAsync("text,image,gold,hint,explanation\na,https://a,cat,x,y\n", rules: Buttons);
        Assert.Equal(["hint", "explanation"], Batch.Refused(csv, FileErrorCode.SeveralColumnsOfOneKind).Names);

        var json = await Batch.ParseAsync("""{"text": "a", "image": "https://a", "gold": "cat", "hint": "x", "explanation": "y"}""", "t.jsonl", Buttons);
        Assert.Equal([(1, RejectReason.DuplicateField, "explanation")], json.Rejected.Select(r => (r.Line, r.Code, r.Field)));
    }

    [Fact]
    public async Task An_explanation_longer_than_a_value_may_be_is_refused()
    {
        var report = await Batch.ParseAsync($"text,image,gold,explanation\na,https://a,cat,{new string('x', 4001)}\n", rules: Buttons);

        Assert.Equal([(2, RejectReason.TooLong, "explanation")], report.Rejected.Select(r => (r.Line, r.Code, r.Field)));
    }
}
