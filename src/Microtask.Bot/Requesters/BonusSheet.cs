using System.Globalization;
using System.Text.RegularExpressions;
using Microtask.Batches;
using Microtask.Bot.Resources;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Views;
using Microtask.Core;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// A file of bonuses (<c>pseudonym,amount,reason</c>, read by the batch parser) checked against a project: the rows that
/// would be paid, their total, and every problem with its line. One row per worker: a pseudonym twice is a problem,
/// since a repeated row is far more often a slip than a second bonus.
/// </summary>
internal sealed partial record BonusSheet(IReadOnlyList<BonusRow> Rows, long Total, IReadOnlyList<(int Line, string Text)> Problems)
{
    public const int MaxRows = 1000;

    public const long MaxBytes = 1024 * 1024;

    /// <summary>The bot's messages about bonus files begin with this, so a file sent as a reply to one is a file of bonuses.</summary>
    public const string Mark = "🎁";

    private static readonly string[] Columns = ["pseudonym", "amount", "reason"];

    /// <summary>The parser's rules for a file of bonuses: its three columns, a reason no longer than one a single /bonus keeps, repeated rows kept.</summary>
    public static BatchRules Rules => new(Columns, [], MaxValueLength: Quotes.Reason, MaxRows: MaxRows) { SkipDuplicates = false };

    [GeneratedRegex(@"^\s*/?bonus(?:@\w+)?\b\s*#?([0-9]{1,18})?", RegexOptions.IgnoreCase)]
    private static partial Regex BonusCaption();

    [GeneratedRegex(@"#([0-9]{1,18})\b")]
    private static partial Regex ProjectMention();

    /// <summary>Whether a document is a file of bonuses: its caption begins with "/bonus", or it replies to the bot's message about bonuses.</summary>
    public static bool Claims(SentDocument document) =>
        BonusCaption().IsMatch(Digits.Ascii(document.Caption ?? "")) || (document.ReplyToText ?? "").StartsWith(Mark, StringComparison.Ordinal);

    /// <summary>The project a file of bonuses is for: the number in its "/bonus N" caption, else the first one the message it replies to names.</summary>
    public static long? Target(SentDocument document)
    {
        if (BonusCaption().Match(Digits.Ascii(document.Caption ?? "")) is { Success: true } caption && caption.Groups[1].Success)
        {
            return long.Parse(caption.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return (document.ReplyToText ?? "").StartsWith(Mark, StringComparison.Ordinal)
            && ProjectMention().Match(Digits.Ascii(document.ReplyToText!)) is { Success: true } named
            ? long.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;
    }

    /// <summary>The rows of a read file checked against the project's workers (<paramref name="workers"/>, by pseudonym); problems in the reader's language.</summary>
    public static BonusSheet Check(BatchReport report, IReadOnlyDictionary<string, long> workers)
    {
        var culture = CultureInfo.CurrentCulture;
        var problems = report.Rejected.Select(r => (r.Line, Rejection(r))).ToList();
        var rows = new List<BonusRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in report.Accepted)
        {
            var line = task.Line ?? 0;
            var pseudonym = ProjectPseudonyms.Normalize(task.Fields["pseudonym"]);
            var amount = Amounts.Parse(task.Fields["amount"]);
            string? problem = null;
            if (task.GoldAnswer is not null || task.Practice)
            {
                problem = string.Format(culture, RequesterMessages.BonusLineExtra, line);
            }
            else if (!workers.TryGetValue(pseudonym, out _))
            {
                problem = string.Format(culture, RequesterMessages.BonusLineUnknown, line, Quotes.Of(task.Fields["pseudonym"], Quotes.Word));
            }
            else if (amount is null)
            {
                problem = string.Format(culture, RequesterMessages.BonusLineAmount, line, Quotes.Of(task.Fields["amount"], Quotes.Word));
            }
            else if (!seen.TryAdd(pseudonym, line))
            {
                problem = string.Format(culture, RequesterMessages.BonusLineTwice, line, TaskTemplate.Escape(pseudonym), seen[pseudonym]);
            }

            if (problem is not null)
            {
                problems.Add((line, problem));
                continue;
            }

            rows.Add(new BonusRow(line, workers[pseudonym], amount!.Value, task.Fields["reason"]));
        }

        return new BonusSheet(rows, rows.Sum(r => r.Amount), [.. problems.OrderBy(p => p.Line)]);
    }

    /// <summary>Why the whole file was refused, in words about bonuses where the batch's words would speak of a template.</summary>
    public static string Refusal(BatchFileError error) => error.Code switch
    {
        FileErrorCode.MissingColumns => string.Format(CultureInfo.CurrentCulture, RequesterMessages.BonusFileMissingColumns, Names(error)),
        FileErrorCode.UnknownColumns or FileErrorCode.SeveralGoldColumns or FileErrorCode.SeveralColumnsOfOneKind => string.Format(CultureInfo.CurrentCulture, RequesterMessages.BonusFileUnknownColumns, Names(error)),
        FileErrorCode.TooManyRows => string.Format(CultureInfo.CurrentCulture, RequesterMessages.BonusFileTooManyRows, MaxRows),
        _ => BatchReportText.Problem(error),
    };

    private static string Rejection(RejectedRow row) => row.Code == RejectReason.TooLong
        ? string.Format(CultureInfo.CurrentCulture, RequesterMessages.BonusLineTooLong, row.Line, TaskTemplate.Escape(row.Field ?? ""), Quotes.Reason)
        : string.Format(CultureInfo.CurrentCulture, RequesterMessages.RejectedLine, row.Line, BatchReportText.Reason(row));

    private static string Names(BatchFileError error) => Quotes.Of(string.Join(", ", error.Names ?? []), Quotes.Reason);
}
