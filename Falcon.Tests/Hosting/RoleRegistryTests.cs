using Falcon.Hosting;

namespace Falcon.Tests.Hosting;

public sealed class RoleRegistryTests
{
    private static readonly RoleRegistry Registry = new(
    [
        new RoleDescriptor("hbs", "heartbeat server", _ => { }),
        new RoleDescriptor("transfer", "ingest", _ => { }),
        new RoleDescriptor("judge", "alerts", _ => { }),
    ]);

    [Test]
    public void TryResolve_All_ReturnsEveryRoleInRegistryOrder()
    {
        Assert.That(Registry.TryResolve("all", out var roles, out _), Is.True);
        Assert.That(roles.Select(r => r.Name), Is.EqualTo(new[] { "hbs", "transfer", "judge" }));
    }

    [Test]
    public void TryResolve_CommaList_ReturnsThoseRolesOnceEach()
    {
        Assert.That(Registry.TryResolve("judge, hbs,judge", out var roles, out _), Is.True);
        Assert.That(roles.Select(r => r.Name), Is.EqualTo(new[] { "hbs", "judge" }));
    }

    [Test]
    public void TryResolve_UnknownRole_NamesItAndListsTheValidRoles()
    {
        Assert.That(Registry.TryResolve("hbs,nonsense", out _, out var error), Is.False);
        Assert.That(error, Does.Contain("'nonsense'").And.Contain("hbs, transfer, judge, all"));
    }

    [Test]
    public void TryResolve_Empty_IsRefused()
    {
        Assert.That(Registry.TryResolve(" , ", out _, out var error), Is.False);
        Assert.That(error, Does.Contain("valid roles"));
    }

    [Test]
    public void TryResolve_AllOnAnEmptyRegistry_IsRefused()
    {
        Assert.That(new RoleRegistry([]).TryResolve("all", out _, out var error), Is.False);
        Assert.That(error, Does.Contain("no roles"));
    }
}
