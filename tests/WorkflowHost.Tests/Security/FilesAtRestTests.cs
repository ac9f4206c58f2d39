using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Email;
using WorkflowHost.Identity;
using WorkflowHost.Notifications;
using WorkflowHost.Tests.Api;

namespace WorkflowHost.Tests.Security;

/// <summary>
/// What the host writes to disk is its user's alone: the data folder and every folder in it 0700, the SQLite database
/// (password hashes, the data-protection keys, every case) with its -wal and -shm, attachments and emails 0600; an
/// existing installation is tightened at its next start. The data-protection keys can be encrypted with a certificate
/// from configuration, so a copy of the database alone cannot forge a session.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are a Unix matter
public sealed class FilesAtRestTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode DataFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task The_database_attachments_and_emails_are_created_owner_only()
    {
        var (data, workflows) = HostFactory.NewFolders();
        File.SetUnixFileMode(data, Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await using var host = new HostFactory(data, workflows);
        var (inventor, client) = await host.CreateSignedInUserAsync("files-inventor@example.edu", Roles.Inventor);
        var created = await client.PostAsJsonAsync("/api/v1/inventions", new
        {
            title = "Private sensor", inventors = new[] { new { userId = inventor.Id, name = "Inventor", share = 100m } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var upload = await client.PostAsync($"/api/v1/inventions/{id}/attachments", DomainApiHost.TextFile("lab-notes.txt", "text/plain", "Loss 0.8 dB/cm"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        // An email through the real queue and the pickup sender.
        var now = host.Clock.GetUtcNow();
        await host.Services.GetRequiredService<EmailMessageStore>().AddAsync(new EmailMessage(Guid.NewGuid().ToString(), "files-test", "task-assigned",
            "li@example.edu", "李老师", null, "zh-CN", "新任务", "text", "<p>html</p>", null, EmailStatus.Pending, 0, now.UtcTicks, null, now, null), default);
        await host.Services.GetRequiredService<EmailDelivery>().SendBatchAsync(default);

        var wrong = new List<string>();
        void Expect(string path, UnixFileMode mode)
        {
            var actual = File.GetUnixFileMode(path);
            if (actual != mode) wrong.Add($"{Path.GetRelativePath(data, path)}: {actual}, expected {mode}");
        }
        Expect(data, Folder);
        Expect(Path.Combine(data, "workflows.db"), DataFile);
        foreach (var journal in new[] { "-wal", "-shm" })
            if (File.Exists(Path.Combine(data, "workflows.db" + journal))) Expect(Path.Combine(data, "workflows.db" + journal), DataFile);
        Assert.True(File.Exists(Path.Combine(data, "workflows.db-wal")), "the database runs in WAL mode, so its -wal file is checked too");
        var attachments = Path.Combine(data, "attachments");
        Expect(attachments, Folder);
        foreach (var folder in Directory.GetDirectories(attachments, "*", SearchOption.AllDirectories)) Expect(folder, Folder);
        Assert.Single(Directory.GetFiles(attachments, "*", SearchOption.AllDirectories));
        foreach (var file in Directory.GetFiles(attachments, "*", SearchOption.AllDirectories)) Expect(file, DataFile);
        var mail = Path.Combine(data, "mail");
        Expect(mail, Folder);
        Assert.Single(Directory.GetFiles(mail, "*.eml"));
        foreach (var file in Directory.GetFiles(mail)) Expect(file, DataFile);
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task An_existing_installation_is_tightened_at_its_next_start()
    {
        var (data, workflows) = HostFactory.NewFolders();
        var loose = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        await using (var first = new HostFactory(data, workflows)) _ = first.Server;
        File.SetUnixFileMode(data, Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Path.Combine(data, "workflows.db"), loose);

        await using var second = new HostFactory(data, workflows);
        _ = second.Server;
        Assert.Equal(Folder, File.GetUnixFileMode(data));
        Assert.Equal(DataFile, File.GetUnixFileMode(Path.Combine(data, "workflows.db")));
    }

    [Fact]
    public async Task Data_protection_keys_are_stored_encrypted_with_the_configured_certificate()
    {
        var (data, workflows) = HostFactory.NewFolders();
        var (pfx, pem, key) = MakeCertificate(data);
        var withPfx = new Dictionary<string, string> { ["DataProtection:Certificate:Path"] = pfx, ["DataProtection:Certificate:Password"] = "pfx-secret" };
        string token;
        await using (var first = new HostFactory(data, workflows, withPfx))
        {
            token = await BearerTokenAsync(first);
            using var scope = first.Services.CreateScope();
            var keys = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("EncryptedData", xml);
                Assert.DoesNotContain("<masterKey", xml); // the key material is not in the database in clear
            });
        }
        // The same certificate as PEM files reads the keys back: the session survives a restart.
        await using (var again = new HostFactory(data, workflows, new Dictionary<string, string>
                     {
                         ["DataProtection:Certificate:Path"] = pem, ["DataProtection:Certificate:KeyPath"] = key,
                     }))
            Assert.Equal(HttpStatusCode.OK, (await MeAsync(again, token)).StatusCode);
        // Without the certificate, the database alone does not make the token valid.
        await using (var stolen = new HostFactory(data, workflows))
            Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(stolen, token)).StatusCode);
    }

    [Fact]
    public void A_certificate_without_its_private_key_stops_start_up_naming_the_key()
    {
        var folder = Directory.CreateTempSubdirectory("wf-cert-").FullName;
        var (_, pem, _) = MakeCertificate(folder);
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder();
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(configuration,
            new Dictionary<string, string?> { ["DataProtection:Certificate:Path"] = pem });
        var refused = Assert.Throws<InvalidOperationException>(() =>
            Composition.KeyProtectionComposition.AddKeyProtection(new ServiceCollection(), configuration.Build()));
        Assert.Contains("DataProtection:Certificate", refused.Message);
    }

    private static async Task<string> BearerTokenAsync(HostFactory host)
    {
        var login = await host.LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static Task<HttpResponseMessage> MeAsync(HostFactory host, string token)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client.GetAsync("/api/v1/me");
    }

    /// <summary>A self-signed RSA certificate as a password-protected .pfx and as PEM certificate and key files.</summary>
    private static (string Pfx, string Pem, string Key) MakeCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=WorkflowHost data protection (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = Path.Combine(folder, "keys.pfx");
        var pem = Path.Combine(folder, "keys.crt");
        var key = Path.Combine(folder, "keys.key");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "pfx-secret"));
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (pfx, pem, key);
    }
}
