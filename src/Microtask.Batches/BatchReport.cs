using Microtask.Core;

namespace Microtask.Batches;

public enum BatchFormat
{
    Unknown,
    Csv,
    JsonArray,
    JsonLines,
}

/// <summary>
/// The outcome of checking one uploaded file. When <see cref="Problem"/> is set the whole file is refused:
/// <see cref="Accepted"/> and <see cref="Rejected"/> are then empty, and only the counters seen so far remain.
/// </summary>
/// <param name="Sha256">Lower-case hex SHA-256 of the raw bytes as sent, so the same file sent twice is recognised.</param>
/// <param name="EmptyRows">Rows with no value at all; skipped, not errors.</param>
/// <param name="Duplicates">Rows whose template fields equal an earlier accepted row's; skipped, the first one is kept.</param>
public sealed record BatchReport(
    BatchFormat Format,
    string Sha256,
    BatchFileError? Problem,
    IReadOnlyList<NewTask> Accepted,
    IReadOnlyList<RejectedRow> Rejected,
    int EmptyRows,
    int Duplicates)
{
    /// <summary>
    /// The files of a ZIP batch that accepted tasks name, each once (two paths with the same bytes are one file);
    /// empty for a plain table and for a refused file.
    /// </summary>
    public IReadOnlyList<MediaFile> Media { get; init; } = [];

    /// <summary>The table's path inside a ZIP batch; null for a plain file, or when the ZIP was refused before one was found.</summary>
    public string? Table { get; init; }

    /// <summary>Why the whole file was refused, in the default English wording; null when it was read.</summary>
    public string? FileError => Problem?.Message;

    /// <summary>Gold tasks among the accepted ones, practice tasks not counted.</summary>
    public int GoldCount => Accepted.Count(task => task.GoldAnswer is not null && !task.Practice);

    public int PracticeCount => Accepted.Count(task => task.Practice);

    /// <summary>A default English report with the first <paramref name="maxRejections"/> rejections; the bot renders its own from the codes.</summary>
    public string Summary(int maxRejections = 20) => BatchTexts.Summary(this, maxRejections);

    /// <summary>Every rejection as CSV (<c>line,reason,code,field</c>), for when there are more than fit in a message.</summary>
    public string RejectedCsv() => BatchTexts.RejectedCsv(Rejected, r => r.Reason);

    /// <summary>
    /// All rejected rows as CSV in the reader's language: its own column names (<c>line,reason,field</c> in another tongue)
    /// and each reason worded by <paramref name="describe"/>; the English code column is left out.
    /// </summary>
    public string RejectedCsv(RejectedCsvHeader header, Func<RejectedRow, string> describe) => BatchTexts.RejectedCsv(Rejected, header, describe);
}

/// <summary>The column names of a rejected-rows CSV, in the language of whoever reads it.</summary>
public sealed record RejectedCsvHeader(string Line, string Reason, string Field);

/// <summary>Why one row was not accepted. <see cref="Code"/> and <see cref="Field"/> are stable; <see cref="Reason"/> is the default English wording.</summary>
/// <param name="Line">1-based: the physical line where a CSV record starts, the line of a JSON Lines object, the element number in a JSON array.</param>
/// <param name="Field">The field or column concerned, when there is one (several names are joined with ", ").</param>
/// <param name="Value">The offending value, shortened, when it helps (a gold answer that is not a choice).</param>
public sealed record RejectedRow(int Line, RejectReason Code, string? Field = null, string? Value = null)
{
    public string Reason => BatchTexts.Describe(this);
}

public enum RejectReason
{
    /// <summary>A template field is absent or empty.</summary>
    MissingField,
    /// <summary>A value is longer than <see cref="BatchRules.MaxValueLength"/>.</summary>
    TooLong,
    /// <summary>The gold answer is not one of the project's choices.</summary>
    BadGold,
    /// <summary>A gold answer for a kind whose answers are not compared with one (multiple choice, voice, photo).</summary>
    GoldNotChecked,
    /// <summary>CSV: values beyond the header's columns, or under a column without a name (usually an unquoted separator).</summary>
    ExtraValues,
    /// <summary>CSV: text after a closing quote, such as <c>"ab"c</c>.</summary>
    BadQuotes,
    /// <summary>JSON Lines: the line is not valid JSON.</summary>
    InvalidJson,
    /// <summary>JSON: the element or line is not an object.</summary>
    NotAnObject,
    /// <summary>JSON: a value is an object or an array instead of text, a number or a boolean.</summary>
    NestedValue,
    /// <summary>JSON: the same field twice in one object (names compared without case).</summary>
    DuplicateField,
    /// <summary>A media value that is not an https URL, nor a Telegram file id, nor (in a ZIP) a file's path.</summary>
    NotMediaValue,
    /// <summary>A media value that is a URL of another scheme than https (<c>http:</c>, <c>ftp:</c>, <c>data:</c>…).</summary>
    NotHttps,
    /// <summary>A ZIP batch names a file (<see cref="RejectedRow.Value"/>) that is not in the archive.</summary>
    MissingFile,
    /// <summary>The file named in an image column is not a JPEG, PNG, GIF or WebP image by its content.</summary>
    NotAnImage,
    /// <summary>The file named in an audio column is not MP3, M4A, Ogg, WAV or FLAC audio by its content.</summary>
    NotAudio,
    /// <summary>The file named in a voice column is not Ogg Opus, MP3 or M4A audio by its content.</summary>
    NotVoice,
    /// <summary>The file named in a video column is not an MP4, MOV or WebM video by its content.</summary>
    NotVideo,
    /// <summary>A photo over Telegram's 10 MB photo limit.</summary>
    PhotoTooLarge,
    /// <summary>An audio, voice or video file over Telegram's 50 MB upload limit.</summary>
    MediaTooLarge,
    /// <summary>An explanation (<c>explanation</c>, <c>HINT:…</c>) in a row without a gold answer.</summary>
    ExplanationWithoutGold,
    /// <summary>A row marked practice without both a gold answer and an explanation.</summary>
    PracticeWithoutGold,
    /// <summary>The practice column holds something other than yes or no.</summary>
    BadPractice,
    /// <summary>A practice row in a project whose answers are not one button press (free text, numbers, multiple choice, media).</summary>
    PracticeNotAnswerable,
}
