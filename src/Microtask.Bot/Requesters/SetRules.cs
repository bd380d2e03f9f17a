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
/// /rules N shows project N's quality rules and overlap; /rules N &lt;changes&gt; changes them in the words /newproject's
/// last question takes ("accuracy 70% after 10, fast 3s flags 3, qualify 5, exclude no"), and the overlap as its overlap
/// question takes it ("overlap 2-5 until 90%"). A wrong item changes nothing. Both say when the accuracy rule can hardly
/// judge anyone with the project's gold; a project that starts leaving suspended workers' answers out offers their slots
/// again.
/// </summary>
internal sealed class SetRulesHandler(
    OwnedProject owned, ProjectStore projects, OverlapStore overlaps, ProjectCache cache, JudgingNotes judging, IBackgroundJobClient jobs, Sender sender)
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
            var shown = string.Format(culture, QualityMessages.RulesOf, project.Id, Describe(project.Rules, project.GoldPercent, project.OverlapRule));
            await sender.SendAsync(ctx.ChatId, await WithNoteAsync(shown, project, project.Rules, ct), ct: ct);
            return;
        }

        var (overlapText, rest) = OverlapText.Split(parts[1]);
        var overlap = project.OverlapRule;
        if (overlapText is not null)
        {
            var (read, hint) = OverlapText.Read(overlapText, project.Kind);
            if (read is null)
            {
                await sender.SendAsync(ctx.ChatId, hint!, ct: ct);
                return;
            }

            overlap = read;
        }

        var (rules, gold) = (project.Rules, project.GoldPercent);
        if (rest.Length > 0 && !QualityRules.TryParse(Digits.Ascii(rest), project.Rules, project.GoldPercent, out rules, out gold, out _))
        {
            await sender.SendAsync(ctx.ChatId, ProjectDraft.RulesHint(rest), ct: ct);
            return;
        }

        if ((overlapText is not null && !await overlaps.SetAsync(project.Id, ctx.Worker.Id, overlap, ct))
            || (rest.Length > 0 && !await projects.SetRulesAsync(project.Id, ctx.Worker.Id, gold, rules, ct)))
        {
            await sender.SendAsync(ctx.ChatId, string.Format(culture, RequesterMessages.NoSuchProject, project.Id), ct: ct);
            return;
        }

        cache.Forget(project.Id);
        if (rules.ExcludeSuspended && !project.Rules.ExcludeSuspended)
        {
            jobs.Enqueue<SlotReopenJob>(job => job.RunForProjectAsync(project.Id));
        }

        var changed = new List<string>();
        if (rest.Length > 0)
        {
            changed.Add(string.Format(culture, QualityMessages.RulesChanged, project.Id, QualityTexts.Describe(rules, gold)));
        }

        if (overlapText is not null)
        {
            changed.Add(string.Format(culture, RequesterMessages.OverlapChanged, project.Id, OverlapText.Line(overlap)));
        }

        var now = project with { Overlap = overlap.Min, OverlapMax = overlap.Dynamic ? overlap.Max : null, OverlapTarget = overlap.TargetPercent };
        await sender.SendAsync(ctx.ChatId, await WithNoteAsync(string.Join("\n\n", changed), now, rules, ct), ct: ct);
    }

    private static string Describe(QualityRules rules, int goldPercent, OverlapRule overlap) =>
        QualityTexts.Describe(rules, goldPercent) + "\n" + OverlapText.Line(overlap);

    private async Task<string> WithNoteAsync(string text, Project project, QualityRules rules, CancellationToken ct) =>
        await judging.ForProjectAsync(project, rules, ct: ct) is { } note ? text + "\n\n" + note : text;
}
