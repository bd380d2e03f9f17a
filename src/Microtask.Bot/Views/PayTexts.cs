using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Storage;

namespace Microtask.Bot.Views;

/// <summary>A worker's own pay as /me and /balance show it.</summary>
internal static class PayTexts
{
    /// <summary>The days a worker's realised rate looks back over.</summary>
    public static readonly TimeSpan RateSpan = TimeSpan.FromDays(7);

    /// <summary>What the worker's answers of the last 7 days paid an hour, on a line of its own; empty with none.</summary>
    public static string Realised(EarnedRate rate, CurrencyOptions currency) =>
        rate is { Answers: > 0, PerHour: { } perHour }
            ? "\n" + string.Format(CultureInfo.CurrentCulture, WorkerMessages.RealisedRate, currency.Format(perHour, CultureInfo.CurrentCulture), rate.Answers)
            : "";
}
