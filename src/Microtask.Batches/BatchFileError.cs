namespace Microtask.Batches;

/// <summary>Why a whole file was refused. <see cref="Code"/> and the details are stable; <see cref="Message"/> is the default English wording.</summary>
/// <param name="Line">1-based line (or JSON array element) where the problem is, when known.</param>
/// <param name="Byte">1-based byte offset in the file, for encoding problems.</param>
/// <param name="Names">Column or field names concerned (missing, unknown, duplicated), or the allowed maximum as text for <see cref="FileErrorCode.TooManyRows"/>.</param>
/// <param name="Detail">What the content looks like for <see cref="FileErrorCode.Binary"/> ("PNG image"); the extension for
/// <see cref="FileErrorCode.UnsupportedFormat"/>; the parser's own words for <see cref="FileErrorCode.MalformedCsv"/> and <see cref="FileErrorCode.InvalidJson"/>.</param>
/// <param name="Expected">The columns the template expects, for <see cref="FileErrorCode.MissingColumns"/> and
/// <see cref="FileErrorCode.UnknownColumns"/>: a refusal that names what is wrong also names what is right.</param>
public sealed record BatchFileError(
    FileErrorCode Code,
    int? Line = null,
    long? Byte = null,
    IReadOnlyList<string>? Names = null,
    string? Detail = null,
    IReadOnlyList<string>? Expected = null)
{
    public string Message => BatchTexts.Describe(this);
}

public enum FileErrorCode
{
    /// <summary>No bytes, or only whitespace and empty lines.</summary>
    Empty,
    /// <summary>Not text: an image, an archive (an .xlsx is a ZIP), a PDF, or NUL bytes.</summary>
    Binary,
    /// <summary>Text in UTF-16 (Excel's "Unicode text"); only UTF-8 is read.</summary>
    Utf16,
    /// <summary>Bytes that are not UTF-8 (Latin-1, Windows-1252…), at <see cref="BatchFileError.Line"/> and <see cref="BatchFileError.Byte"/>.</summary>
    NotUtf8,
    /// <summary>A spreadsheet or document format by its name (.xlsx, .xls, .ods, .docx…).</summary>
    UnsupportedFormat,
    /// <summary>The header lacks columns for these template fields.</summary>
    MissingColumns,
    /// <summary>Columns (CSV) or keys (JSON) that are neither template fields nor gold.</summary>
    UnknownColumns,
    /// <summary>The same column name twice (compared without case).</summary>
    DuplicateColumns,
    /// <summary>More than one gold column (<c>gold</c>, <c>GOLDEN:…</c>).</summary>
    SeveralGoldColumns,

    /// <summary>Two columns saying the same thing: two explanation columns (<c>explanation</c>, <c>HINT:…</c>) or two practice ones.</summary>
    SeveralColumnsOfOneKind,
    /// <summary>A header (or an empty array) and no data rows.</summary>
    NoRows,
    /// <summary>More rows than <see cref="BatchRules.MaxRows"/>.</summary>
    TooManyRows,
    /// <summary>CSV: a quoted field opened at <see cref="BatchFileError.Line"/> never closes.</summary>
    UnbalancedQuotes,
    /// <summary>CSV the parser could not read (a record too large to hold, for example).</summary>
    MalformedCsv,
    /// <summary>JSON that does not parse, at <see cref="BatchFileError.Line"/>.</summary>
    InvalidJson,
    /// <summary>A .json file that is not an array of objects (a single object, a number…).</summary>
    NotJsonArray,
    /// <summary>Not a ZIP that can be read: cut short, damaged (a checksum that does not match), or packed with an
    /// unknown method; <see cref="BatchFileError.Names"/> holds the file inside it, when one is to blame.</summary>
    ZipCorrupt,
    /// <summary>Files in the ZIP are encrypted (<see cref="BatchFileError.Names"/>).</summary>
    ZipEncrypted,
    /// <summary>Paths that would land outside the archive's folder: <c>../</c>, absolute, a drive letter, control characters.</summary>
    ZipUnsafePath,
    /// <summary>The same path twice in the ZIP (compared after turning <c>\</c> into <c>/</c>), so a name could mean either.</summary>
    ZipDuplicatePaths,
    /// <summary>An archive inside the ZIP, by its name or its content.</summary>
    ZipNested,
    /// <summary>More files than <see cref="ZipLimits.MaxEntries"/>; <see cref="BatchFileError.Names"/> holds the limit.</summary>
    ZipTooManyEntries,
    /// <summary>Unpacks to more than <see cref="ZipLimits.MaxUnpackedBytes"/>; <see cref="BatchFileError.Names"/> holds the limit in MB.</summary>
    ZipTooLarge,
    /// <summary>A file in the ZIP unpacks to more than <see cref="ZipLimits.MaxRatio"/> times its packed size: a ZIP bomb.</summary>
    ZipBomb,
    /// <summary>No CSV, JSON or JSON Lines file in the ZIP.</summary>
    ZipNoTable,
    /// <summary>More than one CSV, JSON or JSON Lines file in the ZIP (<see cref="BatchFileError.Names"/>): which one holds the tasks?</summary>
    ZipSeveralTables,
}

/// <summary>Unwinds the parser when the whole file is refused; never leaves the library.</summary>
internal sealed class BatchFileException(BatchFileError error) : Exception(error.Message)
{
    public BatchFileError Error { get; } = error;
}
