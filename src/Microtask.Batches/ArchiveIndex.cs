using System.Globalization;
using System.IO.Compression;

namespace Microtask.Batches;

/// <summary>
/// A ZIP batch's table of contents, checked before anything is unpacked: not too many entries, no path outside the
/// archive's folder, nothing encrypted, no archive inside, no path twice, and exactly one table. The files are found
/// by the path the table gives (forward or back slashes, a leading <c>./</c>, case counts), beside the table or from the root.
/// </summary>
internal sealed class ArchiveIndex : IDisposable
{
    private const int MaxNamesShown = 5;

    private static readonly string[] TableExtensions = [".csv", ".tsv", ".json", ".jsonl", ".ndjson"];
    private static readonly string[] ArchiveExtensions = [".zip", ".7z", ".rar", ".gz", ".tgz", ".tar", ".bz2", ".xz"];

    // What operating systems add when they zip a folder: macOS's resource forks and Finder data, Windows' thumbnails.
    private static readonly string[] Clutter = [".DS_Store", "Thumbs.db", "desktop.ini"];

    private readonly ZipArchive zip;
    private readonly Dictionary<string, ZipArchiveEntry> files;

    private ArchiveIndex(ZipArchive zip, Dictionary<string, ZipArchiveEntry> files, string tablePath)
    {
        (this.zip, this.files, TablePath) = (zip, files, tablePath);
    }

    /// <summary>The table's path, as the archive spells it with forward slashes.</summary>
    public string TablePath { get; }

    public ZipArchiveEntry Table => this.files[TablePath];

    public ZipArchiveEntry this[string path] => this.files[path];

    /// <summary>Reads the table of contents of <paramref name="archive"/>, or refuses the whole upload.</summary>
    public static ArchiveIndex Open(MemoryStream archive, ZipLimits limits)
    {
        if (CentralDirectory.HasMoreThan(archive.GetBuffer().AsSpan(0, (int)archive.Length), limits.MaxEntries))
        {
            throw TooManyEntries(limits);
        }

        ZipArchive zip;
        IReadOnlyList<ZipArchiveEntry> entries;
        try
        {
            archive.Position = 0;
            zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            entries = zip.Entries;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentException or IOException)
        {
            throw UnpackedStream.Corrupt(null);
        }

        try
        {
            return new ArchiveIndex(zip, Check(entries, limits, out var table), table);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The archive's path for a value from the table, or null when no file there has it. A path is looked for beside
    /// the table first (a zipped folder puts the table and its files in that folder), then from the archive's root.
    /// </summary>
    public string? Find(string value)
    {
        var path = value.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        var folder = TablePath[..(TablePath.LastIndexOf('/') + 1)];
        return new[] { folder + path, path }.FirstOrDefault(p => p != TablePath && this.files.ContainsKey(p));
    }

    public void Dispose() => this.zip.Dispose();

    private static Dictionary<string, ZipArchiveEntry> Check(IReadOnlyList<ZipArchiveEntry> entries, ZipLimits limits, out string table)
    {
        if (entries.Count > limits.MaxEntries)
        {
            throw TooManyEntries(limits);
        }

        var paths = entries.Select(e => (Entry: e, Path: e.FullName.Replace('\\', '/'))).ToList();
        Refuse(FileErrorCode.ZipUnsafePath, paths.Where(p => IsUnsafe(p.Path)).Select(p => p.Entry.FullName));
        Refuse(FileErrorCode.ZipEncrypted, paths.Where(p => p.Entry.IsEncrypted).Select(p => p.Path));
        var files = paths.Where(p => !p.Path.EndsWith('/') && !IsClutter(p.Path)).ToList();
        Refuse(FileErrorCode.ZipNested, files.Where(p => HasExtension(p.Path, ArchiveExtensions)).Select(p => p.Path));
        Refuse(FileErrorCode.ZipDuplicatePaths, files.GroupBy(p => p.Path, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));

        var tables = files.Where(p => HasExtension(p.Path, TableExtensions)).Select(p => p.Path).ToList();
        Refuse(FileErrorCode.ZipSeveralTables, tables.Count > 1 ? tables : []);
        table = tables.Count == 1 ? tables[0] : throw new BatchFileException(new BatchFileError(FileErrorCode.ZipNoTable));
        return files.ToDictionary(p => p.Path, p => p.Entry, StringComparer.Ordinal);
    }

    /// <summary>Absolute (<c>/x</c>, <c>C:x</c>), climbing out (<c>../x</c>), or holding controls that could hide either.</summary>
    private static bool IsUnsafe(string path) =>
        path.Length == 0 || path[0] == '/' || (path.Length >= 2 && path[1] == ':') || path.Any(char.IsControl)
        || path.Split('/').Any(segment => segment == "..");

    private static bool IsClutter(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return path.StartsWith("__MACOSX/", StringComparison.Ordinal) || name.StartsWith("._", StringComparison.Ordinal)
            || Clutter.Contains(name, StringComparer.OrdinalIgnoreCase);
    }

    private static bool HasExtension(string path, string[] extensions) =>
        extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    private static void Refuse(FileErrorCode code, IEnumerable<string> names)
    {
        var list = names.Take(MaxNamesShown + 1).ToList();
        if (list.Count > 0)
        {
            throw new BatchFileException(new BatchFileError(code, Names: list.Count > MaxNamesShown ? [.. list.Take(MaxNamesShown), "…"] : list));
        }
    }

    private static BatchFileException TooManyEntries(ZipLimits limits) =>
        new(new BatchFileError(FileErrorCode.ZipTooManyEntries, Names: [limits.MaxEntries.ToString(CultureInfo.InvariantCulture)]));
}
