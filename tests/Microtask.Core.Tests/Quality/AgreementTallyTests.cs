using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

public class AgreementTallyTests
{
    private static List<AnswerRecord> Task(long id, params (string Worker, string Value)[] answers) =>
        [.. answers.Select(a => new AnswerRecord(id, a.Worker, a.Value))];

    [Fact]
    public void Nominal_alpha_matches_the_hand_computed_coincidence_figure()
    {
        // Two coders, three units: (a,a) (a,b) (b,b). Coincidences o_ab = o_ba = 1, n_a = n_b = 3, n = 6:
        // alpha = 1 - (n - 1) * 2 / (3 * 3 * 2) = 1 - 10/18 = 0.444…
        var tally = AgreementTally.For(AnswerKind.SingleChoice)!;
        tally.Add(Task(1, ("x", "a"), ("y", "a")), null);
        tally.Add(Task(2, ("x", "a"), ("y", "b")), null);
        tally.Add(Task(3, ("x", "b"), ("y", "b")), null);

        Assert.Equal(4.0 / 9, tally.Alpha!.Value, 9);
        Assert.Equal(3, tally.Units);
    }

    [Fact]
    public void Interval_alpha_weighs_how_far_ratings_are_apart()
    {
        // Units (1,2) (4,5): each has ordered pairs summing to 2 squared units, over m - 1 = 1: D_o = (2 + 2) / n = 1 with
        // n = 4. All values 1,2,4,5: ordered pairs sum to 2 * 4 * 46 - 2 * 12² = 80, D_e = 80 / (4 * 3) = 6.666…;
        // alpha = 1 - 1 / 6.666… = 0.85.
        var tally = AgreementTally.For(AnswerKind.Rating)!;
        tally.Add(Task(1, ("x", "1"), ("y", "2")), null);
        tally.Add(Task(2, ("x", "4"), ("y", "5")), null);
        tally.Add(Task(3, ("x", "3")), null); // one answer compares with nothing

        Assert.Equal(0.85, tally.Alpha!.Value, 9);
        Assert.Equal(2, tally.Units);
    }

    [Fact]
    public void Workers_are_counted_against_the_results_which_may_be_the_requesters()
    {
        var tally = AgreementTally.For(AnswerKind.FreeText)!;
        tally.Add(Task(1, ("x", " Jakarta"), ("y", "jakarta")), new AggregatedAnswer(1, "jakarta", 1, 1, 2, false, AggregationMethod.FreeTextMajority));
        tally.Add(Task(2, ("x", "Bandung"), ("y", "bandung"), ("z", "Bandung ")), new AggregatedAnswer(2, "Surabaya", 1, 1, 3, false, AggregationMethod.Requester));

        Assert.Equal(1, tally.Alpha); // once normalised, the workers agree on every task
        Assert.Equal([new WorkerAgreement("x", 2, 1), new WorkerAgreement("y", 2, 1), new WorkerAgreement("z", 1, 0)], tally.Workers);
        Assert.Null(AgreementTally.For(AnswerKind.Photo));
    }

    [Fact]
    public void With_no_variation_at_all_there_is_no_alpha()
    {
        var tally = AgreementTally.For(AnswerKind.YesNo)!;
        tally.Add(Task(1, ("x", "yes"), ("y", "yes")), null);

        Assert.Null(tally.Alpha);
        Assert.Equal(1, tally.Units);
    }
}
