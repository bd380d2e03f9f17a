using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Shared;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Hosting;

/// <summary>A ready-made project so that a fresh bot has something to do at once.</summary>
internal sealed class SampleProject(ProjectStore projects, WorkerStore workers, IConfiguration configuration, IOptions<MicrotaskOptions> options, ILogger<SampleProject> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task LoadIfWantedAsync(CancellationToken ct)
    {
        var sample = options.Value.SampleProject;
        if (!(sample.Enabled ?? StorageServices.IsEmbedded(configuration)) || await projects.AnyAsync(ct))
        {
            return;
        }

        var path = Path.IsPathRooted(sample.Path) ? sample.Path : Path.Combine(AppContext.BaseDirectory, sample.Path);
        if (!File.Exists(path))
        {
            throw new StartupException($"Sample project file not found: {path}");
        }

        var file = JsonSerializer.Deserialize<SampleFile>(await File.ReadAllTextAsync(path, ct), Json)
            ?? throw new StartupException($"Sample project file is empty: {path}");
        // The first configured requester owns the sample, so that batches can be uploaded to it straight away.
        long? owner = options.Value.Requesters.Length > 0
            ? (await workers.EnsureAsync(options.Value.Requesters[0], "Requester", options.Value.DefaultLanguage, ct)).Id
            : null;
        var choices = file.Options ?? [];
        if (file.OptionLabels?.FirstOrDefault(l => l.Value.Count != choices.Count) is { Key: { } language })
        {
            throw new StartupException($"Sample project file {path}: the {language} option labels are not one for each option");
        }

        var project = new NewProject(file.Title, file.Instructions, file.Kind, choices, file.Template, file.Reward, file.Overlap, TimeSpan.FromMinutes(file.TimeLimitMinutes), owner)
        {
            OptionLabels = file.OptionLabels?.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Value),
        };
        var id = await projects.CreateAsync(project, file.Tasks.Select(t => new NewTask(t.Fields, t.Gold)).ToList(), ProjectState.Active, ct);
        log.LogInformation("Loaded the sample project {ProjectId} with {Tasks} tasks", id, file.Tasks.Count);
    }

    /// <param name="OptionLabels">The options as other languages show them (<see cref="Project.OptionLabels"/>).</param>
    private sealed record SampleFile(
        string Title, string Instructions, AnswerKind Kind, List<string>? Options, string Template, long Reward, int Overlap, int TimeLimitMinutes, List<SampleTask> Tasks,
        Dictionary<string, List<string>>? OptionLabels = null);

    private sealed record SampleTask(Dictionary<string, string> Fields, string? Gold);
}
