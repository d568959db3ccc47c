using System.Text.Json;
using Falcon.Shared.Hashing;
using Falcon.Shared.Judging;
using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Judging;

public sealed class JudgeShareJsonTests
{
    [Test]
    public void WrittenShare_ReadsBack_AsTheSameRingAndNode_AndOwnsWhatTransferRoutesToIt()
    {
        string[] ring = ["judge-00", "judge-01", "judge-02"];
        using var json = JsonDocument.Parse(JudgeShareJson.Write("judge-01", ring, 500));

        Assert.That(JudgeShareJson.TryRead(json.RootElement, out var share, out var error), Is.True, error);
        var transfer = new ConsistentHashRing(ring, 500);
        var endpoints = Enumerable.Range(0, 200).Select(i => $"host-{i}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(share!.Node, Is.EqualTo("judge-01"));
            Assert.That(share.Nodes, Is.EqualTo(ring));
            Assert.That(
                endpoints.Where(e => share.Owns(e, "agent.alive", TagSet.Empty)),
                Is.EqualTo(endpoints.Where(e => transfer.GetNode(SeriesKey.Of(e, "agent.alive", TagSet.Empty)) == "judge-01")));
        });
    }

    [Test]
    public void OlderTransfers_SendNull_AndSayNothing()
    {
        using var json = JsonDocument.Parse("null");
        Assert.Multiple(() =>
        {
            Assert.That(JudgeShareJson.TryRead(json.RootElement, out var share, out var error), Is.True);
            Assert.That(share, Is.Null);
            Assert.That(error, Is.Null);
        });
    }

    [TestCase("""{"node":"a","ring":["b"],"replicas":500}""", "not on the ring")]
    [TestCase("{}", "node must be")]
    [TestCase("""{"node":"","ring":["a"],"replicas":500}""", "node must be")]
    [TestCase("""{"node":"a","ring":"a","replicas":500}""", "ring must be")]
    [TestCase("""{"node":"a","ring":["a"],"replicas":"many"}""", "replicas must be")]
    [TestCase("""{"node":"a","ring":["a"],"replicas":0}""", "replicas must be")]
    public void ABadShare_IsRefusedWithTheReason(string param, string reason)
    {
        using var json = JsonDocument.Parse(param);
        Assert.Multiple(() =>
        {
            Assert.That(JudgeShareJson.TryRead(json.RootElement, out var share, out var error), Is.False);
            Assert.That(share, Is.Null);
            Assert.That(error, Does.Contain(reason));
        });
    }

    [Test]
    public void InProcessShare_OwnsEverySeries() =>
        Assert.That(JudgeShare.Everything.Owns("any", "metric", TagSet.Empty), Is.True);
}
