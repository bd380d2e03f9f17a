using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Core;
using Microtask.Core.Quality;

namespace Microtask.Bot.Views;

/// <summary>The quality rules in words: for the requester who sets them, for the worker they judged.</summary>
internal static class QualityTexts
{
    /// <summary>One line per rule, in the current culture.</summary>
    public static string Describe(QualityRules rules, int goldPercent)
    {
        var c = CultureInfo.CurrentCulture;
        return string.Join(
            "\n",
            string.Format(c, QualityMessages.RulesGold, goldPercent),
            rules.MinAccuracy > 0 ? string.Format(c, QualityMessages.RulesAccuracy, rules.MinAccuracy, rules.MinGold) : QualityMessages.RulesAccuracyOff,
            rules.MinSeconds > 0 ? string.Format(c, QualityMessages.RulesFast, rules.MinSeconds, rules.FastFlags) : QualityMessages.RulesFastOff,
            rules.Qualification > 0 ? string.Format(c, QualityMessages.RulesQualification, rules.Qualification, rules.MinAccuracy) : QualityMessages.RulesQualificationOff,
            rules.ExcludeSuspended ? QualityMessages.RulesExclude : QualityMessages.RulesInclude);
    }

    /// <summary>What the worker is told under the saved answer: a suspension, a qualification passed, a speed warning; null for nothing.</summary>
    public static string? ForWorker(Project project, SubmitResult result)
    {
        var c = CultureInfo.CurrentCulture;
        var title = TaskTemplate.Escape(project.Title);
        var rules = project.Rules;
        if (result.Verdict is not { } verdict)
        {
            return null;
        }

        var r = verdict.Record;
        return verdict.Suspended switch
        {
            SuspensionRule.Accuracy => string.Format(c, QualityMessages.SuspendedAccuracy, title, Percent(r.Accuracy), r.GoldCorrect, r.GoldTotal, Percent(rules.MinAccuracy / 100.0)),
            SuspensionRule.TooFast => string.Format(c, QualityMessages.SuspendedFast, title, r.FastFlags, rules.MinSeconds),
            SuspensionRule.Qualification => string.Format(c, QualityMessages.SuspendedQualification, title, r.GoldCorrect, r.GoldTotal, Percent(r.Accuracy), Percent(rules.MinAccuracy / 100.0)),
            _ when verdict.Qualified => string.Format(c, QualityMessages.Qualified, title),
            _ when result.TooFast => string.Format(c, QualityMessages.FastWarning, r.FastFlags, rules.FastFlags),
            _ => null,
        };
    }

    /// <summary>The rule behind a suspension, for admins; null when an admin imposed it.</summary>
    public static string? RuleName(string? rule) => rule switch
    {
        "accuracy" => QualityMessages.RuleAccuracy,
        "too_fast" => QualityMessages.RuleTooFast,
        "qualification" => QualityMessages.RuleQualification,
        _ => null,
    };

    /// <summary>"57%" in both languages, whatever the platform's percent pattern ("57 %" in some).</summary>
    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
