using Falcon.Roles.Alarm.Channels;
using Falcon.Roles.Alarm.Routing;

namespace Falcon.Tests.Roles.Alarm.Routing;

public sealed class LowPriorityCombinerTests
{
    private static UserNotification N(string id, string recipient, string metric = "cpu.idle", bool group = false, string content = "[P3][PROBLEM][host-a][][x][O1 t]") =>
        new() { Id = id, EventId = "s_" + id, Priority = 3, Status = "PROBLEM", Metric = metric, Recipient = recipient, Group = group, Subject = "subj " + id, Content = content };

    [Test]
    public void Combine_AGroupOfOne_IsSentUnchanged()
    {
        var messages = LowPriorityCombiner.Combine(ChannelKind.Mail, [N("1", "alice@example.com")]);

        Assert.That(messages, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(messages[0].Id, Is.EqualTo("1"));
            Assert.That(messages[0].Recipients, Is.EqualTo(new[] { "alice@example.com" }));
            Assert.That(messages[0].Subject, Is.EqualTo("subj 1"));
        });
    }

    [Test]
    public void Combine_SeveralAlarmsOfOneUserAndMetric_BecomeOneSummaryPerUser()
    {
        var messages = LowPriorityCombiner.Combine(ChannelKind.Im, [N("1", "alice"), N("2", "alice"), N("3", "bob"), N("4", "alice"), N("5", "alice", metric: "mem")]);

        Assert.That(messages.Select(static m => (m.Recipients[0], m.Content)), Is.EqualTo(new[]
        {
            ("alice", "[P3][PROBLEM] 3 cpu.idle.  e.g. host-a. detail in email"),
            ("bob", "[P3][PROBLEM][host-a][][x][O1 t]"),
            ("alice", "[P3][PROBLEM][host-a][][x][O1 t]"),
        }));
    }

    [Test]
    public void Combine_MailOfSeveralAlarms_HasASummarySubjectAndEveryContent()
    {
        var messages = LowPriorityCombiner.Combine(ChannelKind.Mail, [N("1", "a@x", content: "one"), N("2", "a@x", content: "two")]);

        Assert.Multiple(() =>
        {
            Assert.That(messages[0].Subject, Is.EqualTo("[P3][PROBLEM] 2 cpu.idle"));
            Assert.That(messages[0].Content, Is.EqualTo("one\r\ntwo"));
            Assert.That(messages[0].Id, Is.EqualTo("1+1"));
        });
    }

    [Test]
    public void Combine_AGroupChat_GoesToGroupsNotRecipients()
    {
        var messages = LowPriorityCombiner.Combine(ChannelKind.Im, [N("1", "chat-ops", group: true), N("2", "chat-ops", group: true)]);

        Assert.Multiple(() =>
        {
            Assert.That(messages[0].Groups, Is.EqualTo(new[] { "chat-ops" }));
            Assert.That(messages[0].Recipients, Is.Empty);
        });
    }
}
