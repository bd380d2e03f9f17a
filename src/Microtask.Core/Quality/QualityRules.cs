using System.Globalization;

namespace Microtask.Core.Quality;

/// <summary>
/// The quality rules a requester chooses for a project (beside its gold rate): when a worker is suspended from it
/// for gold accuracy or for answering too fast, whether a qualification comes first, and whether suspended workers'
/// answers count in the results.
/// </summary>
/// <param name="MinAccuracy">Suspend when the smoothed gold accuracy on this project falls below this percent; 0 for never.</param>
/// <param name="MinGold">How many of the project's gold answers a worker gives before the accuracy rule judges.</param>
/// <param name="MinSeconds">An answer given sooner than this after the task was leased is flagged as too fast; 0 for no check.</param>
/// <param name="FastFlags">This many too-fast flags on the project suspend the worker from it.</param>
/// <param name="Qualification">Gold tasks a worker answers before any other task of the project; 0 for none.</param>
/// <param name="ExcludeSuspended">Leave out of the results the answers of workers suspended from the project or banned.</param>
public sealed record QualityRules(int MinAccuracy, int MinGold, int MinSeconds, int FastFlags, int Qualification, bool ExcludeSuspended)
{
    public const int MaxMinGold = 1000;
    public const int MaxMinSeconds = 3600;
    public const int MaxFastFlags = 100;
    public const int MaxQualification = 50;

    /// <summary>Suspend below 60 % after 8 gold answers; no speed check; no qualification; suspended workers' answers left out.</summary>
    public static readonly QualityRules Default = new(60, 8, 0, 3, 0, true);

    /// <summary>Gold accuracy as workers see it in /me: (correct + 1) / (total + 2), so a newcomer starts at 50 %.</summary>
    public static double Smoothed(int correct, int total) => (correct + 1.0) / (total + 2.0);

    /// <summary>True when the accuracy rule judges these gold figures as below the bar.</summary>
    public bool AccuracyFails(int correct, int total) =>
        MinAccuracy > 0 && total >= MinGold && Smoothed(correct, total) * 100 < MinAccuracy;

    /// <summary>True when the worker has given all the qualification's gold answers and passed by the accuracy bar.</summary>
    public bool QualificationPassed(int correct, int total) =>
        total >= Qualification && Smoothed(correct, total) * 100 >= MinAccuracy;

    /// <summary>True when an answer this soon after its lease began is too fast for the project.</summary>
    public bool TooFast(TimeSpan taken) => MinSeconds > 0 && taken < TimeSpan.FromSeconds(MinSeconds);

    /// <summary>What the requester typed, item by item.</summary>
    public enum Key
    {
        Gold,
        Accuracy,
        After,
        Fast,
        Flags,
        Qualify,
        Exclude,
    }

    /// <summary>
    /// Reads "gold 20%, accuracy 70% after 10, fast 3s flags 3, qualify 5, exclude no" (English or Indonesian words, any
    /// order, any subset: what is not named keeps its value from <paramref name="start"/>). "default" keeps everything.
    /// On a wrong item, <paramref name="error"/> names it and nothing is taken.
    /// </summary>
    public static bool TryParse(string text, QualityRules start, int startGold, out QualityRules rules, out int goldPercent, out string? error)
    {
        (rules, goldPercent, error) = (start, startGold, null);
        var words = text.ToLowerInvariant().Split([' ', ',', ';', '\n', '\r', '\t', '·'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && words[0] is "default" or "defaults" or "ok" or "bawaan" or "standar")
        {
            return true;
        }

        if (words.Length == 0 || words.Length % 2 != 0)
        {
            error = words.Length == 0 ? "" : words[^1];
            return false;
        }

        var (r, gold) = (start, startGold);
        for (var i = 0; i < words.Length; i += 2)
        {
            var (word, value) = (words[i], words[i + 1]);
            var ok = KeyOf(word) switch
            {
                Key.Gold => Percent(value) is { } g && Set(ref gold, g),
                Key.Accuracy => Percent(value) is { } a && Set(ref r, r with { MinAccuracy = a }),
                Key.After => Count(value, 1, MaxMinGold) is { } n && Set(ref r, r with { MinGold = n }),
                Key.Fast => Seconds(value) is { } s && Set(ref r, r with { MinSeconds = s }),
                Key.Flags => Count(value, 1, MaxFastFlags) is { } f && Set(ref r, r with { FastFlags = f }),
                Key.Qualify => (Off(value) ? 0 : Count(value, 1, MaxQualification)) is { } q && Set(ref r, r with { Qualification = q }),
                Key.Exclude => YesNo(value) is { } x && Set(ref r, r with { ExcludeSuspended = x }),
                _ => false,
            };
            if (!ok)
            {
                error = $"{words[i]} {words[i + 1]}";
                return false;
            }
        }

        (rules, goldPercent) = (r, gold);
        return true;
    }

    private static bool Set<T>(ref T target, T value)
    {
        target = value;
        return true;
    }

    /// <summary>Whether a (lower-case) word names one of the rules, in either language.</summary>
    public static bool IsItem(string word) => KeyOf(word) is not null;

    private static Key? KeyOf(string word) => word switch
    {
        "gold" or "emas" or "kontrol" => Key.Gold,
        "accuracy" or "akurasi" => Key.Accuracy,
        "after" or "setelah" => Key.After,
        "fast" or "cepat" => Key.Fast,
        "flags" or "flag" or "tanda" => Key.Flags,
        "qualify" or "qualification" or "kualifikasi" => Key.Qualify,
        "exclude" or "kecualikan" => Key.Exclude,
        _ => null,
    };

    private static bool Off(string value) => value is "0" or "off" or "none" or "no" or "mati" or "tidak";

    private static int? Percent(string value) => Count(value.TrimEnd('%'), 0, 100);

    private static int? Seconds(string value)
    {
        if (Off(value))
        {
            return 0;
        }

        var digits = value.EndsWith("detik", StringComparison.Ordinal) ? value[..^5] : value.TrimEnd('s');
        return Count(digits, 1, MaxMinSeconds);
    }

    private static int? Count(string value, int min, int max) =>
        value.Length is > 0 and <= 6 && value.All(char.IsAsciiDigit) && int.Parse(value, CultureInfo.InvariantCulture) is var n && n >= min && n <= max ? n : null;

    private static bool? YesNo(string value) => value switch
    {
        "yes" or "on" or "ya" or "y" => true,
        "no" or "off" or "tidak" or "n" => false,
        _ => null,
    };
}

/// <summary>Why the rules suspended a worker from a project.</summary>
public enum SuspensionRule
{
    Accuracy,
    TooFast,
    Qualification,
}

/// <summary>A worker's record on one project after an answer: gold answers, right ones, too-fast flags, qualified yet.</summary>
public sealed record QualityRecord(int GoldCorrect, int GoldTotal, int FastFlags, bool Qualified)
{
    public double Accuracy => QualityRules.Smoothed(GoldCorrect, GoldTotal);
}

/// <summary>What the rules made of one answer: a suspension, or the qualification just passed, or nothing.</summary>
public sealed record QualityVerdict(QualityRecord Record, SuspensionRule? Suspended, bool Qualified)
{
    /// <summary>
    /// Judges the answer that brought the worker's record to <paramref name="after"/>: the qualification when its last
    /// gold answer came in, then the accuracy rule on a gold answer, then the speed rule on a flagged one. Each rule
    /// fires on the answer that crosses its line, so a suspension is imposed once.
    /// </summary>
    public static QualityVerdict Judge(QualityRules rules, QualityRecord after, bool gold, bool tooFast)
    {
        if (gold && rules.Qualification > 0 && !after.Qualified && after.GoldTotal >= rules.Qualification)
        {
            return rules.QualificationPassed(after.GoldCorrect, after.GoldTotal)
                ? new(after with { Qualified = true }, null, Qualified: true)
                : new(after, SuspensionRule.Qualification, false);
        }

        if (gold && rules.AccuracyFails(after.GoldCorrect, after.GoldTotal))
        {
            return new(after, SuspensionRule.Accuracy, false);
        }

        return tooFast && after.FastFlags >= rules.FastFlags ? new(after, SuspensionRule.TooFast, false) : new(after, null, false);
    }
}
