using System.Net;
using System.Text.RegularExpressions;

namespace Microtask.Core;

/// <summary>
/// A project's template: each <c>{{field}}</c> becomes the task's value, HTML-escaped; each <c>{{image:field}}</c>,
/// <c>{{audio:field}}</c>, <c>{{voice:field}}</c> or <c>{{video:field}}</c> names a column whose value is sent as media
/// beside the text, so the text renders without it.
/// </summary>
public static partial class TaskTemplate
{
    /// <summary>Telegram sends at most ten files as one album.</summary>
    public const int MaxMediaFields = 10;

    public enum Fault
    {
        /// <summary><c>{{picture:x}}</c>: a kind other than image, audio, voice or video.</summary>
        UnknownKind,

        /// <summary>More than <see cref="MaxMediaFields"/> media fields.</summary>
        TooManyMedia,

        /// <summary>Audio beside images or videos: Telegram groups audio only with audio.</summary>
        AudioMixed,

        /// <summary>A voice note beside any other media: a voice note is never part of an album.</summary>
        VoiceNotAlone,

        /// <summary>One column used as text and as media, or as two kinds of media.</summary>
        ColumnReused,
    }

    /// <summary>What is wrong and where: <see cref="Position"/> counts characters from 1; <see cref="Name"/> is the kind or the column.</summary>
    public sealed record Problem(Fault Fault, int Position, string Name);

    [GeneratedRegex(@"\{\{\s*(?:(?<kind>(?i:image|audio|voice|video))\s*:\s*)?(?<name>[A-Za-z0-9_\- ]+?)\s*\}\}")]
    private static partial Regex Placeholder();

    // Any kind at all, so that a misspelt one is refused rather than shown to workers as text.
    [GeneratedRegex(@"\{\{\s*(?<kind>[A-Za-z][A-Za-z0-9_-]*)\s*:\s*[A-Za-z0-9_\- ]+?\s*\}\}")]
    private static partial Regex AnyKind();

    /// <summary>The task's text: text fields filled in, media placeholders gone along with the lines they leave blank.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> fields) =>
        Placeholder().Replace(WithoutMedia(template), m =>
            !m.Groups["kind"].Success && fields.TryGetValue(m.Groups["name"].Value, out var value) ? Escape(value) : string.Empty);

    /// <summary>Every column a template uses, text and media, in order of first appearance: a batch must have each.</summary>
    public static IReadOnlyList<string> Fields(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The media fields in template order (the order of an album), each (kind, column) once.</summary>
    public static IReadOnlyList<MediaField> MediaFields(string template) =>
        Placeholder().Matches(template).Select(Media).OfType<MediaField>().Distinct().ToList();

    /// <summary>
    /// Null when the template's media can be sent; otherwise the first problem: an unknown kind, more than ten media,
    /// audio mixed with pictures, a voice note with anything else, or a column used twice over.
    /// </summary>
    public static Problem? Check(string template)
    {
        foreach (Match any in AnyKind().Matches(template))
        {
            if (MediaKinds.Parse(any.Groups["kind"].Value) is null)
            {
                return new(Fault.UnknownKind, any.Index + 1, any.Groups["kind"].Value);
            }
        }

        var media = new List<MediaField>();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Placeholder().Matches(template))
        {
            var name = match.Groups["name"].Value;
            var field = Media(match);
            if (field is null ? media.Exists(m => m.Column == name) : texts.Contains(name) || media.Exists(m => m.Column == name && m != field))
            {
                return new(Fault.ColumnReused, match.Index + 1, name);
            }

            if (field is null)
            {
                texts.Add(name);
            }
            else if (!media.Contains(field) && Mix(media, field) is { } fault)
            {
                return new(fault, match.Index + 1, name);
            }
            else if (!media.Contains(field))
            {
                media.Add(field);
            }
        }

        return null;
    }

    /// <summary>Escapes the three characters Telegram's HTML parse mode cares about (and quotes, for attributes).</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static MediaField? Media(Match match) =>
        match.Groups["kind"].Success && MediaKinds.Parse(match.Groups["kind"].Value) is { } kind ? new MediaField(kind, match.Groups["name"].Value) : null;

    /// <summary>Why <paramref name="next"/> cannot join the media before it in one album, if it cannot.</summary>
    private static Fault? Mix(List<MediaField> earlier, MediaField next)
    {
        if (earlier.Count == MaxMediaFields)
        {
            return Fault.TooManyMedia;
        }

        if (earlier.Count > 0 && (next.Kind == MediaKind.Voice || earlier.Exists(m => m.Kind == MediaKind.Voice)))
        {
            return Fault.VoiceNotAlone;
        }

        return earlier.Exists(m => (m.Kind == MediaKind.Audio) != (next.Kind == MediaKind.Audio)) ? Fault.AudioMixed : null;
    }

    /// <summary>
    /// The template with its media placeholders taken out. A line left blank by that goes, and so does a run of blank
    /// lines around it at the start or the end; between two texts such a run shrinks to one blank line (none if it held
    /// only media lines). Blank lines the author wrote elsewhere stay.
    /// </summary>
    private static string WithoutMedia(string template)
    {
        if (!Placeholder().Matches(template).Any(m => m.Groups["kind"].Success))
        {
            return template;
        }

        var kept = new List<string>();
        var run = new List<string>();
        var runDropped = false;
        foreach (var line in template.Split('\n'))
        {
            var text = Placeholder().Replace(line, m => m.Groups["kind"].Success ? string.Empty : m.Value);
            if (string.IsNullOrWhiteSpace(text))
            {
                runDropped |= text != line;
                if (text == line)
                {
                    run.Add(line);
                }

                continue;
            }

            if (kept.Count > 0 || !runDropped)
            {
                kept.AddRange(runDropped ? run.Take(1) : run);
            }

            kept.Add(text);
            (run, runDropped) = ([], false);
        }

        if (!runDropped)
        {
            kept.AddRange(run);
        }

        return string.Join('\n', kept);
    }
}
