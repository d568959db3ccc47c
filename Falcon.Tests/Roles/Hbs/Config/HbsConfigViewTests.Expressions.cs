namespace Falcon.Tests.Roles.Hbs.Config;

public sealed partial class HbsConfigViewTests
{
    [Test]
    public void GetExpressions_ParsesMetricAndTagsAndCopiesTheOtherFields()
    {
        var view = new PortalSnapshotBuilder().Expression(7, "each(metric=qps project=falcon)", actionId: 3, rightValue: "100").View();

        var expression = view.GetExpressions().Expressions.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expression.Id, Is.EqualTo(7));
            Assert.That(expression.Metric, Is.EqualTo("qps"));
            Assert.That(expression.Tags.Canonical, Is.EqualTo("project=falcon"));
            Assert.That(expression.Func, Is.EqualTo("all(#1)"));
            Assert.That(expression.Operator, Is.EqualTo("=="));
            Assert.That(expression.RightValue, Is.EqualTo(100));
            Assert.That(expression.MaxStep, Is.EqualTo(1));
            Assert.That(expression.Priority, Is.Zero);
            Assert.That(expression.Note, Is.EqualTo("expression 7"));
            Assert.That(expression.ActionId, Is.EqualTo(3));
        }
    }

    [Test]
    public void GetExpressions_KeepsEndpointAsATag()
    {
        var view = new PortalSnapshotBuilder().Expression(1, "each(endpoint=web01 \t metric=cpu.idle  idc=bj)").View();

        var expression = view.GetExpressions().Expressions.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expression.Metric, Is.EqualTo("cpu.idle"));
            Assert.That(expression.Tags.Canonical, Is.EqualTo("endpoint=web01,idc=bj"));
        }
    }

    [TestCase("each(metric=qps)")]
    [TestCase("each()")]
    [TestCase("each(project=falcon idc=bj)")]
    [TestCase("each(metric=qps project)")]
    [TestCase("each(metric=qps project=a=b)")]
    [TestCase("each(metric=qps project=falcon")]
    [TestCase("each)metric=qps project=falcon(")]
    [TestCase("")]
    public void GetExpressions_SkipsAnExpressionThatDoesNotParse(string text)
    {
        var view = new PortalSnapshotBuilder().Expression(1, text).Expression(2, "each(metric=ok project=x)").View();

        Assert.That(view.GetExpressions().Expressions.Select(e => e.Id), Is.EqualTo(new long[] { 2 }));
    }

    [Test]
    public void GetExpressions_ReadsTheTextBetweenTheFirstParentheses()
    {
        var view = new PortalSnapshotBuilder().Expression(1, "each(metric=qps project=x) and (metric=other z=1)").View();

        var expression = view.GetExpressions().Expressions.Single();

        Assert.That((expression.Metric, expression.Tags.Canonical), Is.EqualTo(("qps", "project=x")));
    }

    [Test]
    public void GetExpressions_SkipsABadRightValue_AndOrdersById()
    {
        var view = new PortalSnapshotBuilder()
            .Expression(3, "each(metric=c x=1)").Expression(1, "each(metric=a x=1)", rightValue: "oops").Expression(2, "each(metric=b x=1)")
            .View();

        Assert.That(view.GetExpressions().Expressions.Select(e => e.Id), Is.EqualTo(new long[] { 2, 3 }));
    }
}
