using Microtask.Core;

namespace Microtask.Batches;

internal enum ColumnKind
{
    Field,
    Gold,
    Explanation,
    Practice,
    Unknown,
    Unnamed,
}

/// <summary>What a CSV column or JSON key holds; <see cref="Field"/> indexes <see cref="BatchRules.TemplateFields"/>.</summary>
internal readonly record struct Column(ColumnKind Kind, string Name, int Field = -1);

/// <summary>
/// Checks rows against the rules, whatever format they came from, and gathers the report:
/// accepted tasks, rejections, empty rows, duplicates, and the row limit. In a ZIP batch, rows wait
/// (<see cref="Resolve"/>) until the files they name have been read.
/// </summary>
internal sealed partial class RowCollector(BatchRules rules, ArchiveIndex? archive = null)
{
    private const int ShownValueLength = 40;

    private readonly List<NewTask> accepted = [];
    private readonly List<RejectedRow> rejected = [];
    private readonly HashSet<string[]> seen = new(FieldValues.Comparer);
    private readonly SortedSet<string> unknown = new(StringComparer.OrdinalIgnoreCase);
    private readonly (int Field, MediaKind[] Kinds)[] media = MediaColumns(rules);
    private int? firstUnknownLine;
    private int rows;
    private int empty;
    private int duplicates;

    public BatchRules Rules => rules;

    public int FieldCount => rules.TemplateFields.Count;

    /// <summary>
    /// A template field (matched without case, Toloka's <c>INPUT:</c> prefix allowed), else gold
    /// (<c>gold</c> or <c>GOLDEN:&lt;answer field&gt;</c>), its explanation (<c>explanation</c>, <c>hint</c> or Toloka's
    /// <c>HINT:…</c>), the practice mark (<c>practice</c>), else unknown. A template field of any of those names stays a field.
    /// </summary>
    public Column Classify(string rawName)
    {
        var name = rawName.Trim();
        if (name.Length == 0)
        {
            return new Column(ColumnKind.Unnamed, name);
        }

        var bare = name.StartsWith("INPUT:", StringComparison.OrdinalIgnoreCase) ? name["INPUT:".Length..].Trim() : name;
        for (var i = 0; i < rules.TemplateFields.Count; i++)
        {
            if (string.Equals(rules.TemplateFields[i], bare, StringComparison.OrdinalIgnoreCase))
            {
                return new Column(ColumnKind.Field, rules.TemplateFields[i], i);
            }
        }

        if (name.Equals("gold", StringComparison.OrdinalIgnoreCase) || name.StartsWith("GOLDEN:", StringComparison.OrdinalIgnoreCase))
        {
            return new Column(ColumnKind.Gold, name);
        }

        if (name.Equals("explanation", StringComparison.OrdinalIgnoreCase) || name.Equals("hint", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("HINT:", StringComparison.OrdinalIgnoreCase))
        {
            return new Column(ColumnKind.Explanation, name);
        }

        return name.Equals("practice", StringComparison.OrdinalIgnoreCase)
            ? new Column(ColumnKind.Practice, name)
            : new Column(ColumnKind.Unknown, name);
    }

    public void Empty() => this.empty++;

    /// <summary>JSON keys are per object, so unknown ones are gathered and refuse the file at the end, as a CSV header would.</summary>
    public void Unknown(string name, int line)
    {
        this.unknown.Add(name);
        firstUnknownLine ??= line;
    }

    public void Reject(int line, RejectReason code, string? field = null, string? value = null)
    {
        CountRow();
        rejected.Add(new RejectedRow(line, code, field, value is null ? null : Shorten(value)));
    }

    /// <param name="values">Indexed like <see cref="BatchRules.TemplateFields"/>; null or blank for an absent value.</param>
    public void Add(int line, string?[] values, RowExtras extras)
    {
        var gold = extras.Gold?.Value;
        var goldColumn = extras.Gold?.Column ?? "gold";
        if (Array.TrueForAll(values, string.IsNullOrWhiteSpace) && string.IsNullOrWhiteSpace(gold)
            && string.IsNullOrWhiteSpace(extras.Explanation?.Value) && string.IsNullOrWhiteSpace(extras.Practice?.Value))
        {
            this.empty++;
            return;
        }

        // Trimmed in place: the same array becomes the duplicate key, so a row allocates one array, not two.
        List<string>? missing = null;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i] = values[i]?.Trim() ?? string.Empty;
            if (value.Length > rules.MaxValueLength)
            {
                Reject(line, RejectReason.TooLong, rules.TemplateFields[i]);
                return;
            }

            if (value.Length == 0)
            {
                (missing ??= []).Add(rules.TemplateFields[i]);
            }
        }

        if (missing is not null)
        {
            Reject(line, RejectReason.MissingField, string.Join(", ", missing));
            return;
        }

        bool[]? paths = null;
        foreach (var (field, _) in media)
        {
            var cell = MediaCells.Read(values[field]!, archive);
            if (cell.Problem is { } problem)
            {
                Reject(line, problem, rules.TemplateFields[field], values[field]);
                return;
            }

            if (cell.Path is not null)
            {
                (paths ??= new bool[values.Length])[field] = true;
            }

            values[field] = cell.Path ?? cell.Stored;
        }

        string? answer = null;
        if (!string.IsNullOrWhiteSpace(gold))
        {
            if (!rules.GoldChecked)
            {
                Reject(line, RejectReason.GoldNotChecked, goldColumn, gold.Trim());
                return;
            }

            answer = GoldAnswer(gold.Trim());
            if (answer is null)
            {
                Reject(line, gold.Trim().Length > rules.MaxValueLength ? RejectReason.TooLong : RejectReason.BadGold, goldColumn, gold.Trim());
                return;
            }
        }

        if (Known(line, answer, extras) is not { } known)
        {
            return;
        }

        CountRow();
        if (archive is not null)
        {
            Wait(line, values!, known, paths);
            return;
        }

        Accept(line, values!, known);
    }

    private void Accept(int line, string[] values, RowKnown known)
    {
        if (!seen.Add(values) && rules.SkipDuplicates)
        {
            this.duplicates++;
            return;
        }

        this.accepted.Add(new NewTask(FieldValues.ToDictionary(rules.TemplateFields, values), known.Answer, line)
        {
            Explanation = known.Explanation,
            Practice = known.Practice,
        });
    }

    /// <summary>The gold answer as stored: the project's own spelling of the choice it matches, or the text itself for free answers.</summary>
    private string? GoldAnswer(string gold)
    {
        if (gold.Length > rules.MaxValueLength)
        {
            return null;
        }

        if (rules.Choices.Count == 0)
        {
            return gold;
        }

        var normalized = AnswerRules.Normalize(gold);
        return rules.Choices.FirstOrDefault(choice => AnswerRules.Normalize(choice) == normalized);
    }

    private void CountRow()
    {
        if (++this.rows > rules.MaxRows)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.TooManyRows, Names: [rules.MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }
    }

    /// <summary>What refuses the whole file once every row is in: JSON keys no template knows, or no rows at all.</summary>
    public BatchFileError? FileProblem() => this.unknown.Count > 0
        ? new BatchFileError(FileErrorCode.UnknownColumns, firstUnknownLine, Names: [.. this.unknown], Expected: rules.TemplateFields)
        : this.rows == 0 ? new BatchFileError(FileErrorCode.NoRows) : null;

    public BatchReport Report(BatchFormat format, string sha256, BatchFileError? problem)
    {
        if (problem is null && waiting.Count > 0)
        {
            throw new InvalidOperationException("Rows still wait for their files: call Resolve first.");
        }

        problem ??= FileProblem();
        return problem is null
            ? new BatchReport(format, sha256, null, this.accepted, rejected, this.empty, this.duplicates) { Media = this.files }
            : new BatchReport(format, sha256, problem, [], [], this.empty, this.duplicates);
    }

    /// <summary>For each media column, its index in <see cref="BatchRules.TemplateFields"/> and the kinds it is sent as.</summary>
    private static (int Field, MediaKind[] Kinds)[] MediaColumns(BatchRules rules) =>
        [.. rules.MediaFields
            .GroupBy(media => rules.TemplateFields.ToList().IndexOf(media.Column))
            .Where(column => column.Key >= 0)
            .OrderBy(column => column.Key)
            .Select(column => (column.Key, column.Select(media => media.Kind).ToArray()))];

    private static string Shorten(string value) =>
        value.Length <= ShownValueLength ? value : string.Concat(value.AsSpan(0, ShownValueLength), "…");
}
