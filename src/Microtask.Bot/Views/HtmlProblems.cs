using System.Globalization;
using Microtask.Bot.Resources;
using Microtask.Core;

namespace Microtask.Bot.Views;

/// <summary>What Telegram would refuse in HTML a user wrote (a template, a broadcast), and where, in the user's language.</summary>
internal static class HtmlProblems
{
    public static string Describe(TelegramHtml.Problem problem) => string.Format(
        CultureInfo.CurrentCulture,
        RequesterMessages.ResourceManager.GetString("Html_" + problem.Fault, CultureInfo.CurrentUICulture)!,
        problem.Position,
        TaskTemplate.Escape(problem.Tag));
}
