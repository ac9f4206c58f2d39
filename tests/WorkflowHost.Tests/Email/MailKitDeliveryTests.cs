using Microsoft.Extensions.Time.Testing;
using System.Text;
using Microsoft.Data.Sqlite;
using MimeKit;
using WorkflowHost.Email;
using WorkflowHost.Notifications;

namespace WorkflowHost.Tests.Email;

/// <summary>MailKit against a real aiosmtpd server: TLS, authentication, Chinese headers, 5xx, 4xx, dropped connections.</summary>
public sealed class MailKitDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private static SmtpOptions Plain(int port) => new()
    {
        Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, From = "技术转移办公室 <tto@example.edu>",
        CommandTimeout = TimeSpan.FromSeconds(10), ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task Starttls_with_authentication_delivers_a_Chinese_subject_and_name_intact_with_a_stable_Message_ID()
    {
        var (cert, key, thumbprint) = DeliveryRig.MakeCertificate();
        await using var smtp = new SmtpTestServer(null, "--cert", cert, "--key", key, "--user", "mailer", "--password", "s3cret");
        await smtp.StartAsync();
        var clock = new FakeTimeProvider(Start);
        var options = Plain(smtp.Port);
        options.Security = SmtpSecurity.StartTls;
        options.UserName = "mailer";
        options.Password = "s3cret";
        options.TrustedCertificateThumbprint = thumbprint;
        var rig = await DeliveryRig.CreateAsync(clock, options);
        var id = await rig.AddAsync("wang@example.edu", "提醒：审查披露 将于 2026年12月1日 到期", Start, toName: "王老师",
            text: "王老师，您好：请及时处理。", html: "<p>王老师，您好：<b>请及时处理</b>。</p>");

        Assert.Equal(1, await rig.Delivery.SendBatchAsync(default));

        var raw = Assert.Single(smtp.RawMessages());
        var headers = Encoding.ASCII.GetString(raw, 0, Math.Min(raw.Length, 2000));
        Assert.Contains("Subject: =?utf-8?", headers); // an encoded word, not raw 8-bit bytes
        var message = await MimeMessage.LoadAsync(new MemoryStream(raw));
        Assert.Equal("提醒：审查披露 将于 2026年12月1日 到期", message.Subject);
        Assert.Equal("王老师", ((MailboxAddress)message.To.Single()).Name);
        Assert.Equal("技术转移办公室", ((MailboxAddress)message.From.Single()).Name);
        Assert.Equal(MailMessages.MessageId("key-" + id, "example.edu"), message.MessageId);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal("王老师，您好：请及时处理。", message.TextBody?.Trim());
        Assert.Contains("<b>请及时处理</b>", message.HtmlBody);
        Assert.Equal(2, alternative.Count);
        Assert.Equal(EmailStatus.Sent, (await rig.RowAsync(id)).Status);
    }

    [Fact]
    public async Task Implicit_tls_delivers_and_an_untrusted_certificate_is_refused_without_losing_the_email()
    {
        var (cert, key, thumbprint) = DeliveryRig.MakeCertificate();
        await using var smtp = new SmtpTestServer(null, "--cert", cert, "--key", key, "--implicit");
        await smtp.StartAsync();
        var clock = new FakeTimeProvider(Start);
        var options = Plain(smtp.Port);
        options.Security = SmtpSecurity.SslOnConnect;
        var rig = await DeliveryRig.CreateAsync(clock, options);
        var id = await rig.AddAsync("alice@example.edu", "Reminder", Start);

        // Validation is on: a self-signed certificate nobody named is refused, and the email waits.
        await rig.Delivery.SendBatchAsync(default);
        var waiting = await rig.RowAsync(id);
        Assert.Equal(EmailStatus.Pending, waiting.Status);
        Assert.Contains("certificate", waiting.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(smtp.RawMessages());

        // The administrator names that one certificate (by file here): delivered.
        options.TrustedCertificateFile = cert;
        clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Delivery.SendBatchAsync(default);
        Assert.Equal(EmailStatus.Sent, (await rig.RowAsync(id)).Status);
        Assert.Single(smtp.RawMessages());
        Assert.NotEmpty(thumbprint);
    }

    [Fact]
    public async Task A_wrong_password_is_retried_not_lost()
    {
        var (cert, key, thumbprint) = DeliveryRig.MakeCertificate();
        await using var smtp = new SmtpTestServer(null, "--cert", cert, "--key", key, "--user", "mailer", "--password", "right");
        await smtp.StartAsync();
        var options = Plain(smtp.Port);
        options.Security = SmtpSecurity.StartTls;
        options.UserName = "mailer";
        options.Password = "wrong";
        options.TrustedCertificateThumbprint = thumbprint;
        var rig = await DeliveryRig.CreateAsync(new FakeTimeProvider(Start), options);
        var id = await rig.AddAsync("alice@example.edu", "Reminder", Start);
        await rig.Delivery.SendBatchAsync(default);
        var row = await rig.RowAsync(id);
        Assert.Equal(EmailStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Empty(smtp.RawMessages());
    }

    [Fact]
    public async Task A_5xx_rejection_is_dead_at_once_and_the_rest_of_the_batch_goes_out_on_the_same_run()
    {
        await using var smtp = new SmtpTestServer(null, "--reject", "gone@");
        await smtp.StartAsync();
        var rig = await DeliveryRig.CreateAsync(new FakeTimeProvider(Start), Plain(smtp.Port));
        var gone = await rig.AddAsync("gone@example.edu", "New task", Start);
        var fine = await rig.AddAsync("fine@example.edu", "New task", Start);

        Assert.Equal(2, await rig.Delivery.SendBatchAsync(default));

        var dead = await rig.RowAsync(gone);
        Assert.Equal(EmailStatus.Dead, dead.Status);
        Assert.Equal(1, dead.Attempts);
        Assert.Contains("550", dead.LastError);
        Assert.Equal(EmailStatus.Sent, (await rig.RowAsync(fine)).Status);
        Assert.Single(smtp.Messages(), m => m.To.Contains("fine@example.edu"));
    }

    [Fact]
    public async Task A_connection_dropped_in_the_middle_of_a_message_is_retried_and_the_message_arrives_once()
    {
        await using var smtp = new SmtpTestServer(null, "--drop", "dropped@", "--drops", "1");
        await smtp.StartAsync();
        var clock = new FakeTimeProvider(Start);
        var rig = await DeliveryRig.CreateAsync(clock, Plain(smtp.Port));
        var dropped = await rig.AddAsync("dropped@example.edu", "Reminder", Start);
        var after = await rig.AddAsync("after@example.edu", "Reminder", Start);

        await rig.Delivery.SendBatchAsync(default);
        var failed = await rig.RowAsync(dropped);
        Assert.Equal(EmailStatus.Pending, failed.Status);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal(EmailStatus.Sent, (await rig.RowAsync(after)).Status); // a new connection served the rest

        clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Delivery.SendBatchAsync(default);
        Assert.Equal(EmailStatus.Sent, (await rig.RowAsync(dropped)).Status);
        Assert.Single(smtp.Messages(), m => m.To.Contains("dropped@example.edu"));
        Assert.Equal(2, smtp.Messages().Count);
    }

    /// <summary>Before: 8 attempts capped at an hour apart, so an outage of 10.6 minutes killed every pending email.</summary>
    [Fact]
    public async Task A_4xx_is_retried_with_backoff_for_a_day_before_the_email_is_dead()
    {
        await using var smtp = new SmtpTestServer(null, "--tempfail", "busy@");
        await smtp.StartAsync();
        var clock = new FakeTimeProvider(Start);
        var rig = await DeliveryRig.CreateAsync(clock, Plain(smtp.Port));
        var id = await rig.AddAsync("busy@example.edu", "Reminder", Start);

        var delays = new List<TimeSpan>();
        while ((await rig.RowAsync(id)).Status == EmailStatus.Pending && clock.GetUtcNow() - Start < TimeSpan.FromDays(3))
        {
            await rig.Delivery.SendBatchAsync(default);
            var row = await rig.RowAsync(id);
            if (row.Status != EmailStatus.Pending) break;
            var wait = new DateTimeOffset(row.NextAttemptAt, TimeSpan.Zero) - clock.GetUtcNow();
            delays.Add(wait);
            if (clock.GetUtcNow() - Start is var failing && failing > TimeSpan.FromMinutes(11) && failing < TimeSpan.FromMinutes(70))
                Assert.Equal(EmailStatus.Pending, row.Status); // an outage of minutes kills nothing
            clock.Advance(wait);
        }
        var dead = await rig.RowAsync(id);
        Assert.Equal(EmailStatus.Dead, dead.Status);
        Assert.True(clock.GetUtcNow() - Start >= TimeSpan.FromDays(1), $"dead after {clock.GetUtcNow() - Start}");
        Assert.True(clock.GetUtcNow() - Start < TimeSpan.FromDays(1) + TimeSpan.FromHours(2), $"dead only after {clock.GetUtcNow() - Start}");
        Assert.True(delays.SequenceEqual(delays.Order()), "the delays grow");
        Assert.Equal(TimeSpan.FromHours(1), delays.Max());
        Assert.Empty(smtp.RawMessages());
    }

    /// <summary>Before: a failure to record "sent" counted as a failed send, and the server got the email again.</summary>
    [Fact]
    public async Task An_email_whose_sent_record_failed_is_never_sent_again()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        var clock = new FakeTimeProvider(Start);
        var rig = await DeliveryRig.CreateAsync(clock, Plain(smtp.Port));
        var id = await rig.AddAsync("alice@example.edu", "Decision made", Start);
        var connection = rig.Database;
        await connection.ExecuteAsync("""
            CREATE TRIGGER refuse_sent BEFORE UPDATE OF status ON email_messages WHEN NEW.status = 1
            BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END;
            """, default);

        await rig.Delivery.SendBatchAsync(default);
        Assert.Single(smtp.RawMessages());
        Assert.Equal(1, rig.Delivery.Unrecorded);
        Assert.Equal(EmailStatus.Pending, (await rig.RowAsync(id)).Status);

        // Long after the claim ran out, with the database still refusing: nothing is sent again.
        clock.Advance(TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<SqliteException>(() => rig.Delivery.SendBatchAsync(default));
        Assert.Single(smtp.RawMessages());

        await connection.ExecuteAsync("DROP TRIGGER refuse_sent", default);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await rig.Delivery.SendBatchAsync(default));
        Assert.Equal(EmailStatus.Sent, (await rig.RowAsync(id)).Status);
        Assert.Equal(0, rig.Delivery.Unrecorded);
        Assert.Single(smtp.RawMessages());
    }
}
