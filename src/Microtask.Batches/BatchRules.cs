using Microtask.Core;

namespace Microtask.Batches;

/// <summary>What every row of a batch is checked against.</summary>
/// <param name="TemplateFields">The <c>{{field}}</c> names of the project's template; every row must fill each of them.</param>
/// <param name="Choices">The answers a worker may choose; a gold answer must be one of them. Empty for free text and numbers.</param>
/// <param name="MaxValueLength">The longest value a cell may hold, in UTF-16 code units (Telegram counts message length the same way).</param>
/// <param name="MaxRows">The most data rows (empty rows not counted) a file may hold; more refuses the whole file.</param>
public sealed record BatchRules(
    IReadOnlyList<string> TemplateFields,
    IReadOnlyList<string> Choices,
    int MaxValueLength = 4000,
    int MaxRows = 100_000)
{
    /// <summary>The template's media fields: their columns hold an https URL, a Telegram file id or (in a ZIP) a file's path.</summary>
    public IReadOnlyList<MediaField> MediaFields { get; init; } = [];

    /// <summary>
    /// Null: a ZIP is refused like any other binary file. Set: a ZIP is read as a table with its media files, within
    /// these limits, and the caller keeps the <see cref="BatchReport.Media"/> it gets back.
    /// </summary>
    public ZipLimits? Zip { get; init; }

    /// <summary>False for kinds whose answers are never compared with a gold answer: a gold cell refuses its row.</summary>
    public bool GoldChecked { get; init; } = true;

    /// <summary>
    /// Whether rows may be marked practice: only where an answer is one button press, so a practice task can be answered
    /// and judged without storing anything.
    /// </summary>
    public bool PracticeAllowed { get; init; }

    /// <summary>False to accept a row equal to an earlier one (with its own line) and leave judging it to the caller.</summary>
    public bool SkipDuplicates { get; init; } = true;

    public static BatchRules For(Project project) => new(TaskTemplate.Fields(project.Template), project.Choices)
    {
        MediaFields = TaskTemplate.MediaFields(project.Template),
        GoldChecked = project.Kind is not (AnswerKind.MultipleChoice or AnswerKind.Voice or AnswerKind.Photo),
        PracticeAllowed = project.Kind.UsesButtons() && project.Kind != AnswerKind.MultipleChoice,
    };
}
