using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microtask.Bot.Requesters;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Api;

/// <summary>
/// POST /api/v1/projects makes a draft through the wizard's own steps (each field is the answer to its question, with
/// the same checks and limits), and POST /api/v1/projects/{id}/activate puts it live.
/// </summary>
internal static partial class CreateProjectApi
{
    /// <summary>The wizard's fields, named as the API writes them; quality_rules as /rules takes them, absent for the defaults.</summary>
    internal sealed record NewProjectRequest(
        string? Title, string? Instructions, string? Kind, IReadOnlyList<string>? Options, string? Template,
        long? Reward, int? EstimatedSeconds, int? Overlap, int? TimeLimitSeconds, int? DailyCap, string? QualityRules, long? Budget,
        bool? NoneOption = null, bool? AllowSame = null, int? MinVoiceSeconds = null, int? MaxVoiceSeconds = null, string? PhotoLocation = null,
        int? OverlapMax = null, int? OverlapTarget = null);

    /// <summary>The fields that answer a question only some kinds ask, with the step that asks it: skipped for the other kinds.</summary>
    private static readonly Dictionary<string, DraftStep> KindQuestions = new(StringComparer.Ordinal)
    {
        ["options"] = DraftStep.Options,
        ["none_option"] = DraftStep.NoneOption,
        ["allow_same"] = DraftStep.Same,
        ["max_voice_seconds"] = DraftStep.VoiceLength,
        ["photo_location"] = DraftStep.PhotoPlace,
    };

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    public static void MapCreateProject(this RouteGroupBuilder api)
    {
        api.MapPost("/projects", CreateAsync);
        api.MapPost("/projects/{id}/activate", ActivateAsync);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, ProjectStore projects, ResultStore results, IOptions<ApiOptions> options, IOptions<Shared.MicrotaskOptions> microtask)
    {
        var (request, problem) = await ApiJson.ReadAsync<NewProjectRequest>(http, options.Value.MaxBodyBytes, "a project");
        if (request is null)
        {
            return problem!;
        }

        var draft = new ProjectDraft { Step = DraftStep.Title };
        foreach (var (field, answer) in Answers(request))
        {
            if (KindQuestions.TryGetValue(field, out var asked) && draft.Step != asked)
            {
                continue;
            }

            if (field == "quality_rules" && answer is null)
            {
                draft = draft with { Step = DraftStep.Budget };
                continue;
            }

            if (field == "estimated_seconds" && answer is null)
            {
                draft = draft with { Step = DraftStep.Overlap }; // no estimate: workers see the reward alone until it is measured
                continue;
            }

            var (next, hint) = draft.Answer(answer ?? "");
            if (hint is not null)
            {
                return Problems.Invalid("invalid-field", $"'{field}' is not valid", Tags().Replace(hint, "").Replace("&lt;", "<").Replace("&gt;", ">").Replace("&amp;", "&"),
                    new Dictionary<string, object?> { ["field"] = field });
            }

            draft = next;
        }

        // The pay floor, as the wizard applies it: refused where the operator enforces it, else a warning in the answer.
        var pay = microtask.Value.Pay;
        string? warning = null;
        if (pay.RewardNeeded(draft.Reward, draft.TaskSeconds) is { } reward)
        {
            var needed = reward.ToString(CultureInfo.InvariantCulture);
            warning = $"An hour of these tasks pays {PayRate.PerHour(draft.Reward, draft.TaskSeconds).ToString(CultureInfo.InvariantCulture)}, below the pay floor of "
                + $"{pay.HourlyFloor.ToString(CultureInfo.InvariantCulture)}; a reward of {needed} would meet it.";
            if (pay.BelowFloor == Shared.BelowFloor.Refuse)
            {
                return Problems.Invalid("below-pay-floor", "The reward is below the pay floor for the time a task takes", warning,
                    new Dictionary<string, object?> { ["field"] = "reward", ["reward_needed"] = reward });
            }
        }

        var requesterId = ApiCaller.Of(http).Requester.Id;
        long id;
        try
        {
            id = await projects.CreateAsync(draft.ToProject(requesterId), [], ProjectState.Draft, http.RequestAborted);
        }
        catch (InsufficientFundsException e)
        {
            return Problems.Invalid("budget", "The budget is more than the account holds", $"The account holds {e.Available.ToString(CultureInfo.InvariantCulture)}.",
                new Dictionary<string, object?> { ["field"] = "budget" });
        }

        var summary = (await results.OwnedAsync(requesterId, http.RequestAborted)).First(s => s.Id == id);
        return TypedResults.Json(
            new { summary.Id, summary.Title, State = summary.State.ToLowerInvariant(), Warning = warning }, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>An answer kind as the API names it: <c>single_choice</c>, <c>yes_no</c>, … <c>photo</c>.</summary>
    public static string KindName(AnswerKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <summary>The wizard's questions in its order, each with the field that answers it, as the chat would have it typed.</summary>
    private static IEnumerable<(string Field, string? Answer)> Answers(NewProjectRequest r)
    {
        yield return ("title", r.Title);
        yield return ("instructions", r.Instructions);
        // The wizard numbers the kinds as the enum orders them, from 1.
        yield return ("kind", Enum.GetValues<AnswerKind>().Where(k => KindName(k) == r.Kind?.ToLowerInvariant())
            .Select(k => ((int)k + 1).ToString(CultureInfo.InvariantCulture)).FirstOrDefault() ?? "?");
        yield return ("options", r.Options is null ? null : string.Join('\n', r.Options));
        yield return ("none_option", r.NoneOption == true ? "yes" : "no");
        yield return ("allow_same", r.AllowSame == true ? "yes" : "no");
        yield return ("max_voice_seconds", string.Create(CultureInfo.InvariantCulture, $"{r.MinVoiceSeconds ?? AnswerSettings.Default.MinVoiceSeconds}-{r.MaxVoiceSeconds ?? AnswerSettings.Default.MaxVoiceSeconds}"));
        yield return ("photo_location", r.PhotoLocation?.ToLowerInvariant() switch
        {
            null or "none" => "none",
            "optional" => "optional",
            "required" => "required",
            _ => "?",
        });
        yield return ("template", r.Template);
        yield return ("reward", r.Reward?.ToString(CultureInfo.InvariantCulture));
        yield return ("estimated_seconds", r.EstimatedSeconds is { } e ? e.ToString(CultureInfo.InvariantCulture) + "s" : null);
        // A dynamic overlap as the wizard takes it: "2-5 until 90%" (the minimum is overlap).
        yield return ("overlap", r.OverlapMax is null && r.OverlapTarget is null
            ? r.Overlap?.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{r.Overlap}-{r.OverlapMax} until {r.OverlapTarget}%"));
        yield return ("time_limit_seconds", r.TimeLimitSeconds is { } s ? s.ToString(CultureInfo.InvariantCulture) + "s" : null);
        yield return ("daily_cap", (r.DailyCap ?? 0).ToString(CultureInfo.InvariantCulture));
        yield return ("quality_rules", r.QualityRules);
        yield return ("budget", r.Budget?.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<IResult> ActivateAsync(string id, HttpContext http, ProjectStore projects, ProjectCache cache, ResultStore results)
    {
        if (await ProjectsApi.OwnedAsync(id, http, projects) is not { } project)
        {
            return Problems.NoProject(id);
        }

        var activated = await projects.ChangeStateAsync(project.Id, project.RequesterId!.Value, [ProjectState.Draft], ProjectState.Active, http.RequestAborted);
        cache.Forget(project.Id);
        return activated
            ? TypedResults.Json(new { project.Id, project.Title, State = "active" }, ApiJson.Options)
            : Problems.Conflict("state", "Only a draft can be activated, and only while its budget is covered");
    }
}
