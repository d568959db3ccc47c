using Falcon.Roles.Judge.Matching;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Roles.Judge.Matching;

public sealed class StrategyIndexTests
{
    private static readonly Strategy Untagged = new() { Id = 1, Metric = "cpu.idle" };
    private static readonly Strategy CoreZero = new() { Id = 2, Metric = "cpu.idle", Tags = TagSet.Parse("core=0") };
    private static readonly Strategy CoreZeroZoneA = new() { Id = 3, Metric = "cpu.idle", Tags = TagSet.Parse("core=0,zone=a") };
    private static readonly Strategy Load = new() { Id = 4, Metric = "load.1min" };

    private static StrategyIndex Index() => new(new StrategiesResponse
    {
        HostStrategies =
        [
            new HostStrategies { Hostname = "web01", Strategies = [Untagged, CoreZero, CoreZeroZoneA, Load] },
            new HostStrategies { Hostname = "web02", Strategies = [CoreZero] },
        ],
    });

    [Test]
    public void Match_ItemCarryingEveryStrategyTag_MatchesThemAll() =>
        Assert.That(Index().Match("web01", "cpu.idle", TagSet.Parse("core=0,zone=a")), Is.EqualTo(new[] { Untagged, CoreZero, CoreZeroZoneA }));

    [Test]
    public void Match_ItemWithExtraTags_StillMatches() =>
        Assert.That(Index().Match("web02", "cpu.idle", TagSet.Parse("core=0,zone=b,rack=7")), Is.EqualTo(new[] { CoreZero }));

    [Test]
    public void Match_ItemMissingAStrategyTag_LeavesThatStrategyOut() =>
        Assert.That(Index().Match("web01", "cpu.idle", TagSet.Parse("core=0")), Is.EqualTo(new[] { Untagged, CoreZero }));

    [Test]
    public void Match_TagWithAnotherValue_LeavesThatStrategyOut() =>
        Assert.That(Index().Match("web01", "cpu.idle", TagSet.Parse("core=1,zone=a")), Is.EqualTo(new[] { Untagged }));

    [Test]
    public void Match_UntaggedItem_MatchesOnlyUntaggedStrategies() =>
        Assert.That(Index().Match("web01", "cpu.idle", TagSet.Empty), Is.EqualTo(new[] { Untagged }));

    [Test]
    public void Match_OtherEndpoint_MatchesNothing() =>
        Assert.That(Index().Match("web03", "cpu.idle", TagSet.Parse("core=0")), Is.Empty);

    [Test]
    public void Match_OtherMetric_MatchesNothing() =>
        Assert.That(Index().Match("web02", "load.1min", TagSet.Empty), Is.Empty);

    [Test]
    public void Match_EndpointAndMetricSplitDifferently_DoNotCollide()
    {
        var index = new StrategyIndex(new StrategiesResponse
        {
            HostStrategies = [new HostStrategies { Hostname = "a/b", Strategies = [new Strategy { Id = 9, Metric = "c" }] }],
        });

        Assert.That(index.Match("a", "b/c", TagSet.Empty), Is.Empty);
    }

    [Test]
    public void UsesMetric_IsTrueOnlyForMetricsWithAStrategy()
    {
        var index = Index();

        Assert.Multiple(() =>
        {
            Assert.That(index.UsesMetric("cpu.idle"), Is.True);
            Assert.That(index.UsesMetric("load.1min"), Is.True);
            Assert.That(index.UsesMetric("mem.free"), Is.False);
            Assert.That(StrategyIndex.Empty.UsesMetric("cpu.idle"), Is.False);
        });
    }
}
