using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microtask.Bot.Shared;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;
using SkiaSharp;

namespace Microtask.Bot.Hosting;

/// <summary>
/// Ready-made projects so that a fresh bot has something to do at once: a picture-labelling one first (its pictures drawn
/// on the spot, so a newcomer's first task is a photo), then the text one.
/// </summary>
internal sealed class SampleProject(
    ProjectStore projects, WorkerStore workers, MediaStore media, IConfiguration configuration, IOptions<MicrotaskOptions> options, ILogger<SampleProject> log)
{
    private const string DrawPrefix = "draw:";
    private const int PictureSize = 480;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task LoadIfWantedAsync(CancellationToken ct)
    {
        var sample = options.Value.SampleProject;
        if (!(sample.Enabled ?? StorageServices.IsEmbedded(configuration)) || await projects.AnyAsync(ct))
        {
            return;
        }

        // The first configured requester owns the samples, so that batches can be uploaded to them straight away.
        long? owner = options.Value.Requesters.Length > 0
            ? (await workers.EnsureAsync(options.Value.Requesters[0], "Requester", options.Value.DefaultLanguage, ct)).Id
            : null;
        if (!string.IsNullOrEmpty(sample.PicturesPath))
        {
            await LoadAsync(sample.PicturesPath, owner, ct);
        }

        await LoadAsync(sample.Path, owner, ct);
    }

    private async Task LoadAsync(string file, long? owner, CancellationToken ct)
    {
        var path = Path.IsPathRooted(file) ? file : Path.Combine(AppContext.BaseDirectory, file);
        if (!File.Exists(path))
        {
            throw new StartupException($"Sample project file not found: {path}");
        }

        var sample = JsonSerializer.Deserialize<SampleFile>(await File.ReadAllTextAsync(path, ct), Json)
            ?? throw new StartupException($"Sample project file is empty: {path}");
        var choices = sample.Options ?? [];
        if (sample.OptionLabels?.FirstOrDefault(l => l.Value.Count != choices.Count) is { Key: { } language })
        {
            throw new StartupException($"Sample project file {path}: the {language} option labels are not one for each option");
        }

        var project = new NewProject(sample.Title, sample.Instructions, sample.Kind, choices, sample.Template, sample.Reward, sample.Overlap, TimeSpan.FromMinutes(sample.TimeLimitMinutes), owner)
        {
            OptionLabels = sample.OptionLabels?.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Value),
        };
        var pictures = new Dictionary<string, MediaBlob>(StringComparer.Ordinal);
        var tasks = sample.Tasks.Select(t => new NewTask(t.Fields.ToDictionary(f => f.Key, f => Drawn(f.Value, pictures, path)), t.Gold)).ToList();
        await media.AddBlobsAsync(pictures.Values.ToList(), ct);
        var id = await projects.CreateAsync(project, tasks, ProjectState.Active, ct);
        log.LogInformation("Loaded the sample project {ProjectId} with {Tasks} tasks", id, tasks.Count);
    }

    /// <summary>A field's value, or for <c>draw:&lt;shape&gt;:&lt;#colour&gt;</c> the PNG drawn for it, kept by its SHA-256.</summary>
    private static string Drawn(string value, Dictionary<string, MediaBlob> pictures, string path)
    {
        if (!value.StartsWith(DrawPrefix, StringComparison.Ordinal))
        {
            return value;
        }

        var parts = value[DrawPrefix.Length..].Split(':');
        if (parts.Length != 2 || !SKColor.TryParse(parts[1], out var colour))
        {
            throw new StartupException($"Sample project file {path}: “{value}” is not draw:<shape>:<#colour>");
        }

        var png = Drawings.Shape(parts[0], colour, PictureSize);
        var sha = Convert.ToHexStringLower(SHA256.HashData(png));
        pictures.TryAdd(sha, new MediaBlob(sha, "image/png", string.Create(CultureInfo.InvariantCulture, $"{parts[0]}-{sha[..8]}.png"), png));
        return MediaRef.UploadPrefix + sha;
    }

    /// <param name="OptionLabels">The options as other languages show them (<see cref="Project.OptionLabels"/>).</param>
    private sealed record SampleFile(
        string Title, string Instructions, AnswerKind Kind, List<string>? Options, string Template, long Reward, int Overlap, int TimeLimitMinutes, List<SampleTask> Tasks,
        Dictionary<string, List<string>>? OptionLabels = null);

    private sealed record SampleTask(Dictionary<string, string> Fields, string? Gold);
}
