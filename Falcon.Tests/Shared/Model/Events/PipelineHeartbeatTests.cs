using System.Text.Json;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Model.Events;

namespace Falcon.Tests.Shared.Model.Events;

public sealed class PipelineHeartbeatTests
{
    [Test]
    public void AHeartbeat_IsAValidEventToAlarm_RoutedToNoOne_AndRecognized()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var json = JsonSerializer.Serialize(PipelineHeartbeat.Create("judge-01:6080", 0, now), EventJsonContext.Default.JudgeEvent);

        var parsed = EventParser.Parse(json, out var reason);

        Assert.Multiple(() =>
        {
            Assert.That(reason, Is.Null, "a heartbeat must never be dead-lettered");
            Assert.That(PipelineHeartbeat.Is(parsed!), Is.True);
            Assert.That(parsed!.ActionId, Is.Zero, "an open-falcon alarm routes it to no one");
            Assert.That(parsed.Endpoint, Is.EqualTo("judge-01:6080"));
            Assert.That(parsed.EventTime, Is.EqualTo(1_800_000_000));
            Assert.That(parsed.Priority, Is.Zero);
        });
    }

    [TestCase("s_12_0123456789abcdef0123456789abcdef")]
    [TestCase("e_3_0123456789abcdef0123456789abcdef")]
    public void JudgeEvents_AreNotHeartbeats(string id) =>
        Assert.That(PipelineHeartbeat.Is(new JudgeEvent { Id = id }), Is.False);
}
