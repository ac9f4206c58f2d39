using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkflowHost.Composition;
using WorkflowHost.Email;
using WorkflowHost.Notifications;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// The email queue on a real SQLite file with the real delivery job and sender, without the rest of the host,
/// so a test can drive batches by hand on a <see cref="FakeTimeProvider"/>.
/// </summary>
public sealed class DeliveryRig
{
    public required NotificationDatabase Database { get; init; }
    public required EmailMessageStore Store { get; init; }
    public required EmailDelivery Delivery { get; init; }
    public required string Folder { get; init; }
    public required NotificationOptions Options { get; init; }

    public required IEmailSender Sender { get; init; }
    public required TimeProvider Clock { get; init; }

    /// <summary>On a SQLite file of its own, or on <paramref name="database"/> (PostgreSQL for the tests of two hosts).</summary>
    public static async Task<DeliveryRig> CreateAsync(TimeProvider clock, SmtpOptions? smtp = null, Workflows.Testing.TestDatabase? database = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-mail-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new HostSettings(database?.Provider ?? DatabaseProvider.Sqlite,
            database?.ConnectionString ?? WorkflowPersistence.SqliteConnectionString(Path.Combine(folder, "workflows.db")), folder, folder);
        var db = new NotificationDatabase(settings);
        await db.MigrateAsync(default);
        var options = new NotificationOptions { Smtp = smtp ?? new SmtpOptions() };
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        IEmailSender sender = smtp?.Host is null
            ? new PickupFolderEmailSender(wrapped, settings)
            : new SmtpEmailSender(wrapped, NullLogger<SmtpEmailSender>.Instance);
        var store = new EmailMessageStore(db);
        return new DeliveryRig
        {
            Database = db, Store = store, Folder = folder, Options = options, Sender = sender, Clock = clock,
            Delivery = new EmailDelivery(store, sender, wrapped, clock, NullLogger<EmailDelivery>.Instance),
        };
    }

    /// <summary>A second host's delivery job on the same queue (its own claims, the same options and server).</summary>
    public EmailDelivery AnotherHost() =>
        new(Store, Sender, Microsoft.Extensions.Options.Options.Create(Options), Clock, NullLogger<EmailDelivery>.Instance);

    public async Task<string> AddAsync(string to, string subject, DateTimeOffset now, string? toName = null, string text = "text", string html = "<p>html</p>")
    {
        var id = Guid.NewGuid().ToString();
        await Store.AddAsync(new EmailMessage(id, "key-" + id, "task-reminder", to, toName, null, "zh-CN", subject, text, html, null,
            EmailStatus.Pending, 0, now.UtcTicks, null, now, null), default);
        return id;
    }

    public async Task<EmailMessage> RowAsync(string id) => (await Store.FindAsync(id, default))!;

    /// <summary>A self-signed certificate for 127.0.0.1 as PEM files for the test server; returns its SHA-256 thumbprint.</summary>
    public static (string Cert, string Key, string Thumbprint) MakeCertificate()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-mail-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var cert = Path.Combine(folder, "server.crt");
        var key = Path.Combine(folder, "server.key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (cert, key, Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }
}
