using Microtask.Core;

namespace Microtask.Storage.Coordination;

/// <summary>
/// The first upload of a media value across instances: one instance uploads it, the others wait for the file_id it
/// gets. In one process it is nothing (the process's own sends wait for each other); with Redis it is a short lock per
/// value, which a stalled or dead holder loses when it runs out.
/// </summary>
public interface IFirstUploads
{
    /// <summary>
    /// Tries to take the value's first upload, without waiting: the lead (to finish with the file_id), or the file_id
    /// another instance's upload got, or neither while another instance uploads it. With Redis unreachable, the lead.
    /// </summary>
    Task<FirstUpload> ClaimAsync(string media, MediaKind kind);

    /// <summary>
    /// Waits for another instance's upload of the value: its file_id, or null when that upload failed, its lock ran out
    /// or <paramref name="wait"/> passed first (the caller then uploads it too). Never throws for an unreachable Redis.
    /// </summary>
    Task<string?> WaitAsync(string media, MediaKind kind, TimeSpan wait, CancellationToken ct);
}

/// <summary>What a claim found: the lead, or the file_id an upload already got; both null while another instance uploads.</summary>
public readonly record struct FirstUpload(IUploadLead? Lead, string? FileId);

/// <summary>The right to upload a value first, until finished or until its lock runs out.</summary>
public interface IUploadLead
{
    /// <summary>Hands the file_id the upload got to the instances waiting for it; null (the upload failed) lets the next one try.</summary>
    Task FinishAsync(string? fileId);
}
