namespace Microtask.Batches;

/// <summary>Reads an uploaded batch file and checks every row against a project's rules. Nothing here is imported or stored.</summary>
public static class BatchParser
{
    /// <summary>
    /// Streams <paramref name="content"/> once: hashing, encoding checks and parsing happen as the bytes go by.
    /// The format comes from the content and <paramref name="fileName"/> together (see <c>README.md</c> beside this file);
    /// a ZIP is read as a table with its media files when <see cref="BatchRules.Zip"/> is set.
    /// </summary>
    public static async Task<BatchReport> ParseAsync(Stream content, string fileName, BatchRules rules, CancellationToken ct = default)
    {
        await using var input = new GuardedInput(content);
        await input.PeekAsync(ct);
        if (rules.Zip is { } limits && ZipBatchReader.IsZip(input.Prefix, fileName))
        {
            return await ZipBatchReader.ReadAsync(input, rules, limits, ct);
        }

        var rows = new RowCollector(rules);
        var (format, problem) = await ReadTableAsync(input, fileName, rows, ct);
        await input.DrainAsync(ct);
        return rows.Report(format, input.Sha256Hex(), problem);
    }

    /// <summary>Reads one table (a plain upload, or the one inside a ZIP) into <paramref name="rows"/>; a refusal of the whole is returned, not thrown.</summary>
    internal static async Task<(BatchFormat Format, BatchFileError? Problem)> ReadTableAsync(GuardedInput input, string fileName, RowCollector rows, CancellationToken ct)
    {
        var format = BatchFormat.Unknown;
        try
        {
            input.CheckStart();
            format = FileSniffer.Detect(input.Prefix, input.WholeFileInPrefix, fileName);
            await (format switch
            {
                BatchFormat.JsonArray => JsonBatchReader.ReadArrayAsync(input, rows, ct),
                BatchFormat.JsonLines => JsonBatchReader.ReadLinesAsync(input, rows, arrayExpected: IsJsonName(fileName), ct),
                _ => CsvBatchReader.ReadAsync(input, rows, ct),
            });
            return (format, null);
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            return (format, refusal.Error);
        }
    }

    private static bool IsJsonName(string fileName) =>
        Path.GetExtension(fileName).Equals(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>A refusal thrown by the input guard may reach us wrapped by the parser that was reading.</summary>
    private static BatchFileException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is BatchFileException refusal)
            {
                return refusal;
            }
        }

        return null;
    }
}
