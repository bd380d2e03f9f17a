using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

public class BradleyTerryTests
{
    private static Comparison[] Times(int n, string a, string b, string outcome) => Enumerable.Repeat(new Comparison(a, b, outcome), n).ToArray();

    [Fact]
    public void Two_items_get_the_odds_their_record_gives_three_wins_to_one_is_three_to_one()
    {
        // Maximum likelihood by hand: p_x / (p_x + p_y) = 3/4, so p_x / p_y = 3; held at geometric mean 1: √3 and 1/√3.
        var scores = BradleyTerry.Fit([.. Times(3, "x", "y", Pairs.A), .. Times(1, "y", "x", Pairs.A)], prior: 0);

        Assert.Equal(["x", "y"], scores.Select(s => s.Item));
        Assert.Equal(Math.Sqrt(3), scores[0].Score, 6);
        Assert.Equal(1 / Math.Sqrt(3), scores[1].Score, 6);
        Assert.Equal((3.0, 4), (scores[0].Wins, scores[0].Comparisons));
    }

    [Fact]
    public void A_same_is_half_a_win_to_each_so_an_even_record_gives_equal_scores()
    {
        var scores = BradleyTerry.Fit([.. Times(2, "x", "y", Pairs.Same), new("x", "y", Pairs.A), new("x", "y", Pairs.B)], prior: 0);

        Assert.Equal(1.0, scores[0].Score, 6);
        Assert.Equal(1.0, scores[1].Score, 6);
        Assert.Equal(2.0, scores[0].Wins);
    }

    [Fact]
    public void A_chain_of_wins_orders_the_items_and_the_prior_keeps_an_unbeaten_item_finite()
    {
        // x beats y, y beats z, x beats z, each every time: without a prior x's score would grow without end.
        var scores = BradleyTerry.Fit([.. Times(3, "x", "y", Pairs.A), .. Times(3, "z", "y", Pairs.B), .. Times(3, "x", "z", Pairs.A)]);

        Assert.Equal(["x", "y", "z"], scores.Select(s => s.Item));
        Assert.All(scores, s => Assert.True(double.IsFinite(s.Score) && s.Score > 0));
        Assert.True(scores[0].Score > 1 && scores[2].Score < 1, "the reference item of strength 1 sits between the best and the worst");
    }

    [Fact]
    public void The_iteration_reaches_the_likelihood_maximum_where_each_items_expected_wins_equal_its_wins()
    {
        List<Comparison> comparisons =
        [
            .. Times(5, "a", "b", Pairs.A), .. Times(2, "a", "b", Pairs.B), .. Times(4, "b", "c", Pairs.A), .. Times(3, "b", "c", Pairs.B),
            .. Times(1, "a", "c", Pairs.A), .. Times(3, "a", "c", Pairs.B), .. Times(2, "c", "d", Pairs.A), .. Times(2, "d", "a", Pairs.Same),
        ];
        var scores = BradleyTerry.Fit(comparisons, prior: 0).ToDictionary(s => s.Item, s => s.Score);

        // At the maximum, Σ_j n_ij · p_i / (p_i + p_j) = W_i for every item i (the likelihood's stationarity condition).
        foreach (var item in scores.Keys)
        {
            var wins = comparisons.Sum(c => c.Outcome == Pairs.Same ? (c.A == item || c.B == item ? 0.5 : 0) : (c.Outcome == Pairs.A ? c.A : c.B) == item ? 1 : 0);
            var expected = comparisons.Where(c => c.A == item || c.B == item)
                .Sum(c => scores[item] / (scores[item] + scores[c.A == item ? c.B : c.A]));
            Assert.Equal(wins, expected, 6);
        }
    }

    [Fact]
    public void Outcomes_other_than_A_B_or_same_and_an_item_against_itself_are_left_out()
    {
        var scores = BradleyTerry.Fit([new("x", "y", "maybe"), new("x", "x", Pairs.A), new("x", "y", Pairs.A)]);

        Assert.Equal([1, 1], scores.Select(s => s.Comparisons));
    }
}
