using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Tests.Roles.Alarm.Channels;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Alarm.Delivery;

public sealed class AlarmDeliverySplitTests
{
    [Test]
    public void AnImMessageForSeveralGroupWebhooks_IsOneMessagePerGroup_WithDerivedIds()
    {
        var message = TestMessages.Card("m1") with { Groups = ["https://open.feishu.cn/hook/a", "https://open.feishu.cn/hook/b"] };

        var parts = DeliveryIntake.Split(message, Im());

        Assert.Multiple(() =>
        {
            Assert.That(parts.Select(p => p.Id), Is.EqualTo(new[] { "m1/0", "m1/1" }));
            Assert.That(parts.Select(p => p.Groups.Single()), Is.EqualTo(message.Groups));
            Assert.That(parts.All(p => p.Actions.Count == 2), Is.True);
        });
    }

    [Test]
    public void AnImMessageForOneGroup_KeepsItsId()
    {
        var message = TestMessages.Card("m1") with { Groups = ["https://open.feishu.cn/hook/a"] };

        Assert.That(DeliveryIntake.Split(message, Im()).Single(), Is.SameAs(message));
    }

    [Test]
    public void APhoneMessage_IsOneMessagePerRecipient_WhenTheProviderTakesOneAtATime()
    {
        var message = TestMessages.Text(ChannelKind.Phone, "alice", "bob");
        var sender = new HttpProviderSender(ChannelKind.Phone, new HttpClient(), new PhoneOptions { Primary = "http://p", PerRecipient = true, Body = "u={to}" });

        var parts = DeliveryIntake.Split(message, sender);

        Assert.That(parts.Select(p => (p.Id, p.Recipients.Single())), Is.EqualTo(new[] { ($"{message.Id}/0", "alice"), ($"{message.Id}/1", "bob") }));
    }

    [Test]
    public void AnSmsMessage_StaysOneRequestForEveryRecipient_ByDefault()
    {
        var message = TestMessages.Text(ChannelKind.Sms, "1", "2");
        var sender = new HttpProviderSender(ChannelKind.Sms, new HttpClient(), new SmsOptions { Primary = "http://p" });

        Assert.That(DeliveryIntake.Split(message, sender).Single(), Is.SameAs(message));
    }

    private static ImWebhookSender Im() => new(new HttpClient(), Options.Create(new ImChannelOptions { Primary = "https://x" }), TimeProvider.System);
}
