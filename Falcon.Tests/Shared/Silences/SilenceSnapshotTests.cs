using Falcon.Shared.Model;
using Falcon.Shared.Silences;

namespace Falcon.Tests.Shared.Silences;

public sealed class SilenceSnapshotTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Find_StopsOnlyTheSilencedRecipient_OnThatEndpoint()
    {
        var snapshot = new SilenceSnapshot([Silence("alice", "host-a", "cpu.idle")]);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Find("alice", "host-a", "cpu.idle", TagSet.Empty, Now), Is.Not.Null);
            Assert.That(snapshot.Find("bob", "host-a", "cpu.idle", TagSet.Empty, Now), Is.Null);
            Assert.That(snapshot.Find("alice", "host-b", "cpu.idle", TagSet.Empty, Now), Is.Null);
        });
    }

    [Test]
    public void Find_WithTheAnyEndpointSilence_StopsTheMetricOnEveryEndpoint()
    {
        var snapshot = new SilenceSnapshot([Silence("alice", SilenceCounter.AnyEndpoint, "cpu.idle")]);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Find("alice", "host-a", "cpu.idle", TagSet.Empty, Now), Is.Not.Null);
            Assert.That(snapshot.Find("alice", "host-z", "cpu.idle", TagSet.Parse("core=1"), Now), Is.Not.Null);
            Assert.That(snapshot.Find("alice", "host-a", "mem.used", TagSet.Empty, Now), Is.Null);
        });
    }

    [Test]
    public void Find_IgnoresASilenceThatHasEnded_EvenBeforeAReloadDropsIt()
    {
        var snapshot = new SilenceSnapshot([Silence("alice", "host-a", "cpu.idle", until: Now)]);

        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Find("alice", "host-a", "cpu.idle", TagSet.Empty, Now.AddTicks(-1)), Is.Not.Null);
            Assert.That(snapshot.Find("alice", "host-a", "cpu.idle", TagSet.Empty, Now), Is.Null);
            Assert.That(snapshot.CountActive(Now), Is.Zero);
        });
    }

    [Test]
    public void WithAndWithout_ReplaceByIdAndRemove_LeavingTheOriginalUnchanged()
    {
        var original = new SilenceSnapshot([Silence("alice", "host-a", "cpu.idle")]);
        var longer = Silence("alice", "host-a", "cpu.idle", until: Now.AddDays(1));

        var replaced = original.With(longer);
        var removed = replaced.Without(longer.Id.ToUpperInvariant());

        Assert.Multiple(() =>
        {
            Assert.That(replaced.All, Is.EqualTo(new[] { longer }));
            Assert.That(removed.All, Is.Empty);
            Assert.That(original.All, Has.Count.EqualTo(1));
            Assert.That(original.All[0].Until, Is.EqualTo(Now.AddHours(1)));
        });
    }

    [Test]
    public void Snapshot_OfAnUnparsableCounter_SkipsItForMatching()
    {
        var snapshot = new SilenceSnapshot([Silence("alice", "host-a", "/broken")]);

        Assert.That(snapshot.Find("alice", "host-a", "broken", TagSet.Empty, Now), Is.Null);
    }

    private static Silence Silence(string user, string endpoint, string counter, DateTimeOffset? until = null) =>
        new(SilenceIds.Of(user, endpoint, counter), user, endpoint, counter, until ?? Now.AddHours(1), "", "ops", Now.AddMinutes(-1));
}
