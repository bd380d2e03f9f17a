using Microtask.Core;

namespace Microtask.Bot.Views;

/// <summary>
/// A user's own words inside a reply (a reason, a name, a word that was not understood): cut short with an ellipsis,
/// then escaped, so that however long they are the rest of the reply stays readable.
/// </summary>
internal static class Quotes
{
    /// <summary>A word or a name: a username, a method, a duration that was not one.</summary>
    public const int Word = 64;

    /// <summary>A reason, a reference, a line of the audit log.</summary>
    public const int Reason = 200;

    /// <summary>A worker's appeal, or a task as the review queue shows it.</summary>
    public const int Passage = 1000;

    public static string Of(string text, int max) => TaskTemplate.Escape(TelegramLimits.FitPlain(text, max));
}
