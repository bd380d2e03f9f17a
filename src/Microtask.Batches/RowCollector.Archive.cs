using Microtask.Core;

namespace Microtask.Batches;

/// <summary>A row of a ZIP batch that passed every check but its files': <see cref="Paths"/> marks the fields holding a path.</summary>
internal sealed record WaitingRow(int Line, string[] Values, RowKnown Known, bool[]? Paths);

/// <summary>
/// ZIP batches: every row waits, in order, until the files named are read; then a row whose file is not what its
/// column sends is rejected, the others get <c>sha256:…</c> for their paths and are checked for duplicates by that.
/// </summary>
internal sealed partial class RowCollector
{
    private readonly List<WaitingRow> waiting = [];
    private readonly Dictionary<string, HashSet<MediaKind>> wanted = new(StringComparer.Ordinal);
    private readonly List<string> wantedOrder = [];
    private readonly List<MediaFile> files = [];

    /// <summary>The paths waiting rows name, in order of first mention, with every kind each is to be sent as.</summary>
    public IEnumerable<(string Path, IReadOnlySet<MediaKind> Kinds)> WantedFiles =>
        wantedOrder.Select(path => (path, (IReadOnlySet<MediaKind>)this.wanted[path]));

    private void Wait(int line, string[] values, RowKnown known, bool[]? paths)
    {
        this.waiting.Add(new WaitingRow(line, values, known, paths));
        foreach (var (field, kinds) in media)
        {
            if (paths?[field] == true)
            {
                if (!this.wanted.TryGetValue(values[field], out var wanted))
                {
                    this.wanted[values[field]] = wanted = [];
                    wantedOrder.Add(values[field]);
                }

                wanted.UnionWith(kinds);
            }
        }
    }

    /// <summary>Settles the waiting rows with the files read (by path): rejected, duplicate or accepted, in line order.</summary>
    public void Resolve(IReadOnlyDictionary<string, ArchiveFile> files)
    {
        var late = false;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in this.waiting)
        {
            if (Problem(row, files) is { } problem)
            {
                rejected.Add(new RejectedRow(row.Line, problem.Code, rules.TemplateFields[problem.Field], Shorten(row.Values[problem.Field])));
                late = true;
                continue;
            }

            var named = new List<(ArchiveFile File, MediaKind Kind)>();
            foreach (var (field, kinds) in media)
            {
                if (row.Paths?[field] == true)
                {
                    var file = files[row.Values[field]];
                    named.Add((file, kinds[0]));
                    row.Values[field] = MediaRef.UploadPrefix + file.Sha256;
                }
            }

            var duplicates = this.duplicates;
            Accept(row.Line, row.Values, row.Known);
            foreach (var (file, kind) in named)
            {
                if (this.duplicates == duplicates && used.Add(file.Sha256))
                {
                    this.files.Add(new MediaFile(file.Sha256, kind, file.Content!.ContentType, file.Path, file.Bytes));
                }
            }
        }

        this.waiting.Clear();
        if (late)
        {
            var ordered = rejected.OrderBy(r => r.Line).ToList();
            rejected.Clear();
            rejected.AddRange(ordered);
        }
    }

    /// <summary>The first of a row's files that is too large for, or not, what its column sends.</summary>
    private (int Field, RejectReason Code)? Problem(WaitingRow row, IReadOnlyDictionary<string, ArchiveFile> files)
    {
        foreach (var (field, kinds) in media)
        {
            if (row.Paths?[field] != true)
            {
                continue;
            }

            foreach (var kind in kinds)
            {
                if (files[row.Values[field]].Problem(kind) is { } code)
                {
                    return (field, code);
                }
            }
        }

        return null;
    }
}
