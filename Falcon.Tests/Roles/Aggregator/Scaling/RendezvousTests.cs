using Falcon.Roles.Aggregator.Scaling;

namespace Falcon.Tests.Roles.Aggregator.Scaling;

/// <summary>Ownership of definitions over the live instances: spread, and stable when one joins or leaves.</summary>
public sealed class RendezvousTests
{
    private static readonly string[] Keys = [.. Enumerable.Range(1, 2_000).Select(static i => i % 3 == 0 ? $"cluster:{i}" : $"aggregate:{i}")];

    private static Dictionary<string, string> Owners(IReadOnlyList<string> instances) =>
        Keys.ToDictionary(static k => k, k => Rendezvous.Owner(k, instances)!);

    [Test]
    public void EveryInstanceGetsAShare_AndTheOrderOfTheLiveListDoesNotMatter()
    {
        string[] live = ["host-a:1:x", "host-b:2:y", "host-c:3:z"];
        var owners = Owners(live);

        Assert.That(Owners([.. live.Reverse()]), Is.EqualTo(owners));
        foreach (var instance in live)
        {
            // 2,000 keys over 3: a fair share is 667; allow for hashing noise.
            Assert.That(owners.Values.Count(o => o == instance), Is.InRange(500, 833), instance);
        }
    }

    [Test]
    public void AnInstanceJoining_TakesDefinitionsOnlyForItself()
    {
        string[] before = ["a", "b", "c"];
        var was = Owners(before);
        var now = Owners([.. before, "d"]);

        var moved = Keys.Where(k => was[k] != now[k]).ToArray();
        Assert.That(moved.Select(k => now[k]).Distinct(), Is.EqualTo(new[] { "d" }), "every moved definition went to the newcomer");
        Assert.That(moved, Has.Length.InRange(350, 650), "about a quarter moves (2,000 / 4)");
    }

    [Test]
    public void AnInstanceLeaving_MovesOnlyTheDefinitionsItOwned()
    {
        string[] before = ["a", "b", "c", "d"];
        var was = Owners(before);
        var now = Owners(["a", "c", "d"]);

        var moved = Keys.Where(k => was[k] != now[k]).ToArray();
        Assert.That(moved.All(k => was[k] == "b"), Is.True, "only b's definitions moved");
        Assert.That(moved, Has.Length.EqualTo(was.Values.Count(static o => o == "b")), "all of b's definitions moved");
        Assert.That(moved.Select(k => now[k]).Distinct().Count(), Is.EqualTo(3), "b's share is spread over the rest");
    }

    [Test]
    public void NoLiveInstance_MeansNoOwner_AndOneMeansItOwnsEverything()
    {
        Assert.That(Rendezvous.Owner("aggregate:1", []), Is.Null);
        Assert.That(Owners(["only"]).Values.Distinct(), Is.EqualTo(new[] { "only" }));
    }
}
