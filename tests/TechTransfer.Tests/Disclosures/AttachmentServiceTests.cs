using System.Text;
using TechTransfer.Disclosures;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Disclosures;

public sealed class AttachmentServiceTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_pdf_is_stored_under_a_generated_name_with_its_detected_and_declared_types(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.SubmittedInventionAsync();

        var stored = await h.Attachments.UploadAsync(Alice, invention.Id, "../../web/index.pdf", "text/html", new MemoryStream(Pdf));

        Assert.Equal("index.pdf", stored.FileName);
        Assert.Equal("application/pdf", stored.DetectedType);
        Assert.Equal("text/html", stored.DeclaredType);
        Assert.DoesNotContain("index", stored.StoredName);
        var (attachment, content) = await h.Attachments.OpenAsync(Bob, stored.Id);
        await using (content)
        {
            var path = ((FileStream)content).Name;
            Assert.StartsWith(Path.GetFullPath(h.DataPath), path);
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(Pdf, copy.ToArray());
        }
        Assert.Equal(stored.Sha256, attachment.Sha256);
        var stranger = ActingUser.Create("dave", DomainRoles.Inventor);
        await Assert.ThrowsAsync<TechTransferException>(() => h.Attachments.OpenAsync(stranger, stored.Id));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Attachment_too_big_is_refused_and_nothing_is_kept(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider, o => o.Attachments.MaxBytes = 1024);
        var invention = await h.SubmittedInventionAsync();
        var big = new byte[4096];
        Pdf.CopyTo(big, 0);

        var refused = await Assert.ThrowsAsync<TechTransferException>(() =>
            h.Attachments.UploadAsync(Alice, invention.Id, "big.pdf", "application/pdf", new MemoryStream(big)));

        Assert.Equal("file-too-large", refused.Code);
        Assert.Empty(await h.Attachments.ListAsync(Alice, invention.Id));
        var folder = Path.Combine(h.DataPath, "attachments");
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length == 0);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Attachment_of_wrong_type_is_refused(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.SubmittedInventionAsync();
        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 };

        var byName = await Assert.ThrowsAsync<TechTransferException>(() => h.Attachments.UploadAsync(Alice, invention.Id, "tool.exe", null, new MemoryStream(exe)));
        Assert.Equal("file-type", byName.Code);
        var disguised = await Assert.ThrowsAsync<TechTransferException>(() => h.Attachments.UploadAsync(Alice, invention.Id, "tool.pdf", "application/pdf", new MemoryStream(exe)));
        Assert.Equal("file-type", disguised.Code);
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };
        var mismatch = await Assert.ThrowsAsync<TechTransferException>(() => h.Attachments.UploadAsync(Alice, invention.Id, "photo.pdf", null, new MemoryStream(png)));
        Assert.Equal("file-type-mismatch", mismatch.Code);
        Assert.Empty(await h.Attachments.ListAsync(Tom, invention.Id));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Html_is_never_stored_as_html(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider, o => o.Attachments.AllowedContentTypes.Add("text/html")); // even if an administrator allows it by mistake
        var invention = await h.SubmittedInventionAsync();
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><script>alert(document.cookie)</script></html>");
        var hiddenScript = Encoding.UTF8.GetBytes("Meeting notes\n<script>fetch('/api/v1/users')</script>");

        foreach (var (name, bytes) in new[] { ("notes.txt", html), ("notes.pdf", html), ("notes2.txt", hiddenScript) })
        {
            var refused = await Assert.ThrowsAsync<TechTransferException>(() =>
                h.Attachments.UploadAsync(Alice, invention.Id, name, "text/plain", new MemoryStream(bytes)));
            Assert.StartsWith("file-type", refused.Code);
        }
        var text = await h.Attachments.UploadAsync(Alice, invention.Id, "plain.txt", "text/html", new MemoryStream(Encoding.UTF8.GetBytes("Just text: a < b > c")));
        Assert.Equal("text/plain", text.DetectedType);
        Assert.All(await h.Attachments.ListAsync(Tom, invention.Id), a => Assert.NotEqual("text/html", a.DetectedType));
    }

    [Fact]
    public async Task A_file_name_with_an_override_or_a_control_character_is_refused_and_nothing_is_kept()
    {
        await using var h = await CreateAsync(DatabaseProvider.Sqlite);
        var invention = await h.SubmittedInventionAsync();

        foreach (var name in new[] { "invoice\u202Efdp.txt", "notes\0.txt", "two\nlines.txt", "iso\u2067late.txt" })
        {
            var refused = await Assert.ThrowsAsync<TechTransferException>(() =>
                h.Attachments.UploadAsync(Alice, invention.Id, name, "text/plain", new MemoryStream("measurements"u8.ToArray())));
            Assert.Equal(("file-name", "file"), (refused.Code, refused.Field));
        }
        Assert.Empty(await h.Attachments.ListAsync(Alice, invention.Id));
        Assert.Empty(Directory.Exists(Path.Combine(h.DataPath, "attachments"))
            ? Directory.GetFiles(Path.Combine(h.DataPath, "attachments"), "*", SearchOption.AllDirectories)
            : []);
    }

    [Fact]
    public async Task An_invention_takes_at_most_its_configured_files_and_bytes()
    {
        await using var h = await CreateAsync(DatabaseProvider.Sqlite, o =>
        {
            o.Attachments.MaxBytes = 1000;
            o.Attachments.MaxTotalBytes = 1500;
            o.Attachments.MaxFiles = 3;
        });
        var invention = await h.SubmittedInventionAsync();
        Task<Attachment> Upload(int size) =>
            h.Attachments.UploadAsync(Alice, invention.Id, "data.txt", "text/plain", new MemoryStream(Encoding.ASCII.GetBytes(new string('x', size))));

        await Upload(800);
        var tooMuch = await Assert.ThrowsAsync<TechTransferException>(() => Upload(800));
        Assert.Equal(("case-files-too-large", "file"), (tooMuch.Code, tooMuch.Field));
        await Upload(100);
        await Upload(100);
        var tooMany = await Assert.ThrowsAsync<TechTransferException>(() => Upload(10));
        Assert.Equal(("too-many-files", "file"), (tooMany.Code, tooMany.Field));
        Assert.Equal([100L, 100L, 800L], (await h.Attachments.ListAsync(Alice, invention.Id)).Select(a => a.Size).Order());
        Assert.Equal(3, Directory.GetFiles(Path.Combine(h.DataPath, "attachments"), "*", SearchOption.AllDirectories).Length);
    }
}
