using Falcon.Roles.Alarm.Channels;

namespace Falcon.Tests.Roles.Alarm.Channels;

public sealed class ChannelOptionsValidationTests
{
    [Test]
    public void Im_Defaults_AreValid_AndLeaveImUnconfigured()
    {
        var result = new ImChannelOptionsValidator().Validate(null, new ImChannelOptions());

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void Im_ABadWebhookUrl_IsNamedByItsKey_WithoutRepeatingTheValue()
    {
        var result = new ImChannelOptionsValidator().Validate(null, new ImChannelOptions { Primary = "ftp://hooks/secret-token" });

        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.FailureMessage, Does.Contain("alarm.im.primary must be an absolute http:// or https:// URL"));
            Assert.That(result.FailureMessage, Does.Not.Contain("secret-token"));
        });
    }

    [Test]
    public void Im_ABackupWithoutAPrimary_IsRefused()
    {
        var result = new ImChannelOptionsValidator().Validate(null, new ImChannelOptions { Backup = "https://hooks.slack.com/services/x" });

        Assert.That(result.FailureMessage, Does.Contain("alarm.im.backup is set but alarm.im.primary is not"));
    }

    [Test]
    public void Im_ASecretForAProviderThatDoesNotSign_IsRefused()
    {
        var result = new ImChannelOptionsValidator().Validate(null, new ImChannelOptions { Provider = ImProvider.Slack, Primary = "https://hooks.slack.com/x", PrimarySecret = "s" });

        Assert.That(result.FailureMessage, Does.Contain("sign Feishu and DingTalk bots only, not slack"));
    }

    [Test]
    public void Im_ATimeoutOutOfRange_IsRefused()
    {
        var result = new ImChannelOptionsValidator().Validate(null, new ImChannelOptions { Timeout = TimeSpan.Zero });

        Assert.That(result.FailureMessage, Does.Contain("alarm.im.timeout must be between"));
    }

    [Test]
    public void Sms_AJsonBodyThatIsNotJson_IsRefused()
    {
        var result = new SmsOptionsValidator().Validate(null, new SmsOptions { Primary = "http://sms.local/send", Format = HttpBodyFormat.Json, Body = "to={tos}" });

        Assert.That(result.FailureMessage, Does.Contain("alarm.sms.body is not a JSON template"));
    }

    [Test]
    public void Phone_PerRecipientWithoutTo_IsRefused()
    {
        var result = new PhoneOptionsValidator().Validate(null, new PhoneOptions { Primary = "http://phone.local/call", PerRecipient = true });

        Assert.That(result.FailureMessage, Does.Contain("alarm.phone.perRecipient sends one request per recipient, so alarm.phone.body must use {to}"));
    }

    [Test]
    public void Phone_ATimeoutOutOfRange_IsRefused()
    {
        var result = new PhoneOptionsValidator().Validate(null, new PhoneOptions { Timeout = TimeSpan.FromHours(1) });

        Assert.That(result.FailureMessage, Does.Contain("alarm.phone.timeout must be between"));
    }

    [Test]
    public void Sms_AsAQueue_NeedsNoUrl()
    {
        var result = new SmsOptionsValidator().Validate(null, new SmsOptions { Provider = HttpProviderKind.Queue, Backup = "not a url" });

        Assert.That(result.Succeeded, Is.True);
    }

    [Test]
    public void Mail_ABadFromAddress_AndAPasswordWithoutUser_AreRefused()
    {
        var result = new MailOptionsValidator().Validate(null, new MailOptions { Host = "smtp.local", From = "not an address <", Password = "pw" });

        Assert.Multiple(() =>
        {
            Assert.That(result.FailureMessage, Does.Contain("alarm.mail.from"));
            Assert.That(result.FailureMessage, Does.Contain("alarm.mail.password is set without alarm.mail.username"));
            Assert.That(result.FailureMessage, Does.Not.Contain("pw"));
        });
    }

    [Test]
    public void Mail_APortOutOfRange_IsRefused()
    {
        var result = new MailOptionsValidator().Validate(null, new MailOptions { Port = 70_000 });

        Assert.That(result.FailureMessage, Does.Contain("alarm.mail.port must be between 1 and 65535"));
    }
}
