using System.Text.Json;
using Falcon.Roles.Alarm.Delivery;
using Falcon.Tests.Roles.Alarm.Channels;

namespace Falcon.Tests.Roles.Alarm.Delivery;

public sealed class DeliveryRecordJsonTests
{
    [Test]
    public void ARecord_RoundTripsThroughItsJson_KeepingTheCardsActions()
    {
        var record = new DeliveryRecord(TestMessages.Card(), 1, true, "HTTP 500", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(10));

        var json = FailureStore.Serialize(record);
        var back = JsonSerializer.Deserialize(json, DeliveryJsonContext.Default.DeliveryRecord)!;

        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Contain("\"channel\":\"Im\""));
            Assert.That(back.Message.Actions, Is.EqualTo(record.Message.Actions));
            Assert.That(back.Message.Recipients, Is.EqualTo(record.Message.Recipients));
            Assert.That(back with { Message = record.Message }, Is.EqualTo(record));
        });
    }
}
