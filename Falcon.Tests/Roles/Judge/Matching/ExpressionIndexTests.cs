using Falcon.Roles.Judge.Matching;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Roles.Judge.Matching;

public sealed class ExpressionIndexTests
{
    private static readonly Expression Project = new() { Id = 1, Metric = "qps", Tags = TagSet.Parse("project=falcon") };
    private static readonly Expression Endpoint = new() { Id = 2, Metric = "qps", Tags = TagSet.Parse("endpoint=web01") };
    private static readonly Expression ProjectAndIdc = new() { Id = 3, Metric = "qps", Tags = TagSet.Parse("project=falcon,idc=bj") };
    private static readonly Expression ProjectAndEndpoint = new() { Id = 4, Metric = "qps", Tags = TagSet.Parse("project=falcon,endpoint=web02") };
    private static readonly Expression Untagged = new() { Id = 5, Metric = "untagged" };

    private static ExpressionIndex Index(params Expression[] expressions) => new(new ExpressionsResponse { Expressions = expressions });

    [Test]
    public void Match_SingleTag_MatchesItemsCarryingIt()
    {
        var index = Index(Project);

        Assert.Multiple(() =>
        {
            Assert.That(index.Match("web09", "qps", TagSet.Parse("project=falcon,module=api")), Is.EqualTo(new[] { Project }));
            Assert.That(index.Match("web09", "qps", TagSet.Parse("project=other")), Is.Empty);
            Assert.That(index.Match("web09", "rps", TagSet.Parse("project=falcon")), Is.Empty);
        });
    }

    [Test]
    public void Match_EndpointPseudoTag_MatchesTheItemsEndpoint()
    {
        var index = Index(Endpoint);

        Assert.Multiple(() =>
        {
            Assert.That(index.Match("web01", "qps", TagSet.Empty), Is.EqualTo(new[] { Endpoint }));
            Assert.That(index.Match("web02", "qps", TagSet.Parse("project=falcon")), Is.Empty);
        });
    }

    [Test]
    public void Match_TwoTags_NeedsBoth()
    {
        var index = Index(ProjectAndIdc);

        Assert.Multiple(() =>
        {
            Assert.That(index.Match("web01", "qps", TagSet.Parse("project=falcon,idc=bj")), Is.EqualTo(new[] { ProjectAndIdc }));
            Assert.That(index.Match("web01", "qps", TagSet.Parse("project=falcon")), Is.Empty);
            Assert.That(index.Match("web01", "qps", TagSet.Parse("idc=bj")), Is.Empty);
            Assert.That(index.Match("web01", "qps", TagSet.Parse("project=falcon,idc=sh")), Is.Empty);
        });
    }

    [Test]
    public void Match_TagAndEndpointPseudoTag_NeedsBoth()
    {
        var index = Index(ProjectAndEndpoint);

        Assert.Multiple(() =>
        {
            Assert.That(index.Match("web02", "qps", TagSet.Parse("project=falcon")), Is.EqualTo(new[] { ProjectAndEndpoint }));
            Assert.That(index.Match("web01", "qps", TagSet.Parse("project=falcon")), Is.Empty);
        });
    }

    [Test]
    public void Match_ExpressionReachedThroughTwoOfTheItemsTags_IsReturnedOnce() =>
        Assert.That(Index(ProjectAndIdc).Match("web01", "qps", TagSet.Parse("idc=bj,project=falcon")), Is.EqualTo(new[] { ProjectAndIdc }));

    [Test]
    public void Match_ExpressionReachedThroughATagAndTheEndpoint_IsReturnedOnce() =>
        Assert.That(Index(ProjectAndEndpoint).Match("web02", "qps", TagSet.Parse("project=falcon")), Has.Count.EqualTo(1));

    [Test]
    public void Match_SeveralExpressions_ReturnsEachRelatedOne()
    {
        var matched = Index(Project, Endpoint, ProjectAndIdc, ProjectAndEndpoint).Match("web01", "qps", TagSet.Parse("project=falcon,idc=bj"));

        Assert.That(matched, Is.EquivalentTo(new[] { Project, Endpoint, ProjectAndIdc }));
    }

    [Test]
    public void Match_ItemsOwnEndpointTag_WinsOverThePseudoTag()
    {
        // Go copies the item's tags over {"endpoint": item.Endpoint} before comparing.
        var index = Index(Endpoint);

        Assert.Multiple(() =>
        {
            Assert.That(index.Match("web09", "qps", TagSet.Parse("endpoint=web01")), Is.EqualTo(new[] { Endpoint }));
            Assert.That(index.Match("web01", "qps", TagSet.Parse("endpoint=web09")), Is.Empty);
        });
    }

    [Test]
    public void Match_ExpressionWithoutTags_NeverMatches() =>
        Assert.That(Index(Untagged).Match("web01", "untagged", TagSet.Empty), Is.Empty);

    [Test]
    public void UsesMetric_IsTrueOnlyForMetricsOfTaggedExpressions()
    {
        var index = Index(Project, Untagged);

        Assert.Multiple(() =>
        {
            Assert.That(index.UsesMetric("qps"), Is.True);
            Assert.That(index.UsesMetric("untagged"), Is.False);
            Assert.That(index.UsesMetric("rps"), Is.False);
        });
    }
}
