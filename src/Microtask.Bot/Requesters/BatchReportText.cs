using System.Globalization;
using Microtask.Batches;
using Microtask.Bot.Resources;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>A validation report in the requester's language, built from the parser's stable codes.</summary>
internal static class BatchReportText
{
    public const int ShownRejections = 20;

    /// <summary>Why a whole file was refused: {0} the line, {1} the columns concerned, {2} the columns the template expects.</summary>
    public static string Problem(BatchFileError error) => string.Format(
        CultureInfo.CurrentCulture,
        Text("File_" + error.Code),
        error.Line,
        Columns(error.Names),
        Columns(error.Expected));

    public static string Report(string fileName, long projectId, BatchReport report)
    {
        var culture = CultureInfo.CurrentCulture;
        var lines = new List<string>
        {
            string.Format(culture, RequesterMessages.Report, TaskTemplate.Escape(fileName), projectId, report.Accepted.Count, report.GoldCount,
                report.Rejected.Count, report.Duplicates, report.EmptyRows),
        };
        if (report.PracticeCount > 0)
        {
            lines.Add(string.Format(culture, RequesterMessages.ReportPractice, report.PracticeCount));
        }

        lines.AddRange(report.Rejected.Take(ShownRejections).Select(r => "• " + string.Format(culture, RequesterMessages.RejectedLine, r.Line, Reason(r))));
        if (report.Rejected.Count > ShownRejections)
        {
            lines.Add(string.Format(culture, RequesterMessages.MoreRejected, report.Rejected.Count - ShownRejections));
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// That an upload with the same bytes was imported into the project already, named as the requester saw it: its file
    /// name and how many tasks it added (never a batch number, which the requester is never shown).
    /// </summary>
    public static string AlreadyImported(Batch earlier) => string.Format(
        CultureInfo.CurrentCulture, RequesterMessages.AlreadyImported, earlier.ProjectId, TaskTemplate.Escape(earlier.FileName), earlier.Rows);

    /// <summary><see cref="AlreadyImported"/> for a button's answer: plain text.</summary>
    public static string AlreadyImportedToast(Batch earlier) =>
        string.Format(CultureInfo.CurrentCulture, RequesterMessages.AlreadyImportedToast, earlier.ProjectId, earlier.FileName);

    /// <summary>Every rejected row as CSV, its header and reasons in the requester's language.</summary>
    public static string RejectedCsv(BatchReport report) => report.RejectedCsv(
        new RejectedCsvHeader(RequesterMessages.RejectedCsvLine, RequesterMessages.RejectedCsvReason, RequesterMessages.RejectedCsvField),
        row => Reason(row, escape: false));

    public static string Reason(RejectedRow row, bool escape = true)
    {
        string Shown(string? value) => escape ? TaskTemplate.Escape(value ?? "") : value ?? "";
        return string.Format(CultureInfo.CurrentCulture, Text("Reason_" + row.Code), Shown(row.Field), Shown(row.Value));
    }

    /// <summary>Column names from the file, cut: a header may hold thousands of them, or one of any length.</summary>
    private static string Columns(IReadOnlyList<string>? names) => TaskTemplate.Escape(TelegramLimits.FitPlain(string.Join(", ", names ?? []), 400));

    private static string Text(string key) => RequesterMessages.ResourceManager.GetString(key, CultureInfo.CurrentUICulture)!;
}
