using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Persistence;
using Workflows.Persistence;

namespace TechTransfer.Disclosures;

/// <summary>
/// Attachments of a disclosure, stored safely: streamed to a generated name outside the web root, refused when larger
/// than the limit or when the bytes are not an allowed type matching the extension (HTML is never stored). The owner of
/// <c>tt_attachments</c> and of the files.
/// </summary>
public sealed class AttachmentService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options, AttachmentStorage storage)
{
    public Task<Attachment> UploadAsync(ActingUser actor, Guid inventionId, string fileName, string? declaredType, Stream content,
        CancellationToken ct = default) => UploadAsync(actor, inventionId, fileName, declaredType, content, null, ct);

    /// <summary>
    /// Stores a file of the case; <paramref name="document"/> says which document of the evidence pack it is (the office's
    /// alone to file), and joins its evidence entry with the file's SHA-256.
    /// </summary>
    public async Task<Attachment> UploadAsync(ActingUser actor, Guid inventionId, string fileName, string? declaredType, Stream content,
        DocumentKind? document, CancellationToken ct = default)
    {
        if (document is not null && !actor.IsOffice)
            throw TechTransferException.Forbidden("Only the office files the documents of the evidence pack.");
        var limits = options.Attachments;
        var invention = await store.ReadAsync(async db =>
        {
            var found = await InventionService.LoadAsync(db, inventionId, ct);
            await InventionService.EnsureCanReadAsync(db, actor, found, ct);
            return found;
        }, ct);
        if (!actor.IsOffice && invention.Inventors.All(i => i.UserId != actor.UserId))
            throw TechTransferException.Forbidden("Only its inventors and the office attach files.");
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(name) || name.Length > 255)
            throw TechTransferException.Rule("file-name", "The file needs a name of at most 255 characters.", "file");
        // A NUL, a control character or a bidirectional override would make the name read differently ("report\u202Efdp.exe").
        if (TextRules.Problem(name, "file name", 255, singleLine: true) is { } badName)
            throw TechTransferException.Rule("file-name", badName.Message, "file");
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!limits.AllowedExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            throw TechTransferException.Rule("file-type", $"Files of type '{extension}' are not accepted; allowed: {string.Join(", ", limits.AllowedExtensions)}.", "file");

        EnsureRoom(await store.ReadAsync(db => CaseFilesAsync(db, inventionId, ct), ct), 0);

        var id = Guid.NewGuid();
        // Owner-only (0700 folders, 0600 files): disclosures are confidential until published.
        OwnerOnlyFiles.CreateFolder(storage.Root);
        var folder = OwnerOnlyFiles.CreateFolder(Path.Combine(storage.Root, inventionId.ToString("N")));
        var storedName = id.ToString("N") + ".bin";
        var path = Path.Combine(folder, storedName);
        var temp = path + ".part";
        try
        {
            long size;
            string detected;
            string sha;
            await using (var file = OwnerOnlyFiles.CreateNew(temp, FileAccess.ReadWrite, FileOptions.Asynchronous, 81920))
            {
                size = await CopyLimitedAsync(content, file, limits.MaxBytes, ct);
                detected = ContentSniffer.Detect(file);
                file.Position = 0;
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
            }
            if (size == 0) throw TechTransferException.Rule("file-empty", "The file is empty.", "file");
            if (!limits.AllowedContentTypes.Contains(detected, StringComparer.OrdinalIgnoreCase))
                throw TechTransferException.Rule("file-type", $"The file's content is {detected}, which is not accepted.", "file");
            if (!ContentSniffer.ExpectedFor(extension).Contains(detected))
                throw TechTransferException.Rule("file-type-mismatch", $"The file is named '{extension}' but its content is {detected}.", "file");

            File.Move(temp, path);
            var attachment = new Attachment
            {
                Id = id, InventionId = inventionId, FileName = name, StoredName = storedName, Size = size,
                DeclaredType = declaredType, DetectedType = detected, Sha256 = sha, UploadedBy = actor.UserId, UploadedAt = clock.GetUtcNow(),
                Document = document,
            };
            try
            {
                return await store.WriteAsync(async db =>
                {
                    // Again in the transaction: the evidence sequence serialises commands per invention, so of two uploads at
                    // once one is run again (DomainStore) and counts the other's file.
                    EnsureRoom(await CaseFilesAsync(db, inventionId, ct), size);
                    db.Attachments.Add(attachment);
                    await evidence.AppendAsync(db, inventionId, actor, "attachment.added", new
                    {
                        attachment.Id, name, size, detected, declaredType, sha256 = sha, document = document is { } d ? Names.Kebab(d) : null,
                    });
                    return attachment;
                }, ct);
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public async Task<List<Attachment>> ListAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        await InventionService.EnsureCanReadAsync(store, actor, inventionId, ct);
        var list = await store.ReadAsync(db => db.Attachments.Where(a => a.InventionId == inventionId).ToListAsync(ct), ct);
        return list.OrderBy(a => a.UploadedAt).ToList();
    }

    /// <summary>The attachment and its bytes, to be served with <see cref="Attachment.DetectedType"/> as an attachment download.</summary>
    public async Task<(Attachment Attachment, Stream Content)> OpenAsync(ActingUser actor, Guid attachmentId, CancellationToken ct = default)
    {
        var attachment = await store.ReadAsync(db => db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId, ct), ct)
                         ?? throw TechTransferException.NotFound("Attachment", attachmentId);
        await InventionService.EnsureCanReadAsync(store, actor, attachment.InventionId, ct);
        return (attachment, new FileStream(storage.PathOf(attachment), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous));
    }


    /// <summary>
    /// Removes a file of a disclosure while the disclosure is its inventors' to edit (a draft, or returned with questions):
    /// its inventors or the office. The record keeps both that it was attached and that it was removed (name, size, hash,
    /// who). A document of the evidence pack, or a file of a disclosure the office has received, stays: the record does not
    /// lose what a decision relied on.
    /// </summary>
    public async Task DeleteAsync(ActingUser actor, Guid attachmentId, CancellationToken ct = default)
    {
        var path = await store.WriteAsync(async db =>
        {
            var attachment = await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId, ct)
                             ?? throw TechTransferException.NotFound("Attachment", attachmentId);
            var invention = await InventionService.LoadAsync(db, attachment.InventionId, ct);
            await InventionService.EnsureCanReadAsync(db, actor, invention, ct);
            if (!actor.IsOffice && invention.Inventors.All(i => i.UserId != actor.UserId))
                throw TechTransferException.Forbidden("Only its inventors and the office remove a disclosure's files.");
            if (attachment.Document is not null)
                throw TechTransferException.Conflict("attachment-in-record", "A document of the evidence pack stays in the record.");
            if (invention.Status is not (InventionStatus.Draft or InventionStatus.Returned))
                throw TechTransferException.Conflict("attachment-in-record",
                    $"Invention {invention.CaseNumber} is {invention.Status}: the files the office received stay in the record.");
            db.Attachments.Remove(attachment);
            await evidence.AppendAsync(db, invention.Id, actor, "attachment.removed", new
            {
                attachment.Id, name = attachment.FileName, size = attachment.Size, sha256 = attachment.Sha256,
            });
            return storage.PathOf(attachment);
        }, ct);
        // After the commit: a failed delete leaves an orphaned file, never a row without its file.
        if (File.Exists(path)) File.Delete(path);
    }

    private static async Task<(int Count, long Bytes)> CaseFilesAsync(TechTransferDbContext db, Guid inventionId, CancellationToken ct)
    {
        var sizes = await db.Attachments.Where(a => a.InventionId == inventionId).Select(a => a.Size).ToListAsync(ct);
        return (sizes.Count, sizes.Sum());
    }

    /// <summary>Per case: at most <see cref="AttachmentOptions.MaxFiles"/> files and <see cref="AttachmentOptions.MaxTotalBytes"/> bytes.</summary>
    private void EnsureRoom((int Count, long Bytes) existing, long adding)
    {
        var limits = options.Attachments;
        if (existing.Count >= limits.MaxFiles)
            throw TechTransferException.Rule("too-many-files", $"An invention has at most {limits.MaxFiles} files; remove one first.", "file");
        if (existing.Bytes + adding > limits.MaxTotalBytes)
            throw TechTransferException.Rule("case-files-too-large",
                $"An invention's files have at most {limits.MaxTotalBytes} bytes together; it has {existing.Bytes}, and this file {adding}.", "file");
    }

    private static async Task<long> CopyLimitedAsync(Stream source, Stream target, long max, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > max) throw TechTransferException.Rule("file-too-large", $"The file is larger than {max} bytes.", "file");
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        await target.FlushAsync(ct);
        return total;
    }
}
