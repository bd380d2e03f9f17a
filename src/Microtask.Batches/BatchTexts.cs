using System.Globalization;
using System.Text;
using CsvHelper;

namespace Microtask.Batches;

/// <summary>
/// The library's only wording: a default English rendering of the codes. The bot translates from
/// <see cref="RejectReason"/> / <see cref="FileErrorCode"/> and their details with its own resources.
/// </summary>
internal static class BatchTexts
{
    public static string Describe(RejectedRow row) => row.Code switch
    {
        RejectReason.MissingField => $"missing value: {row.Field}",
        RejectReason.TooLong => $"value too long: {row.Field}",
        RejectReason.BadGold => $"gold answer '{row.Value}' is not one of the choices",
        RejectReason.GoldNotChecked => $"{row.Field}: this kind of task has no gold answers",
        RejectReason.ExplanationWithoutGold => $"{row.Field}: an explanation needs a gold answer in the same row",
        RejectReason.PracticeWithoutGold => "a practice task needs a gold answer and an explanation",
        RejectReason.BadPractice => $"{row.Field}: '{row.Value}' is not yes or no",
        RejectReason.PracticeNotAnswerable => $"{row.Field}: practice tasks need answers given with one button (single choice, yes/no, rating, pairwise)",
        RejectReason.ExtraValues => "values beyond the header's columns (an unquoted separator?)",
        RejectReason.BadQuotes => "text after a closing quote",
        RejectReason.InvalidJson => "not valid JSON",
        RejectReason.NotAnObject => "not a JSON object",
        RejectReason.NestedValue => $"value is an object or a list: {row.Field}",
        RejectReason.DuplicateField => $"field given twice: {row.Field}",
        RejectReason.NotMediaValue => $"{row.Field}: '{row.Value}' is not an https link, a Telegram file id or a file in the ZIP",
        RejectReason.NotHttps => $"{row.Field}: '{row.Value}' is not an https link",
        RejectReason.MissingFile => $"{row.Field}: '{row.Value}' is not in the ZIP",
        RejectReason.NotAnImage => $"{row.Field}: '{row.Value}' is not a JPEG, PNG, GIF or WebP image",
        RejectReason.NotAudio => $"{row.Field}: '{row.Value}' is not MP3, M4A, Ogg, WAV or FLAC audio",
        RejectReason.NotVoice => $"{row.Field}: '{row.Value}' is not an Ogg Opus, MP3 or M4A voice recording",
        RejectReason.NotVideo => $"{row.Field}: '{row.Value}' is not an MP4, MOV or WebM video",
        RejectReason.PhotoTooLarge => $"{row.Field}: '{row.Value}' is over Telegram's 10 MB limit for photos",
        RejectReason.MediaTooLarge => $"{row.Field}: '{row.Value}' is over Telegram's 50 MB limit for files",
        _ => row.Code.ToString(),
    };

    public static string Describe(BatchFileError error)
    {
        var names = error.Names is null ? string.Empty : string.Join(", ", error.Names);
        var expected = error.Expected is null ? string.Empty : string.Join(", ", error.Expected);
        var at = error.Line is { } line ? $" (line {line})" : string.Empty;
        return error.Code switch
        {
            FileErrorCode.Empty => "The file is empty.",
            FileErrorCode.Binary => $"This is not a text file ({error.Detail}). Send CSV, JSON or JSON Lines.",
            FileErrorCode.Utf16 => "The file is in UTF-16. Save it as UTF-8 (in Excel: \"CSV UTF-8\").",
            FileErrorCode.NotUtf8 => $"The file is not UTF-8: line {error.Line}, byte {error.Byte}. Save it as UTF-8 (in Excel: \"CSV UTF-8\").",
            FileErrorCode.UnsupportedFormat => $"{error.Detail} files are not read. Save the sheet as CSV UTF-8.",
            FileErrorCode.MissingColumns => $"Missing columns: {names}. The template needs: {expected}.",
            FileErrorCode.UnknownColumns => $"Unknown columns{at}: {names}. Use only the template's fields ({expected}) and gold.",
            FileErrorCode.DuplicateColumns => $"Columns given twice: {names}.",
            FileErrorCode.SeveralGoldColumns => $"More than one gold column: {names}.",
            FileErrorCode.SeveralColumnsOfOneKind => $"Columns that say the same thing: {names}. Keep one.",
            FileErrorCode.NoRows => "The file has no rows to import.",
            FileErrorCode.TooManyRows => $"Too many rows: at most {names} per file.",
            FileErrorCode.UnbalancedQuotes => $"A quote opened on line {error.Line} is never closed.",
            FileErrorCode.MalformedCsv => $"The CSV cannot be read{at}: {error.Detail}",
            FileErrorCode.InvalidJson => $"The JSON is not valid{at}.",
            FileErrorCode.NotJsonArray => "The JSON must be an array of objects ([{...}, {...}]) or JSON Lines (one object per line).",
            FileErrorCode.ZipCorrupt => error.Names is null ? "The ZIP cannot be read: it is damaged or cut short." : $"The ZIP cannot be read: {names} is damaged.",
            FileErrorCode.ZipEncrypted => $"The ZIP holds encrypted files: {names}. Pack it again without a password.",
            FileErrorCode.ZipUnsafePath => $"The ZIP holds paths outside its folder: {names}.",
            FileErrorCode.ZipDuplicatePaths => $"The ZIP holds the same path twice: {names}.",
            FileErrorCode.ZipNested => $"The ZIP holds another archive: {names}. Put the files themselves in one ZIP.",
            FileErrorCode.ZipTooManyEntries => $"The ZIP holds more than {names} files.",
            FileErrorCode.ZipTooLarge => $"The ZIP unpacks to more than {names} MB.",
            FileErrorCode.ZipBomb => $"{names} unpacks to far more than its packed size; the ZIP is refused.",
            FileErrorCode.ZipNoTable => "The ZIP holds no table: put one CSV, JSON or JSON Lines file in it beside the media.",
            FileErrorCode.ZipSeveralTables => $"The ZIP holds several tables ({names}); keep only the one with the tasks.",
            _ => error.Code.ToString(),
        };
    }

    public static string Summary(BatchReport report, int maxRejections)
    {
        if (report.Problem is { } problem)
        {
            return problem.Message;
        }

        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Rows accepted: {report.Accepted.Count} ({report.GoldCount} gold). ")
            .Append(CultureInfo.InvariantCulture, $"Rows rejected: {report.Rejected.Count}. ")
            .Append(CultureInfo.InvariantCulture, $"Skipped: {report.EmptyRows} empty, {report.Duplicates} duplicate.");
        foreach (var row in report.Rejected.Take(maxRejections))
        {
            text.Append(CultureInfo.InvariantCulture, $"\nLine {row.Line}: {row.Reason}");
        }

        if (report.Rejected.Count > maxRejections)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n…and {report.Rejected.Count - maxRejections} more in the attached CSV.");
        }

        return text.ToString();
    }

    public static string RejectedCsv(IReadOnlyList<RejectedRow> rejected, Func<RejectedRow, string> describe) =>
        Csv(["line", "reason", "code", "field"], rejected.Select(row =>
            new[] { row.Line.ToString(CultureInfo.InvariantCulture), describe(row), row.Code.ToString(), row.Field ?? string.Empty }));

    public static string RejectedCsv(IReadOnlyList<RejectedRow> rejected, RejectedCsvHeader header, Func<RejectedRow, string> describe) =>
        Csv([header.Line, header.Reason, header.Field], rejected.Select(row =>
            new[] { row.Line.ToString(CultureInfo.InvariantCulture), describe(row), row.Field ?? string.Empty }));

    private static string Csv(string[] header, IEnumerable<string[]> records)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { Injection = CsvInjection.Escape, NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteRecord(header);
            foreach (var record in records)
            {
                csv.WriteRecord(record);
            }
        }

        return output.ToString();
    }
}
