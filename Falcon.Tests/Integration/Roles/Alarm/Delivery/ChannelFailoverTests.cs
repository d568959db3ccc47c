using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Tests.Integration.Roles.Alarm.Channels;
using Falcon.Tests.Roles.Alarm.Channels;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Alarm.Delivery;

/// <summary>Primary-to-backup failover through delivery for the channels other than IM.</summary>
[Category("Integration")]
public sealed class ChannelFailoverTests
{
    [Test]
    public async Task Mail_WhenThePrimaryServerIsDown_TheBackupServerSendsIt()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await using var sink = new SmtpSink();
        // The sink listens on 127.0.0.1 only, so the same port on 127.0.0.2 refuses the connection.
        var mail = new SmtpMailSender(Options.Create(new MailOptions
        {
            Host = "127.0.0.2",
            BackupHost = "127.0.0.1",
            Port = sink.Port,
            Security = MailSecurity.None,
            From = "falcon@example.com",
            Timeout = TimeSpan.FromSeconds(5),
        }));
        var message = TestMessages.Card(channel: ChannelKind.Mail) with { Recipients = ["oncall@example.com"] };

        h.UseSender(mail);
        var result = await h.DeliverAsync(message, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(DeliveryResult.Sent));
            Assert.That(sink.Received.Single().To, Is.EqualTo(new[] { "oncall@example.com" }));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.delivery.tries", "outcome", "error"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Phone_WhenThePrimaryProviderTimesOut_TheBackupProviderCalls_OncePerRecipient()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await using var backup = await FakeProviderServer.StartAsync();
        h.Server.Answer(FakeAnswer.Slow(TimeSpan.FromSeconds(10)));
        backup.Answer(FakeAnswer.Json(200, """{"ret":0}"""));
        var phone = new HttpProviderSender(ChannelKind.Phone, new HttpClient(), new PhoneOptions
        {
            Primary = h.Server.Url("call"),
            Backup = backup.Url("call"),
            PerRecipient = true,
            Body = "username={to}&msg={content}",
            SuccessField = "ret",
            Timeout = TimeSpan.FromMilliseconds(200),
        });

        h.UseSender(phone);
        var result = await h.DeliverAsync(TestMessages.Text(ChannelKind.Phone, "alice", "bob"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(DeliveryResult.Sent));
            Assert.That(backup.Requests.Select(r => r.Body.Split('&')[0]), Is.EquivalentTo(new[] { "username=alice", "username=bob" }));
            Assert.That(h.MeterFactory.Sum("falcon.alarm.messages", "outcome", "sent"), Is.EqualTo(2));
        });
    }
}
