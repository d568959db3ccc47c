using Falcon.Roles.Alarm.Channels;
using Falcon.Tests.Roles.Alarm.Channels;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Roles.Alarm.Channels;

[Category("Integration")]
public sealed class SmtpMailSenderTests
{
    [Test]
    public async Task SendAsync_DeliversTheMailToEveryRecipient_WithTheActionsAsLinks()
    {
        await using var sink = new SmtpSink();
        var message = TestMessages.Card(channel: ChannelKind.Mail) with { Recipients = ["alice@example.com", "bob@example.com"] };

        var outcome = await Sender(sink.Port).SendAsync(message, ChannelTarget.Primary, CancellationToken.None);

        var mail = sink.Received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True, outcome.Detail);
            Assert.That(mail.From, Is.EqualTo("falcon@example.com"));
            Assert.That(mail.To, Is.EqualTo(new[] { "alice@example.com", "bob@example.com" }));
            Assert.That(mail.Data, Does.Contain("Subject: [P0][PROBLEM] host-a cpu.idle"));
            Assert.That(mail.Data, Does.Contain("Silence 1h: https://falcon.example/silence?sig=abc&for=1h"));
        });
    }

    [Test]
    public async Task SendAsync_WhenTheServerRefusesTheRecipients_Fails_WithTheServersReply()
    {
        await using var sink = new SmtpSink { RefuseRecipients = "550 5.1.1 no such user" };
        var message = TestMessages.Text(ChannelKind.Mail, "nobody@example.com");

        var outcome = await Sender(sink.Port).SendAsync(message, ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.Contain("no such user"));
        });
    }

    [Test]
    public async Task SendAsync_WhenNoServerListens_Fails()
    {
        var outcome = await Sender(Servers.ServerProcess.FreePort()).SendAsync(TestMessages.Text(ChannelKind.Mail, "a@example.com"), ChannelTarget.Primary, CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.False);
    }

    [Test]
    public async Task SendAsync_WithARecipientThatIsNotAnAddress_FailsWithoutCrashing()
    {
        await using var sink = new SmtpSink();

        var outcome = await Sender(sink.Port).SendAsync(TestMessages.Text(ChannelKind.Mail, "not an address <"), ChannelTarget.Primary, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.False);
            Assert.That(outcome.Detail, Does.StartWith("bad address"));
            Assert.That(sink.Received, Is.Empty);
        });
    }

    private static SmtpMailSender Sender(int port) => new(Options.Create(new MailOptions
    {
        Host = "127.0.0.1",
        Port = port,
        Security = MailSecurity.None,
        From = "falcon@example.com",
        Timeout = TimeSpan.FromSeconds(5),
    }));
}
