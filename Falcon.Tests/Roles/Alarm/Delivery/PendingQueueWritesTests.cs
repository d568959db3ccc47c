using Falcon.Roles.Alarm.Delivery;
using Falcon.Tests.Roles.Alarm.Channels;

namespace Falcon.Tests.Roles.Alarm.Delivery;

public sealed class PendingQueueWritesTests
{
    [Test]
    public void TryAdd_RefusesBeyondCapacity_AndTakingMakesRoom()
    {
        var pending = new PendingQueueWrites(2);
        var write = new PendingQueueWrite(new DeliveryRecord(TestMessages.Card(), 1, false, null, default, default), null, DeliveryQueue.None);

        var added = new[] { pending.TryAdd(write), pending.TryAdd(write), pending.TryAdd(write) };
        var took = pending.TryTake(out _);
        var again = pending.TryAdd(write);

        Assert.Multiple(() =>
        {
            Assert.That(added, Is.EqualTo(new[] { true, true, false }));
            Assert.That(took, Is.True);
            Assert.That(again, Is.True);
            Assert.That(pending.Count, Is.EqualTo(2));
        });
    }
}
