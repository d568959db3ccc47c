using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;
using Falcon.Shared.Model.Events;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Alarm.Routing;

public sealed class EventRouterTests
{
    private static EventRouter Router(params int[] phonePriorities) =>
        new(Options.Create(new RoutingOptions { Dashboard = "http://dash", PhonePriorities = phonePriorities.Length == 0 ? [0] : [.. phonePriorities] }));

    [Test]
    public void Plan_AHighP0Problem_CallsTextsImsAndMailsAtOnce()
    {
        var plan = Router().Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 0)), TestRoutes.TwoUsersAndAGroup());

        var byChannel = plan.Messages.ToDictionary(static m => m.Channel);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Deferred, Is.Empty);
            Assert.That(byChannel.Keys, Is.EquivalentTo(new[] { ChannelKind.Phone, ChannelKind.Sms, ChannelKind.Im, ChannelKind.Mail }));
            Assert.That(byChannel[ChannelKind.Phone].Recipients, Is.EqualTo(new[] { "13800000001", "13800000002" }));
            Assert.That(byChannel[ChannelKind.Phone].Groups, Is.Empty);
            Assert.That(byChannel[ChannelKind.Sms].Recipients, Is.EqualTo(new[] { "13800000001", "13800000002" }));
            Assert.That(byChannel[ChannelKind.Sms].Groups, Is.Empty);
            Assert.That(byChannel[ChannelKind.Im].Recipients, Is.EqualTo(new[] { "alice.im" }));
            Assert.That(byChannel[ChannelKind.Im].Groups, Is.EqualTo(new[] { "chat-ops" }));
            Assert.That(byChannel[ChannelKind.Mail].Recipients, Is.EqualTo(new[] { "alice@example.com", "bob@example.com" }));
            Assert.That(byChannel[ChannelKind.Mail].Subject, Is.EqualTo(byChannel[ChannelKind.Sms].Content));
            Assert.That(plan.Messages.Select(static m => m.Id).Distinct().Count(), Is.EqualTo(4));
        });
    }

    [Test]
    public void Plan_AHighP0Ok_DoesNotCall()
    {
        var plan = Router().Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 0, status: JudgeEventStatus.Ok)), TestRoutes.TwoUsersAndAGroup());

        Assert.That(plan.Messages.Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Sms, ChannelKind.Im, ChannelKind.Mail }));
    }

    [Test]
    public void Plan_AHighP1Problem_TextsButDoesNotCallByDefault()
    {
        var plan = Router().Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 1)), TestRoutes.TwoUsersAndAGroup());

        Assert.That(plan.Messages.Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Sms, ChannelKind.Im, ChannelKind.Mail }));
    }

    [Test]
    public void Plan_APriorityThreeInAHighQueue_GetsNoSms()
    {
        var plan = Router().Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 3), isHigh: true), TestRoutes.TwoUsersAndAGroup());

        Assert.That(plan.Messages.Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Im, ChannelKind.Mail }));
    }

    [Test]
    public void Plan_ALowPriorityEvent_BecomesOneNotificationPerRecipientWithGroupsOnlyOnIm()
    {
        var plan = Router().Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 4), isHigh: false), TestRoutes.TwoUsersAndAGroup());

        Assert.Multiple(() =>
        {
            Assert.That(plan.Messages, Is.Empty);
            Assert.That(plan.Deferred.Select(static d => (d.Channel, d.Notification.Recipient, d.Notification.Group)), Is.EquivalentTo(new[]
            {
                (ChannelKind.Im, "alice.im", false),
                (ChannelKind.Im, "chat-ops", true),
                (ChannelKind.Mail, "alice@example.com", false),
                (ChannelKind.Mail, "bob@example.com", false),
            }));
            Assert.That(plan.Deferred.All(static d => d.Notification.Metric == "cpu.idle" && d.Notification.Priority == 4), Is.True);
        });
    }

    [Test]
    public void Plan_ALowQueueEventOfAConfiguredPhonePriority_CallsAtOnce()
    {
        var plan = Router(0, 4).Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 4), isHigh: false), TestRoutes.TwoUsersAndAGroup());

        Assert.That(plan.Messages.Select(static m => m.Channel), Is.EqualTo(new[] { ChannelKind.Phone }));
    }

    [Test]
    public void Plan_OnlyAGroupChat_SendsOnlyIm()
    {
        var route = TestRoutes.TwoUsersAndAGroup() with { Users = [] };

        var plan = Router().Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 0)), route);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Messages.Select(static m => m.Channel), Is.EqualTo(new[] { ChannelKind.Im }));
            Assert.That(plan.Messages[0].Recipients, Is.Empty);
            Assert.That(plan.Messages[0].Groups, Is.EqualTo(new[] { "chat-ops" }));
        });
    }
}
