using System.Globalization;
using Microtask.Bot.Resources;
using ScottPlot.TickGenerators;

namespace Microtask.Bot.Requesters;

/// <summary>
/// The /progress picture: answers per hour over the project's last hours (its whole life when younger than the window),
/// the oldest on the left and the current hour on the right, with the share of tasks done in the title.
/// </summary>
internal static class ProgressChart
{
    private static readonly int[] HourSteps = [1, 2, 3, 6, 12, 24];

    private const int MostTicks = 8;

    public static byte[] Png(IReadOnlyList<int> answersPerHour, double shareDone) =>
        Plot(answersPerHour, shareDone, CultureInfo.CurrentCulture).GetImageBytes(900, 420, ScottPlot.ImageFormat.Png);

    public static ScottPlot.Plot Plot(IReadOnlyList<int> answersPerHour, double shareDone, CultureInfo culture)
    {
        var hours = answersPerHour.Count;
        var plot = new ScottPlot.Plot();
        plot.Add.Bars(Enumerable.Range(0, hours).Select(i => (double)i).ToArray(), answersPerHour.Select(v => (double)v).ToArray());
        plot.Title(string.Format(culture, RequesterMessages.ChartTitle, shareDone.ToString("P0", culture), hours));
        plot.XLabel(RequesterMessages.ChartHoursAgo);
        plot.YLabel(RequesterMessages.ChartAnswers);

        // Hours ago as positive numbers, the current hour "now"; the axis ends with it, never in the future.
        var hourStep = HourSteps.FirstOrDefault(s => hours / s <= MostTicks, 24);
        var hoursAgo = Enumerable.Range(0, hours).Where(h => h % hourStep == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual(
            hoursAgo.Select(h => (double)(hours - 1 - h)).ToArray(),
            hoursAgo.Select(h => h == 0 ? RequesterMessages.ChartNow : h.ToString("N0", culture)).ToArray());

        // Answers are whole: ticks at whole steps of 1, 2 or 5 times a power of ten, grouped the reader's way.
        var most = Math.Max(answersPerHour.DefaultIfEmpty(0).Max(), 1);
        var step = WholeStep(most);
        var top = (most + step - 1) / step * step;
        var counts = Enumerable.Range(0, (int)(top / step) + 1).Select(i => i * step).ToArray();
        plot.Axes.Left.TickGenerator = new NumericManual(counts.Select(c => (double)c).ToArray(), counts.Select(c => c.ToString("N0", culture)).ToArray());

        plot.Axes.SetLimits(-0.5, hours - 0.5, 0, top * 1.05);
        return plot;
    }

    /// <summary>The smallest of 1, 2, 5, 10, 20, 50, … that marks 0 to <paramref name="most"/> with at most five steps.</summary>
    private static long WholeStep(long most)
    {
        for (long power = 1; ; power *= 10)
        {
            foreach (var factor in new[] { 1, 2, 5 })
            {
                if (most <= factor * power * 5)
                {
                    return factor * power;
                }
            }
        }
    }
}
