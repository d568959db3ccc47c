using Falcon.Roles.Console.Config.Groups;

namespace Falcon.Tests.Roles.Console.Config.Groups;

public sealed class ServiceTreeTests
{
    [Test]
    public void Build_NestsByPath_CountsDistinctHostsOnce_AndPutsUntaggedGroupsApart()
    {
        var tree = ServiceTree.Build(
            [(1, "db"), (2, "web"), (3, "loose")],
            [(1, "shop/payments/db"), (2, "shop/payments"), (2, "shop/front")],
            [(1, "h1"), (1, "shared"), (2, "shared"), (2, "h2"), (3, "h9")],
            new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["h1"] = 2, ["SHARED"] = 1, ["h9"] = 5 });

        Assert.That(tree.Children.Select(c => c.Name), Is.EqualTo(new[] { "shop", "~untagged" }));
        var shop = tree.Children[0];
        Assert.That(shop.Alarms, Is.EqualTo(3), "h1 twice, shared once though two groups hold it");
        Assert.That(shop.Children.Select(c => c.Path), Is.EqualTo(new[] { "shop/front", "shop/payments" }));
        var payments = shop.Children[1];
        Assert.That(payments.Groups.Single().Name, Is.EqualTo("web"));
        Assert.That(payments.Groups.Single().Alarms, Is.EqualTo(1));
        Assert.That(payments.Children.Single().Groups.Single().Hosts, Is.EqualTo(new[] { "h1", "shared" }));
        Assert.That(payments.Alarms, Is.EqualTo(3));
        Assert.That(tree.Children[1].Groups.Single().Name, Is.EqualTo("loose"));
        Assert.That(tree.Alarms, Is.EqualTo(8));
    }

    [Test]
    public void Build_WithNoGroups_IsAnEmptyRoot()
    {
        var tree = ServiceTree.Build([], [], [], new Dictionary<string, int>());
        Assert.That(tree.Children, Is.Empty);
        Assert.That(tree.Alarms, Is.Zero);
    }
}
