namespace Microtask.Batches;

/// <summary>
/// Picks the separator from the header line: the candidate that splits it into the most names the template knows,
/// then the one that splits it most. A header with none of them is a one-column file: its values may hold commas
/// unquoted ("Halo, apa kabar?"), so the separator becomes a control character that text never holds.
/// </summary>
internal static class CsvSeparator
{
    private const char UnitSeparator = '\u001F';

    private static readonly char[] Candidates = [',', ';', '\t'];

    /// <returns>Null when the header line is not in <paramref name="start"/> or is Excel's <c>sep=</c> hint: CsvHelper decides then.</returns>
    public static char? FromHeader(ReadOnlySpan<byte> start, bool wholeFile, RowCollector rows)
    {
        var header = HeaderLine(start, wholeFile);
        if (header is null || header.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var splits = Candidates.Select(separator => (separator, names: Split(header, separator))).ToList();
        if (splits.All(c => c.names.Count == 1))
        {
            return UnitSeparator;
        }

        return splits
            .OrderByDescending(c => c.names.Count(name => rows.Classify(name).Kind is ColumnKind.Field or ColumnKind.Gold))
            .ThenByDescending(c => c.names.Count)
            .ThenBy(c => Array.IndexOf(Candidates, c.separator))
            .First().separator;
    }

    /// <summary>The first non-blank line, when it ends inside the start of the file.</summary>
    private static string? HeaderLine(ReadOnlySpan<byte> start, bool wholeFile)
    {
        if (start.StartsWith(FileSniffer.Bom))
        {
            start = start[FileSniffer.Bom.Length..];
        }

        while (true)
        {
            var end = start.IndexOf((byte)'\n');
            if (end < 0)
            {
                if (!wholeFile || start.IsEmpty)
                {
                    return null;
                }

                end = start.Length;
            }

            var line = System.Text.Encoding.UTF8.GetString(start[..end]).Trim();
            if (line.Length > 0)
            {
                return line;
            }

            start = start[Math.Min(end + 1, start.Length)..];
        }
    }

    /// <summary>Splits outside double quotes; the quotes themselves are dropped.</summary>
    private static List<string> Split(string line, char separator)
    {
        var names = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                names.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        names.Add(current.ToString());
        return names;
    }
}
