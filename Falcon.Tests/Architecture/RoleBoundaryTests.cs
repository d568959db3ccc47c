using Falcon.Hosting;
using NetArchTest.Rules;

namespace Falcon.Tests.Architecture;

public sealed class RoleBoundaryTests
{
    private static readonly System.Reflection.Assembly Product = typeof(RoleRegistry).Assembly;

    private static IEnumerable<string> RoleNamespaces() =>
        Product.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith("Falcon.Roles.", StringComparison.Ordinal))
            .Select(n => string.Join('.', n.Split('.').Take(3)))
            .Distinct()
            .Order(StringComparer.Ordinal);

    [Test]
    public void NoRole_DependsOnAnotherRole()
    {
        var violations = new List<string>();
        var roles = RoleNamespaces().ToArray();
        foreach (var role in roles)
        {
            var others = roles.Where(r => r != role).ToArray();
            if (others.Length == 0)
            {
                continue;
            }

            var result = Types.InAssembly(Product).That().ResideInNamespace(role)
                .ShouldNot().HaveDependencyOnAny(others).GetResult();
            violations.AddRange(result.FailingTypeNames ?? []);
        }

        Assert.That(violations, Is.Empty, "roles talk over their protocols; what two roles need belongs in Falcon.Shared");
    }

    [Test]
    public void Shared_DependsOnNoRoleNoCommandAndNoHosting()
    {
        // Hosting registers the roles and the roles use Shared: Shared using Hosting would close a loop.
        var result = Types.InAssembly(Product).That().ResideInNamespace("Falcon.Shared")
            .ShouldNot().HaveDependencyOnAny("Falcon.Roles", "Falcon.Cli", "Falcon.Hosting").GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty, "what Shared needs from hosting (configuration helpers) lives in Falcon.Shared.Configuration");
    }

    [Test]
    public void Wire_KnowsNothingOfHostingOrRoles()
    {
        var result = Types.InAssembly(Product).That().ResideInNamespace("Falcon.Shared.Wire")
            .ShouldNot().HaveDependencyOnAny("Falcon.Roles", "Falcon.Hosting", "Falcon.Cli").GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty);
    }
}
