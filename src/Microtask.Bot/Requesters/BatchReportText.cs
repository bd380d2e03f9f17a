using Microtask.Batches;
using Microtask.Bot.Resources;
using Microtask.Core;

namespace Microtask.Bot.Requesters;

/// <summary>A validation report in the requester's language, built from the parser's stable codes.</summary>
internal static class BatchReportText
{
    public const int ShownRejections = 20;

    public static string Problem(BatchFileError error) => Format(
        "File_" + error.Code, error.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", error.Names ?? []));

    public static string Report(string fileName, long projectId, BatchReport report)
    {
        var lines = new List<string>
        {
            string.Format(RequesterMessages.Report, TaskTemplate.Escape(fileName), projectId, report.Accepted.Count, report.GoldCount,
                report.Rejected.Count, report.Duplicates, report.EmptyRows),
        };
        lines.AddRange(report.Rejected.Take(ShownRejections).Select(r => "• " + string.Format(RequesterMessages.RejectedLine, r.Line, Reason(r))));
        if (report.Rejected.Count > ShownRejections)
        {
            lines.Add(string.Format(RequesterMessages.MoreRejected, report.Rejected.Count - ShownRejections));
        }

        return string.Join('\n', lines);
    }

    /// <summary>The reason as plain text in the requester's language, for the CSV of all rejected rows.</summary>
    public static string PlainReason(RejectedRow row) => Format("Reason_" + row.Code, row.Field, row.Value, escape: false);

    private static string Reason(RejectedRow row) => Format("Reason_" + row.Code, row.Field, row.Value);

    private static string Format(string key, string? first, string? second, bool escape = true) =>
        string.Format(
            RequesterMessages.ResourceManager.GetString(key, RequesterMessages.Culture)!,
            escape ? TaskTemplate.Escape(first ?? "") : first ?? "",
            escape ? TaskTemplate.Escape(second ?? "") : second ?? "");
}
