using System.Text;
using CsvHelper;

namespace Microtask.Batches;

/// <summary>
/// Reads CSV with CsvHelper (RFC 4180: quoted separators and line breaks, doubled quotes; a UTF-8 BOM is skipped).
/// The first non-empty record is the header; column problems there refuse the file, row problems reject the row.
/// </summary>
internal static class CsvBatchReader
{
    /// <summary>A record larger than this is refused rather than buffered: usually a quote that never closes.</summary>
    private const int MaxRecordBytes = 16 * 1024 * 1024;

    private static readonly byte[] Blank = " \t\r\n"u8.ToArray();

    public static async Task ReadAsync(GuardedInput input, RowCollector rows, CancellationToken ct)
    {
        CsvMalformedRecord? malformed = null;
        var options = CsvReaderOptions.Default with
        {
            Separator = CsvSeparator.FromHeader(input.Prefix, input.WholeFileInPrefix, rows),
            HasHeader = false,
            SkipEmptyLines = false,
            TrackLineNumbers = true,
            MaxRecordSize = MaxRecordBytes,
            OnMalformedRecord = record => malformed = record,
        };

        await using var reader = CsvReader.Create(input, options, leaveOpen: true);
        Column[]? header = null;
        while (await ReadRecordAsync(reader, ct))
        {
            var line = checked((int)reader.LineNumber);
            if (malformed is { } bad && bad.LineNumber == line)
            {
                malformed = null;
                if (bad.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    throw new BatchFileException(new BatchFileError(FileErrorCode.UnbalancedQuotes, line));
                }

                if (bad.Reason == CsvMalformedReason.TextAfterClosingQuote)
                {
                    rows.Reject(line, RejectReason.BadQuotes);
                    continue;
                }
            }

            if (IsBlank(reader))
            {
                if (header is not null)
                {
                    rows.Empty();
                }

                continue;
            }

            if (header is null)
            {
                header = Header(reader, rows, line);
                continue;
            }

            Row(reader, header, rows, line);
        }

        if (header is null)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.Empty));
        }
    }

    private static async ValueTask<bool> ReadRecordAsync(CsvReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadAsync(ct);
        }
        catch (CsvFormatException e)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.MalformedCsv, e.LineNumber > 0 ? (int)e.LineNumber : null, Detail: e.Message));
        }
    }

    private static Column[] Header(CsvReader reader, RowCollector rows, int line)
    {
        var columns = new Column[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = rows.Classify(reader.GetString(i));
        }

        var named = columns.Where(c => c.Kind != ColumnKind.Unnamed).ToList();
        Refuse(FileErrorCode.DuplicateColumns, named.GroupBy(c => c.Kind == ColumnKind.Field ? c.Name : c.Name.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).Select(g => g.Key));
        Refuse(FileErrorCode.UnknownColumns, named.Where(c => c.Kind == ColumnKind.Unknown).Select(c => c.Name));
        Refuse(FileErrorCode.MissingColumns, rows.Rules.TemplateFields.Where(f => !named.Any(c => c.Kind == ColumnKind.Field && c.Name == f)));
        var gold = named.Where(c => c.Kind == ColumnKind.Gold).Select(c => c.Name).ToList();
        Refuse(FileErrorCode.SeveralGoldColumns, gold.Count > 1 ? gold : []);
        foreach (var kind in (ColumnKind[])[ColumnKind.Explanation, ColumnKind.Practice])
        {
            var same = named.Where(c => c.Kind == kind).Select(c => c.Name).ToList();
            Refuse(FileErrorCode.SeveralColumnsOfOneKind, same.Count > 1 ? same : []);
        }
        return columns;

        void Refuse(FileErrorCode code, IEnumerable<string> names)
        {
            var list = names.ToList();
            if (list.Count > 0)
            {
                var expected = code is FileErrorCode.UnknownColumns or FileErrorCode.MissingColumns ? rows.Rules.TemplateFields : null;
                throw new BatchFileException(new BatchFileError(code, line, Names: list, Expected: expected));
            }
        }
    }

    /// <summary>Values are measured as UTF-8 bytes first, so a 1 MB cell is rejected without becoming a string.</summary>
    private static void Row(CsvReader reader, Column[] header, RowCollector rows, int line)
    {
        var values = new string?[rows.FieldCount];
        var extras = new RowExtras();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var bytes = reader.GetSpan(i).Trim(Blank);
            if (bytes.IsEmpty)
            {
                continue;
            }

            var column = i < header.Length ? header[i] : new Column(ColumnKind.Unnamed, string.Empty);
            if (column.Kind == ColumnKind.Unnamed)
            {
                rows.Reject(line, RejectReason.ExtraValues);
                return;
            }

            if (bytes.Length > rows.Rules.MaxValueLength && Encoding.UTF8.GetCharCount(bytes) > rows.Rules.MaxValueLength)
            {
                rows.Reject(line, RejectReason.TooLong, column.Name);
                return;
            }

            var value = Encoding.UTF8.GetString(bytes);
            if (column.Kind == ColumnKind.Field)
            {
                values[column.Field] = value;
            }
            else
            {
                extras.Set(column, value);
            }
        }

        rows.Add(line, values, extras);
    }

    private static bool IsBlank(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (reader.GetSpan(i).IndexOfAnyExcept(Blank) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
