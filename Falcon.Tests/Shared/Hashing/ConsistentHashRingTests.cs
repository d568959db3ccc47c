using System.Globalization;
using System.Text;
using Falcon.Shared.Hashing;

namespace Falcon.Tests.Shared.Hashing;

public sealed class ConsistentHashRingTests
{
    private static readonly string[] ThreeJudges = ["judge-00", "judge-01", "judge-02"];

    // With one replica each: judge-00 sits at murmur3("0judge-00") = 0x26c05bf9, judge-01 at 0x7304512c.
    private static readonly ConsistentHashRing TwoSingleReplicaJudges = new(["judge-00", "judge-01"], replicas: 1);

    [TestCase("k0", "judge-00", Description = "0x0b616cd6 is below both virtual nodes")]
    [TestCase("k5", "judge-01", Description = "0x5578be40 lies between them")]
    [TestCase("k1", "judge-00", Description = "0xfdc6602a is above the largest, so it wraps")]
    [TestCase("0judge-00", "judge-01", Description = "equal to judge-00's hash: the search is strictly greater")]
    [TestCase("0judge-01", "judge-00", Description = "equal to the largest hash: wraps to the first")]
    public void GetNode_WithOneReplicaPerNode_FollowsGoSearch(string key, string expected) =>
        Assert.That(TwoSingleReplicaJudges.GetNode(key), Is.EqualTo(expected));

    // Expected nodes come from an independent script that builds the ring as toolkits/consistent does.
    [TestCase("host01/cpu.idle", "judge-01")]
    [TestCase("host01/net.if.in.bytes/iface=eth0", "judge-02")]
    [TestCase("endpoint/metric/a=1,b=2", "judge-01")]
    [TestCase("服务器/cpu.busy", "judge-00")]
    public void GetNode_WithDefaultReplicas_MatchesPinnedGoMapping(string key, string expected) =>
        Assert.That(new ConsistentHashRing(ThreeJudges).GetNode(key), Is.EqualTo(expected));

    [Test]
    public void GetNode_OnUtf8Bytes_AgreesWithString()
    {
        var ring = new ConsistentHashRing(ThreeJudges);
        foreach (var key in Keys(1_000))
        {
            Assert.That(ring.GetNode(Encoding.UTF8.GetBytes(key)), Is.EqualTo(ring.GetNode(key)));
        }
    }

    [TestCase('x', 400, Description = "ASCII that fits the stack buffer")]
    [TestCase('x', 5_000, Description = "too long for the stack buffer")]
    [TestCase('服', 300, Description = "short in chars but over the stack buffer in UTF-8")]
    public void GetNode_WithLongKey_HashesWholeKey(char fill, int length)
    {
        var key = new string(fill, length) + "/cpu.idle";
        var ring = new ConsistentHashRing(ThreeJudges);

        Assert.That(ring.GetNode(key), Is.EqualTo(ring.GetNodeForHash(Murmur3.Hash32(Encoding.UTF8.GetBytes(key)))));
    }

    [Test]
    public void GetNode_OnTwoRingsBuiltAlike_ReturnsSameNodes()
    {
        var first = new ConsistentHashRing(ThreeJudges);
        var second = new ConsistentHashRing(ThreeJudges);

        foreach (var key in Keys(10_000))
        {
            Assert.That(second.GetNode(key), Is.EqualTo(first.GetNode(key)));
        }
    }

    [Test]
    public void GetNode_OverManyKeys_SpreadsRoughlyEvenly()
    {
        var ring = new ConsistentHashRing(ThreeJudges);
        var counts = ThreeJudges.ToDictionary(n => n, _ => 0);
        const int total = 100_000;
        foreach (var key in Keys(total))
        {
            counts[ring.GetNode(key)]++;
        }

        Assert.Multiple(() =>
        {
            foreach (var (node, count) in counts)
            {
                Assert.That(count / (double)total, Is.InRange(0.25, 0.42), node);
            }
        });
    }

    [Test]
    public void GetNode_AfterAddingFourthNode_MovesOnlyAFewKeys()
    {
        var before = new ConsistentHashRing(ThreeJudges);
        var after = new ConsistentHashRing([.. ThreeJudges, "judge-03"]);
        const int total = 100_000;
        var moved = 0;
        foreach (var key in Keys(total))
        {
            var from = before.GetNode(key);
            var to = after.GetNode(key);
            if (from != to)
            {
                moved++;
                // A key may only move to the new node, never between old ones.
                Assert.That(to, Is.EqualTo("judge-03"));
            }
        }

        Assert.That(moved / (double)total, Is.LessThan(0.40));
    }

    [Test]
    public void GetNode_WithOneNode_AlwaysReturnsIt()
    {
        var ring = new ConsistentHashRing(["judge-00"]);

        Assert.That(Keys(1_000).Select(ring.GetNode).Distinct(), Is.EquivalentTo(new[] { "judge-00" }));
    }

    [Test]
    public void GetNodeForHash_AboveLargestVirtualHash_WrapsToFirst()
    {
        // Hand-built ring: the smallest virtual hash owns everything past the largest, including uint.MaxValue.
        var lowest = Murmur3.Hash32("0judge-00"u8) < Murmur3.Hash32("0judge-01"u8) ? "judge-00" : "judge-01";

        Assert.That(TwoSingleReplicaJudges.GetNodeForHash(uint.MaxValue), Is.EqualTo(lowest));
    }

    [Test]
    public void Constructor_WithDuplicateNames_KeepsOneOfEach()
    {
        var ring = new ConsistentHashRing(["judge-00", "judge-01", "judge-00"]);
        var reference = new ConsistentHashRing(["judge-00", "judge-01"]);

        Assert.Multiple(() =>
        {
            Assert.That(ring.Nodes, Is.EqualTo(new[] { "judge-00", "judge-01" }));
            Assert.That(Keys(1_000).Select(ring.GetNode), Is.EqualTo(Keys(1_000).Select(reference.GetNode)));
        });
    }

    [Test]
    public void Constructor_WithNoNodes_Throws() =>
        Assert.That(() => new ConsistentHashRing([]), Throws.ArgumentException);

    [Test]
    public void Constructor_WithZeroReplicas_Throws() =>
        Assert.That(() => new ConsistentHashRing(ThreeJudges, replicas: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void GetNode_FromManyThreads_AgreesWithSingleThread()
    {
        var ring = new ConsistentHashRing(ThreeJudges);
        var keys = Keys(20_000).ToArray();
        var expected = keys.Select(ring.GetNode).ToArray();
        var actual = new string[keys.Length];

        Parallel.For(0, keys.Length, i => actual[i] = ring.GetNode(keys[i]));

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void GetNode_WithShortKey_DoesNotAllocate()
    {
        var ring = new ConsistentHashRing(ThreeJudges);
        const string key = "host01.example.com/net.if.in.bytes/iface=eth0,direction=in";
        ring.GetNode(key);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            ring.GetNode(key);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private static IEnumerable<string> Keys(int count) =>
        Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"host{i % 997}/metric.{i}"));
}
