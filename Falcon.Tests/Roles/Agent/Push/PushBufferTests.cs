using Falcon.Roles.Agent;
using Falcon.Roles.Agent.Push;
using Falcon.Shared.Model;

namespace Falcon.Tests.Roles.Agent.Push;

public sealed class PushBufferTests
{
    [Test]
    public void WhenFull_TheOldestPointsAreDroppedAndCounted()
    {
        using var meters = new TestMeterFactory();
        var buffer = new PushBuffer(3, new AgentMetrics(meters));

        buffer.Add(Points(1, 2));
        buffer.Add(Points(3, 4, 5));

        Assert.Multiple(() =>
        {
            Assert.That(Peek(buffer, 10), Is.EqualTo(new long[] { 3, 4, 5 }));
            Assert.That(buffer.Dropped, Is.EqualTo(2));
            Assert.That(meters.Sum("falcon.agent.points.dropped"), Is.EqualTo(2));
            Assert.That(meters.Observe("falcon.agent.buffer.points"), Is.EqualTo(3));
        });
    }

    [Test]
    public void Peek_KeepsThePoints_UntilRemoveSaysTheyWereSent()
    {
        using var meters = new TestMeterFactory();
        var buffer = new PushBuffer(10, new AgentMetrics(meters));
        buffer.Add(Points(1, 2, 3));

        var batch = new List<MetricValue>();
        var sequence = buffer.Peek(2, batch);
        Assert.That(buffer.Count, Is.EqualTo(3), "a failed send loses nothing");

        buffer.Remove(sequence, batch.Count);
        Assert.That(Peek(buffer, 10), Is.EqualTo(new long[] { 3 }));
    }

    [Test]
    public void Remove_AfterPeekedPointsWereDropped_RemovesOnlyWhatIsLeftOfTheBatch()
    {
        using var meters = new TestMeterFactory();
        var buffer = new PushBuffer(3, new AgentMetrics(meters));
        buffer.Add(Points(1, 2, 3));
        var batch = new List<MetricValue>();
        var sequence = buffer.Peek(2, batch);

        // While the batch of 1 and 2 is in flight the buffer overflows: 1 and 2 are dropped, 3 stays.
        buffer.Add(Points(4, 5));
        buffer.Remove(sequence, batch.Count);

        Assert.That(Peek(buffer, 10), Is.EqualTo(new long[] { 3, 4, 5 }));
    }

    [Test]
    public async Task WaitAsync_CompletesWhenAPointArrives()
    {
        using var meters = new TestMeterFactory();
        var buffer = new PushBuffer(10, new AgentMetrics(meters));
        var wait = buffer.WaitAsync(CancellationToken.None);
        Assert.That(wait.IsCompleted, Is.False);

        buffer.Add(Points(1));

        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(buffer.WaitAsync(CancellationToken.None).IsCompleted, Is.True, "a buffer holding points does not wait");
    }

    internal static List<MetricValue> Points(params long[] timestamps) =>
        [.. timestamps.Select(t => new MetricValue { Endpoint = "web-01", Metric = "m", Value = MetricRawValue.FromNumber(t), Step = 10, CounterType = "GAUGE", Timestamp = t })];

    private static long[] Peek(PushBuffer buffer, int max)
    {
        var batch = new List<MetricValue>();
        buffer.Peek(max, batch);
        return [.. batch.Select(p => p.Timestamp)];
    }
}
