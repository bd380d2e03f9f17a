using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Bot.Requesters;

/// <summary>A project's overlap as requesters write and read it: in the wizard's overlap step, in /rules, in the summary.</summary>
internal static class OverlapText
{
    /// <summary>"3" or "2-5 until 90%", in any script's digits; the rule, or the hint that says what is wrong.</summary>
    public static (OverlapRule? Rule, string? Hint) Read(string text, AnswerKind kind)
    {
        if (OverlapRule.Parse(Digits.Ascii(text), out var problem) is not { } rule)
        {
            return (null, problem switch
            {
                OverlapProblem.MinAboveMax => RequesterMessages.HintOverlapOrder,
                OverlapProblem.Target => RequesterMessages.HintOverlapTarget,
                _ => RequesterMessages.HintOverlap,
            });
        }

        return rule.Dynamic && kind.UsesMedia() ? (null, RequesterMessages.HintOverlapMedia) : (rule, null);
    }

    /// <summary>"3", or "2–5 until 90%" (in the summary's "overlap …").</summary>
    public static string Short(OverlapRule rule) => rule.Describe(RequesterMessages.OverlapUntil);

    /// <summary>The /rules line: the answers each task gets.</summary>
    public static string Line(OverlapRule rule) => rule.Dynamic
        ? string.Format(CultureInfo.CurrentCulture, RequesterMessages.OverlapLineDynamic, rule.Min, rule.Max, rule.TargetPercent)
        : string.Format(CultureInfo.CurrentCulture, RequesterMessages.OverlapLineFixed, rule.Min);

    /// <summary>
    /// Takes the overlap item out of /rules' changes: "overlap" and what follows it, up to a comma, a semicolon, a line's
    /// end or the next quality rule's word. Null when the changes name no overlap; the rest is the quality rules' part.
    /// </summary>
    public static (string? Overlap, string Others) Split(string changes)
    {
        var rest = new List<string>();
        string? overlap = null;
        foreach (var line in changes.Split('\n'))
        {
            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length; i++)
            {
                if (overlap is not null || !words[i].TrimEnd(':').Equals("overlap", StringComparison.OrdinalIgnoreCase))
                {
                    rest.Add(words[i]);
                    continue;
                }

                var taken = new List<string>();
                while (++i < words.Length && !QualityRules.IsItem(words[i].ToLowerInvariant()))
                {
                    var ends = words[i].EndsWith(',') || words[i].EndsWith(';');
                    taken.Add(words[i].TrimEnd(',', ';'));
                    if (ends)
                    {
                        break;
                    }
                }

                i -= i < words.Length && QualityRules.IsItem(words[i].ToLowerInvariant()) ? 1 : 0;
                overlap = string.Join(' ', taken);
            }

            rest.Add("\n");
        }

        return (overlap, string.Join(' ', rest).Replace(" \n", "\n", StringComparison.Ordinal).Trim());
    }
}
