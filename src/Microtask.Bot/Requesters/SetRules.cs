using System.Globalization;
using Hangfire;
using Microtask.Bot.Views;
using Microtask.Bot.Resources;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>/rules N [changes]; the argument as typed.</summary>
internal sealed record SetRules(string? Argument) : ITypedCommand<SetRules>
{
    public static string Trigger => "/rules";

    public static Access Access => Access.Requester;

    public static SetRules Parse(string? argument) => new(argument);
}

/// <summary>
/// /rules N shows project N's quality rules; /rules N &lt;changes&gt; changes them in the words /newproject's last
/// question takes ("accuracy 70% after 10, fast 3s flags 3, qualify 5, exclude no"). A wrong item changes nothing. Both
/// say when the accuracy rule can hardly judge anyone with the project's gold; a project that starts leaving suspended
/// workers' answers out offers their slots again.
/// </summary>
internal sealed class SetRulesHandler(OwnedProject owned, ProjectStore projects, ProjectCache cache, JudgingNotes judging, IBackgroundJobClient jobs, Sender sender)
    : IHandler<SetRules>
{
    public async Task HandleAsync(SetRules command, UpdateContext ctx, CancellationToken ct)
    {
        var parts = (command.Argument ?? "").Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        if (await owned.ResolveAsync(ctx, parts.FirstOrDefault(), QualityMessages.RulesUsage, ct) is not { } project)
        {
            return;
        }

        var culture = CultureInfo.CurrentCulture;
        if (parts.Length == 1)
        {
            var shown = string.Format(culture, QualityMessages.RulesOf, project.Id, QualityTexts.Describe(project.Rules, project.GoldPercent));
            await sender.SendAsync(ctx.ChatId, await WithNoteAsync(shown, project, project.Rules, ct), ct: ct);
            return;
        }

        if (!QualityRules.TryParse(Digits.Ascii(parts[1]), project.Rules, project.GoldPercent, out var rules, out var gold, out _))
        {
            await sender.SendAsync(ctx.ChatId, ProjectDraft.RulesHint(parts[1]), ct: ct);
            return;
        }

        if (!await projects.SetRulesAsync(project.Id, ctx.Worker.Id, gold, rules, ct))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.NoSuchProject, project.Id), ct: ct);
            return;
        }

        cache.Forget(project.Id);
        if (rules.ExcludeSuspended && !project.Rules.ExcludeSuspended)
        {
            jobs.Enqueue<SlotReopenJob>(job => job.RunForProjectAsync(project.Id));
        }

        var changed = string.Format(culture, QualityMessages.RulesChanged, project.Id, QualityTexts.Describe(rules, gold));
        await sender.SendAsync(ctx.ChatId, await WithNoteAsync(changed, project, rules, ct), ct: ct);
    }

    private async Task<string> WithNoteAsync(string text, Project project, QualityRules rules, CancellationToken ct) =>
        await judging.ForProjectAsync(project, rules, ct: ct) is { } note ? text + "\n\n" + note : text;
}
