using Falcon.Roles.Alarm.Channels;

namespace Falcon.Tests.Roles.Alarm.Channels;

public sealed class ChannelOptionsDisplayTests
{
    [Test]
    public void Describe_CutsWebhookUrlsToTheirHost_AndHidesHeaderValuesAndSecrets()
    {
        var im = new ImChannelOptions
        {
            Primary = "https://open.feishu.cn/open-apis/bot/v2/hook/0a1b2c-token",
            Backup = "https://oapi.dingtalk.com/robot/send?access_token=abc123",
            PrimarySecret = "SECxyz",
        };
        var sms = new SmsOptions { Primary = "http://sms.local/send?key=k3y", Headers = { ["Authorization"] = "Bearer t0k" } };

        var shown = ChannelOptionsDisplay.Describe("alarm.im", im).Concat(ChannelOptionsDisplay.Describe("alarm.sms", sms)).ToDictionary(p => p.Key, p => p.Value);

        Assert.Multiple(() =>
        {
            Assert.That(shown["alarm.im.primary"], Is.EqualTo("https://open.feishu.cn/****"));
            Assert.That(shown["alarm.im.backup"], Is.EqualTo("https://oapi.dingtalk.com/****"));
            Assert.That(shown["alarm.im.primarySecret"], Is.EqualTo("****"));
            Assert.That(shown["alarm.sms.primary"], Is.EqualTo("http://sms.local/****"));
            Assert.That(shown["alarm.sms.headers"], Is.EqualTo("{****}"));
            Assert.That(shown["alarm.im.provider"], Is.EqualTo("Feishu"));
            Assert.That(string.Join(' ', shown.Values), Does.Not.Contain("token").And.Not.Contain("t0k").And.Not.Contain("k3y"));
        });
    }
}
