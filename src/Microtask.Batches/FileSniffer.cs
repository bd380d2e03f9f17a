namespace Microtask.Batches;

/// <summary>Tells what an upload is from its first bytes and its name, before any parser sees it.</summary>
internal static class FileSniffer
{
    private static readonly (byte[] Magic, string What)[] Signatures =
    [
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "PNG image"),
        ([0xFF, 0xD8, 0xFF], "JPEG image"),
        ("GIF8"u8.ToArray(), "GIF image"),
        ("RIFF"u8.ToArray(), "RIFF media file (WebP, WAV, AVI)"),
        ("%PDF"u8.ToArray(), "PDF document"),
        ([(byte)'P', (byte)'K', 0x03, 0x04], "ZIP archive (an .xlsx or .docx is one)"),
        ([0xD0, 0xCF, 0x11, 0xE0], "Office document (.xls, .doc)"),
        ([0x1F, 0x8B], "gzip archive"),
        ("7z"u8.ToArray(), "7-Zip archive"),
        ("Rar!"u8.ToArray(), "RAR archive"),
        ("OggS"u8.ToArray(), "Ogg media file"),
    ];

    private static readonly HashSet<string> SpreadsheetExtensions =
        new([".xlsx", ".xlsm", ".xls", ".ods", ".numbers", ".doc", ".docx", ".pdf", ".zip"], StringComparer.OrdinalIgnoreCase);

    public static void RefuseBinary(ReadOnlySpan<byte> start)
    {
        foreach (var (magic, what) in Signatures)
        {
            if (start.StartsWith(magic))
            {
                throw new BatchFileException(new BatchFileError(FileErrorCode.Binary, Detail: what));
            }
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || LooksLikeUtf16(start))
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.Utf16));
        }
    }

    /// <summary>UTF-16 without a byte order mark: ASCII text with a NUL beside nearly every character.</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> start)
    {
        var sample = start[..(Math.Min(start.Length, 512) & ~1)];
        if (sample.Length < 4)
        {
            return false;
        }

        int evenNuls = 0, oddNuls = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenNuls += sample[i] == 0 ? 1 : 0;
            oddNuls += sample[i + 1] == 0 ? 1 : 0;
        }

        var pairs = sample.Length / 2;
        return Math.Max(evenNuls, oddNuls) * 10 >= pairs * 8 && Math.Min(evenNuls, oddNuls) * 10 <= pairs;
    }

    /// <summary>
    /// The name decides for CSV (.csv, .tsv, .txt); otherwise the first character does: <c>[</c> is a JSON array,
    /// <c>{</c> JSON Lines, anything else CSV. A .json file must hold an array (or be JSON Lines misnamed).
    /// </summary>
    /// <param name="wholeFile">Whether <paramref name="start"/> is the whole file; if not, a start of nothing but blank lines leaves the choice to the name.</param>
    public static BatchFormat Detect(ReadOnlySpan<byte> start, bool wholeFile, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (SpreadsheetExtensions.Contains(extension))
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.UnsupportedFormat, Detail: extension.ToLowerInvariant()));
        }

        var text = start.StartsWith(Bom) ? start[Bom.Length..] : start;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0 && wholeFile)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.Empty));
        }

        var isJsonName = extension.Equals(".json", StringComparison.OrdinalIgnoreCase);
        return (extension.ToLowerInvariant(), first < 0 ? (byte)' ' : text[first]) switch
        {
            (".csv" or ".tsv" or ".txt", _) => BatchFormat.Csv,
            (_, (byte)'[') => BatchFormat.JsonArray,
            (_, (byte)'{') => BatchFormat.JsonLines,
            (".json", (byte)' ') => BatchFormat.JsonArray,
            _ when isJsonName => throw new BatchFileException(new BatchFileError(FileErrorCode.NotJsonArray)),
            (".jsonl" or ".ndjson", _) => BatchFormat.JsonLines,
            _ => BatchFormat.Csv,
        };
    }

    public static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];
}
