using Falcon.Roles.Agent;
using Falcon.Roles.Agent.Push;
using Falcon.Shared.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace Falcon.Tests.Roles.Agent.Push;

public sealed class TransferClientTests
{
    [Test]
    public async Task Update_SkipsATransferThatIsDown_AndSendsOpenFalconsMetricValues()
    {
        await using var live = await RecordingRpcServer.StartAsync();
        using var meters = new TestMeterFactory();
        var options = AgentTestOptions.Create(o =>
        {
            o.Transfer.Add(RecordingRpcServer.DeadAddress());
            o.Transfer.Add(live.Address);
        });
        await using var client = new TransferClient(options, new AgentMetrics(meters), NullLogger<TransferClient>.Instance, TimeProvider.System);

        for (var i = 0; i < 6; i++)
        {
            var reply = await client.UpdateAsync(PushBufferTests.Points(i), CancellationToken.None);
            Assert.That(reply, Is.EqualTo(new TransferReply(live.Address, 1, 0)));
        }

        var first = live.Points.First();
        Assert.Multiple(() =>
        {
            Assert.That(live.Points.Select(p => p.Timestamp), Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 5 }));
            Assert.That((first.Endpoint, first.Metric, first.Step, first.CounterType, first.Value.Number), Is.EqualTo(("web-01", "m", 10L, "GAUGE", 0.0)));
        });
    }

    [Test]
    public async Task Update_SpreadsBatchesOverTheTransfersInRandomOrder()
    {
        await using var a = await RecordingRpcServer.StartAsync();
        await using var b = await RecordingRpcServer.StartAsync();
        using var meters = new TestMeterFactory();
        var options = AgentTestOptions.Create(o =>
        {
            o.Transfer.Add(a.Address);
            o.Transfer.Add(b.Address);
        });
        await using var client = new TransferClient(options, new AgentMetrics(meters), NullLogger<TransferClient>.Instance, TimeProvider.System);

        for (var i = 0; i < 60; i++)
        {
            await client.UpdateAsync(PushBufferTests.Points(i), CancellationToken.None);
        }

        // Each batch goes to one of two at random: both are all but certain (1 - 2^-59) to get some.
        Assert.That((a.Points.Count + b.Points.Count, a.Points.IsEmpty, b.Points.IsEmpty), Is.EqualTo((60, false, false)));
    }

    [Test]
    public async Task Update_WhenEveryTransferIsDown_ThrowsNamingEachAddress()
    {
        var dead = RecordingRpcServer.DeadAddress();
        using var meters = new TestMeterFactory();
        var options = AgentTestOptions.Create(o => o.Transfer.Add(dead));
        await using var client = new TransferClient(options, new AgentMetrics(meters), NullLogger<TransferClient>.Instance, TimeProvider.System);

        var error = Assert.ThrowsAsync<RpcUnavailableException>(() => client.UpdateAsync(PushBufferTests.Points(1), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain(dead));
            Assert.That(meters.Sum("falcon.agent.transfer.failures", "address", dead), Is.EqualTo(1));
        });
    }
}
