using System.Globalization;
using System.Text.RegularExpressions;

namespace Microtask.Core;

/// <summary>Why a written overlap was refused.</summary>
public enum OverlapProblem
{
    /// <summary>Neither a number nor a range with a target.</summary>
    Unreadable,

    /// <summary>A count outside 1–<see cref="OverlapRule.Most"/>.</summary>
    OutOfRange,

    /// <summary>The minimum above the maximum.</summary>
    MinAboveMax,

    /// <summary>A target of 0 % or over 100 %.</summary>
    Target,
}

/// <summary>
/// How many answers each task of a project collects: a fixed count, or a range and a confidence target (dynamic
/// overlap): a task starts wanting <see cref="Min"/> answers and wants one more each time its answers reach what it wants
/// while their agreement is below <see cref="TargetPercent"/>, up to <see cref="Max"/>.
/// </summary>
/// <param name="Min">The answers every task gets; the fixed count when the rule is not dynamic.</param>
/// <param name="Max">The most answers a task gets; equal to <paramref name="Min"/> when fixed.</param>
/// <param name="TargetPercent">The agreement, in percent, that stops a task short of the maximum; null when fixed.</param>
public sealed partial record OverlapRule(int Min, int Max, int? TargetPercent)
{
    /// <summary>The most answers any task may want, as the projects table allows.</summary>
    public const int Most = 20;

    public static OverlapRule Fixed(int overlap) => new(overlap, overlap, null);

    /// <summary>The rule a project's columns hold: its overlap (the minimum), and its maximum and target when dynamic.</summary>
    public static OverlapRule Of(int overlap, int? max, int? target) =>
        max is { } most && target is not null && most > overlap ? new(overlap, most, target) : Fixed(overlap);

    /// <summary>True for a range with a target; a fixed count otherwise.</summary>
    public bool Dynamic => TargetPercent is not null && Max > Min;

    /// <summary>
    /// What a new task wants, and the most it may grow to (null: it never grows). A gold task's answer is known, so it
    /// does not wait for agreement: it takes the maximum, as many gold answers as fixed overlap at the maximum would give.
    /// </summary>
    public (int Overlap, int? Max) ForTask(bool gold) => !Dynamic ? (Min, null) : gold ? (Max, null) : (Min, Max);

    /// <summary>
    /// "3", or "2-5 until 90%" ("2–5", "2 to 5", "sampai"/"hingga", "90 %"); a range whose ends are equal is that fixed
    /// count. Digits already ASCII. Null with the <paramref name="problem"/> when it cannot be taken.
    /// </summary>
    public static OverlapRule? Parse(string text, out OverlapProblem? problem)
    {
        problem = null;
        text = text.Trim();
        if (Count(text) is { } fixedCount)
        {
            return InRange(fixedCount) ? Fixed(fixedCount) : Refuse(OverlapProblem.OutOfRange, out problem);
        }

        var match = Range().Match(text);
        if (!match.Success || Count(match.Groups["min"].Value) is not { } min || Count(match.Groups["max"].Value) is not { } max
            || Count(match.Groups["target"].Value) is not { } target)
        {
            return Refuse(OverlapProblem.Unreadable, out problem);
        }

        return !InRange(min) || !InRange(max) ? Refuse(OverlapProblem.OutOfRange, out problem)
            : min > max ? Refuse(OverlapProblem.MinAboveMax, out problem)
            : target is < 1 or > 100 ? Refuse(OverlapProblem.Target, out problem)
            : min == max ? Fixed(min)
            : new OverlapRule(min, max, target);
    }

    /// <summary>As the requester writes it: "3", or "2-5 until 90%" with <paramref name="until"/> in their language.</summary>
    public string Describe(string until) =>
        Dynamic ? string.Create(CultureInfo.CurrentCulture, $"{Min}–{Max} {until} {TargetPercent}%") : Min.ToString(CultureInfo.CurrentCulture);

    private static bool InRange(int count) => count is >= 1 and <= Most;

    private static int? Count(string text) =>
        text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit) ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    private static OverlapRule? Refuse(OverlapProblem why, out OverlapProblem? problem)
    {
        problem = why;
        return null;
    }

    [GeneratedRegex(@"^(?<min>[0-9]+)\s*(?:-|–|—|to|sampai|s/d)\s*(?<max>[0-9]+)\s*,?\s*(?:until|till|to|sampai|hingga|@)\s*(?<target>[0-9]+)\s*%?$", RegexOptions.IgnoreCase)]
    private static partial Regex Range();
}
