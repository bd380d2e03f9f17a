namespace Microtask.Batches;

/// <summary>Reads an uploaded batch file and checks every row against a project's rules. Nothing here is imported or stored.</summary>
public static class BatchParser
{
    /// <summary>
    /// Streams <paramref name="content"/> once: hashing, encoding checks and parsing happen as the bytes go by.
    /// The format comes from the content and <paramref name="fileName"/> together (see <c>README.md</c> beside this file).
    /// </summary>
    public static async Task<BatchReport> ParseAsync(Stream content, string fileName, BatchRules rules, CancellationToken ct = default)
    {
        await using var input = new GuardedInput(content);
        var rows = new RowCollector(rules);
        var format = BatchFormat.Unknown;
        BatchFileError? problem = null;
        try
        {
            await input.PeekAsync(ct);
            format = FileSniffer.Detect(input.Prefix, input.WholeFileInPrefix, fileName);
            await (format switch
            {
                BatchFormat.JsonArray => JsonBatchReader.ReadArrayAsync(input, rows, ct),
                BatchFormat.JsonLines => JsonBatchReader.ReadLinesAsync(input, rows, arrayExpected: IsJsonName(fileName), ct),
                _ => CsvBatchReader.ReadAsync(input, rows, ct),
            });
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            problem = refusal.Error;
        }

        await input.DrainAsync(ct);
        return rows.Report(format, input.Sha256Hex(), problem);
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
