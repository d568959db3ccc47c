using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;
using Falcon.Tests.Roles.Alarm.Consumption;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Alarm.Routing;

/// <summary>An action's channel switches (falcon_action_channel) and escalation plans in the channel rules.</summary>
public sealed class ActionChannelSwitchTests
{
    private static readonly EventRouter Router = new(Options.Create(new RoutingOptions { Dashboard = "http://dash", PhonePriorities = [0] }));

    [Test]
    public void Plan_WithThePhoneOff_CallsNoOneEvenAtAPhonePriority_ButStillTexts()
    {
        var route = TestRoutes.TwoUsersAndAGroup() with { Channels = new ActionChannels(Phone: false, Im: true, GroupChat: true) };

        var plan = Router.Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 0)), route);

        Assert.That(plan.Messages.Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Sms, ChannelKind.Im, ChannelKind.Mail }));
    }

    [Test]
    public void Plan_WithImOff_SendsImOnlyToTheGroupChats()
    {
        var route = TestRoutes.TwoUsersAndAGroup() with { Channels = new ActionChannels(Phone: true, Im: false, GroupChat: true) };

        var im = Router.Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 0)), route).Messages.Single(static m => m.Channel == ChannelKind.Im);

        Assert.Multiple(() =>
        {
            Assert.That(im.Recipients, Is.Empty);
            Assert.That(im.Groups, Is.EqualTo(new[] { "chat-ops" }));
        });
    }

    [Test]
    public void Plan_WithImAndGroupChatsOff_SendsNoIm_NowOrCombined()
    {
        var route = TestRoutes.TwoUsersAndAGroup() with { Channels = new ActionChannels(Phone: true, Im: false, GroupChat: false) };

        var high = Router.Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 0)), route);
        var low = Router.Plan(TestEvents.Consumed(TestEvents.Strategy(priority: 4), isHigh: false), route);

        Assert.Multiple(() =>
        {
            Assert.That(high.Messages.Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Phone, ChannelKind.Sms, ChannelKind.Mail }));
            Assert.That(low.Deferred.Select(static d => d.Channel), Has.None.EqualTo(ChannelKind.Im));
            Assert.That(low.Deferred.Select(static d => d.Channel), Has.Some.EqualTo(ChannelKind.Mail));
        });
    }

    [Test]
    public void Plan_OfAnEscalation_IsSentAtOnceWithItsOwnIdsAndSaysSo()
    {
        var route = TestRoutes.TwoUsersAndAGroup();
        var consumed = TestEvents.Consumed(TestEvents.Strategy(priority: 4), isHigh: false);

        var normal = Router.Plan(consumed, route);
        var escalation = Router.Plan(consumed, route.ForEscalation(new EscalationStep(2, 30, ["sre"], route.Users)), new EscalationNotice(2, 30));

        Assert.Multiple(() =>
        {
            Assert.That(escalation.Deferred, Is.Empty, "an escalation is not combined");
            Assert.That(escalation.Messages.Select(static m => m.Channel), Is.EquivalentTo(new[] { ChannelKind.Im, ChannelKind.Mail }));
            Assert.That(escalation.Messages.Single(static m => m.Channel == ChannelKind.Im).Groups, Is.Empty, "escalations go to the step's teams, not the group chats");
            Assert.That(escalation.Messages.Select(static m => m.Content), Has.All.StartWith("[ESCALATION: unacknowledged for 30 min]"));
            Assert.That(escalation.Messages.Select(static m => m.Id), Has.All.EndWith(":escalation2"));
            Assert.That(escalation.Messages.Select(static m => m.Id).Intersect(normal.Deferred.Select(static d => d.Notification.Id)), Is.Empty);
        });
    }
}
