namespace Microtask.Batches;

/// <summary>
/// What a ZIP batch may hold. Sizes are counted as the bytes come out of the archive, never taken from its headers,
/// and reading stops the moment one is passed. The ZIP itself is held in memory: its size is the caller's limit
/// (Telegram lets a bot download 20 MB).
/// </summary>
/// <param name="MaxEntries">Files and folders in the archive.</param>
/// <param name="MaxUnpackedBytes">Bytes unpacked in all: the table and every file it names.</param>
/// <param name="MaxRatio">How many times its packed size one file may unpack to, once past <paramref name="RatioFloor"/> bytes.</param>
/// <param name="RatioFloor">Below this many unpacked bytes a file is not held to <paramref name="MaxRatio"/>: a small text packs well.</param>
public sealed record ZipLimits(
    int MaxEntries = 10_000,
    long MaxUnpackedBytes = 200L * 1024 * 1024,
    int MaxRatio = 100,
    long RatioFloor = 1024 * 1024)
{
    public static ZipLimits Default { get; } = new();
}
