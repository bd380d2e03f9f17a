using System.Globalization;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// The /progress chart: hours ago on its x-axis as positive numbers ending now (never in the future), whole answers on
/// its y-axis grouped the reader's way.
/// </summary>
public sealed class ProgressChartTests
{
    [Theory]
    [InlineData("id", "1.000")]
    [InlineData("en", "1,000")]
    public void Hours_ago_run_from_the_window_to_now_and_answers_are_whole_numbers_grouped_the_readers_way(string language, string grouped)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        var perHour = Enumerable.Range(0, 48).Select(i => i * 35).ToArray(); // up to 1,645

        var (x, y, limits) = Render(perHour, culture);

        Assert.All(x, t => Assert.True(int.TryParse(t.Label, NumberStyles.None, culture, out _) || t.Label == Now(language), t.Label));
        Assert.Contains(x, t => int.TryParse(t.Label, NumberStyles.None, culture, out var hours) && hours >= 40); // two days back
        Assert.Equal(Now(language), x.MaxBy(t => t.Position).Label);
        Assert.True(limits.Left >= -1 && limits.Right <= perHour.Length, $"x from {limits.Left} to {limits.Right}");
        Assert.All(y, t => Assert.Equal(Math.Round(t.Position), t.Position));
        Assert.Contains(y, t => t.Label == grouped);
    }

    [Fact]
    public void A_few_answers_get_whole_ticks_only()
    {
        var culture = CultureInfo.GetCultureInfo("en");
        var (_, y, _) = Render([0, 1, 2, 1], culture);

        Assert.NotEmpty(y);
        Assert.All(y, t => Assert.Equal(Math.Round(t.Position), t.Position));
        Assert.All(y, t => Assert.DoesNotContain(".", t.Label));
    }

    private static (ScottPlot.Tick[] X, ScottPlot.Tick[] Y, ScottPlot.AxisLimits Limits) Render(int[] perHour, CultureInfo culture)
    {
        var plot = ProgressChart.Plot(perHour, 0.5, culture);
        plot.GetImageBytes(900, 420, ScottPlot.ImageFormat.Png); // ticks and limits are settled by a render
        var x = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor && t.Label.Length > 0).ToArray();
        var y = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor && t.Label.Length > 0).ToArray();
        return (x, y, plot.Axes.GetLimits());
    }

    private static string Now(string language) => language == "id" ? "sekarang" : "now";
}

/// <summary>The chart's window: a young project's hours so far, not two empty days.</summary>
public abstract class ProgressWindowTests(string backend) : BotTest(backend)
{
    [Fact]
    public async Task A_project_an_hour_old_is_charted_over_its_own_hours_and_an_older_one_over_two_days()
    {
        var young = await Bot.ProjectAsync(AnswerKind.YesNo, tasks: 1);
        Bot.Time.Advance(TimeSpan.FromMinutes(70));

        var progress = Bot.Get<ProgressStore>();
        var now = Bot.Time.GetUtcNow();
        Assert.Equal(2, (await progress.ForAsync(young, now, now.AddHours(-1), 48)).AnswersPerHour.Count);

        Bot.Time.Advance(TimeSpan.FromDays(3));
        now = Bot.Time.GetUtcNow();
        Assert.Equal(48, (await progress.ForAsync(young, now, now.AddHours(-1), 48)).AnswersPerHour.Count);
    }
}

public sealed class EmbeddedProgressWindowTests() : ProgressWindowTests("Embedded");

public sealed class PostgresProgressWindowTests() : ProgressWindowTests("Postgres");
