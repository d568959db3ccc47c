using Falcon.Shared.Portal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Shared.Portal;

public sealed class MySqlOptionsTests
{
    [Test]
    public void Defaults_AreValidAndNameTheOpenFalconDatabases()
    {
        var options = new MySqlOptions();

        var result = new MySqlOptionsValidator().Validate(null, options);

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
        Assert.That(options.Portal, Does.Contain("Database=falcon_portal"));
        Assert.That(options.Uic, Does.Contain("Database=uic"));
        Assert.That(options.Alarms, Does.Contain("Database=alarms"));
    }

    [TestCase("Server=db;User ID=falcon", "mysql.portal: connection string has no Database")]
    [TestCase("User ID=falcon;Database=falcon_portal", "mysql.portal: connection string has no Server")]
    [TestCase("Server=db;Database=falcon`portal", "mysql.portal: database name 'falcon`portal' must be")]
    [TestCase("Server=db;Colour=blue;Database=x", "mysql.portal: not a valid MySQL connection string")]
    [TestCase("", "mysql.portal: a connection string is required")]
    public void Validate_NamesTheKeyAndTheProblem(string portal, string expected)
    {
        var result = new MySqlOptionsValidator().Validate(null, new MySqlOptions { Portal = portal });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain(expected));
    }

    [Test]
    public void Validate_NeverRepeatsThePassword()
    {
        var result = new MySqlOptionsValidator().Validate(null, new MySqlOptions { Uic = "Server=db;Password=hunter2;Colour=blue;Database=uic" });

        Assert.That(result.FailureMessage, Does.Contain("mysql.uic").And.Not.Contain("hunter2"));
    }

    [Test]
    public async Task AddFalconMySql_BindsTheSectionAndSharesOneFalconDatabases()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["mysql:alarms"] = "Server=db1;Port=3307;User ID=falcon;Database=alarms_hl" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        services.AddFalconMySql().AddFalconMySql();
        FalconDatabases databases;
        await using (var provider = services.BuildServiceProvider())
        {
            databases = provider.GetRequiredService<FalconDatabases>();
            Assert.That(provider.GetRequiredService<FalconDatabases>(), Is.SameAs(databases));
            Assert.That(provider.GetRequiredService<SchemaMigrator>(), Is.Not.Null);
            Assert.That(databases.All.Select(d => d.Name), Is.EqualTo(new[] { "uic", "falcon_portal", "alarms_hl" }));
            Assert.That(databases.Alarms.ConfigKey, Is.EqualTo("mysql.alarms"));
        }

        Assert.That(() => databases.Portal.DataSource.CreateConnection().Open(), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void AddFalconMySql_RejectsABadConnectionStringWithOneLine()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["mysql:portal"] = "Server=db" })
            .Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFalconMySql().BuildServiceProvider();

        Assert.That(
            () => provider.GetRequiredService<IOptions<MySqlOptions>>().Value,
            Throws.TypeOf<OptionsValidationException>().With.Message.Contains("mysql.portal: connection string has no Database"));
    }
}
