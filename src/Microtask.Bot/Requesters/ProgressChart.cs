using Microtask.Bot.Resources;
using System.Globalization;

namespace Microtask.Bot.Requesters;

/// <summary>The /progress picture: answers per hour over the last hours, with the share of tasks done in the title.</summary>
internal static class ProgressChart
{
    public static byte[] Png(IReadOnlyList<int> answersPerHour, double shareDone)
    {
        var plot = new ScottPlot.Plot();
        // Bars run from the oldest hour (left) to the current one (right), labelled by hours ago.
        var hoursAgo = Enumerable.Range(0, answersPerHour.Count).Select(i => (double)(i - answersPerHour.Count + 1)).ToArray();
        plot.Add.Bars(hoursAgo, answersPerHour.Select(v => (double)v).ToArray());
        plot.Title(string.Format(CultureInfo.CurrentUICulture, RequesterMessages.ChartTitle, shareDone.ToString("P0", CultureInfo.CurrentUICulture)));
        plot.XLabel(RequesterMessages.ChartHoursAgo);
        plot.Axes.Margins(bottom: 0);
        return plot.GetImageBytes(900, 420, ScottPlot.ImageFormat.Png);
    }
}
