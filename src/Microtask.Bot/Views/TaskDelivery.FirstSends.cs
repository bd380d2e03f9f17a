using System.Collections.Concurrent;
using global::Telegram.Bot.Types;
using Microtask.Core;
using Microtask.Storage.Coordination;

namespace Microtask.Bot.Views;

/// <summary>
/// The first send of a media value: overlap hands one new task to several workers at once, on one instance or several,
/// and each would upload it. One send uploads it; the others wait for its file_id, those of this process on
/// <see cref="firstSends"/>, those of other instances through <see cref="IFirstUploads"/>. A wait has a bound, after
/// which the waiting send uploads the value too: an upload costs less than a worker kept waiting.
/// </summary>
internal sealed partial class TaskDelivery
{
    /// <summary>How long a send waits for another send's first upload of its values before uploading them too.</summary>
    private static readonly TimeSpan FirstSendWait = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<(string Value, MediaKind Kind), TaskCompletionSource<string?>> firstSends = new();

    /// <summary>
    /// Takes the lead of the first send of each value not sent before, or learns its file_id, or waits for the send that
    /// leads it (in this process or another instance). A send that leads a value across instances waits for no other,
    /// and one that leads a value in this process waits for no other of this process, so no two sends wait for each other.
    /// Gives the values this send uploads first.
    /// </summary>
    private async Task<Dictionary<(string, MediaKind), FirstSend>> FirstSendsAsync(List<OutgoingMedia> files, CancellationToken ct)
    {
        var leads = new Dictionary<(string, MediaKind), FirstSend>();
        var here = new List<(int At, Task<string?> FileId)>();
        var elsewhere = new List<int>();
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i] is not { Stored: false, Sample: false } file || leads.ContainsKey(Key(file)))
            {
                continue;
            }

            var mine = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var current = firstSends.GetOrAdd(Key(file), mine);
            if (!ReferenceEquals(current, mine))
            {
                here.Add((i, current.Task));
                continue;
            }

            // A first send may have ended since the look-up, in this process or another: its file_id is there now.
            var stored = await store.FileIdAsync(file.Value, file.Field.Kind, ct);
            var claim = stored is null ? await uploads.ClaimAsync(file.Value, file.Field.Kind) : default;
            var lead = new FirstSend(mine) { Shared = claim.Lead };
            if ((stored ?? claim.FileId) is { } known)
            {
                await EndAsync(Key(file), lead, known);
                files[i] = Reused(file, known);
                continue;
            }

            leads[Key(file)] = lead;
            if (claim.Lead is null)
            {
                elsewhere.Add(i);
            }
        }

        if (leads.Values.Any(l => l.Shared is not null))
        {
            return leads;
        }

        var deadline = Environment.TickCount64 + (long)FirstSendWait.TotalMilliseconds;
        foreach (var at in elsewhere)
        {
            var file = files[at];
            var lead = leads[Key(file)];
            var fileId = await uploads.WaitAsync(file.Value, file.Field.Kind, Left(deadline), ct);
            if (fileId is null)
            {
                // That upload failed or outlasted its lock: this send uploads it, first if it still can be.
                var again = await uploads.ClaimAsync(file.Value, file.Field.Kind);
                (fileId, lead.Shared) = (again.FileId, again.Lead);
            }

            if (fileId is not null)
            {
                leads.Remove(Key(file));
                await EndAsync(Key(file), lead, fileId);
                files[at] = Reused(file, fileId);
            }
        }

        if (leads.Count > 0)
        {
            return leads;
        }

        foreach (var (at, fileId) in here)
        {
            try
            {
                if (await fileId.WaitAsync(Left(deadline), ct) is { } id)
                {
                    files[at] = Reused(files[at], id);
                }
            }
            catch (TimeoutException)
            {
                // The first send is slow: this one uploads too.
            }
        }

        return leads;
    }

    /// <summary>Ends a value's lead with the file_id its upload got (null: none), for the sends of this process and of other instances.</summary>
    private async Task EndAsync((string, MediaKind) key, FirstSend lead, string? fileId)
    {
        firstSends.TryRemove(new KeyValuePair<(string, MediaKind), TaskCompletionSource<string?>>(key, lead.Here));
        lead.Here.TrySetResult(fileId);
        if (lead.Shared is { } shared)
        {
            await shared.FinishAsync(fileId);
        }
    }

    private static (string, MediaKind) Key(OutgoingMedia file) => (file.Value, file.Field.Kind);

    private static OutgoingMedia Reused(OutgoingMedia file, string fileId) => file with { Make = () => InputFile.FromFileId(fileId), Bytes = 0, Stored = true };

    private static TimeSpan Left(long deadline) => TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));

    /// <summary>A value this send uploads first: the sends of this process wait on <see cref="Here"/>, other instances on <see cref="Shared"/>.</summary>
    private sealed class FirstSend(TaskCompletionSource<string?> here)
    {
        public TaskCompletionSource<string?> Here { get; } = here;

        /// <summary>The lead across instances; null while another instance uploads the value.</summary>
        public IUploadLead? Shared { get; set; }
    }
}
