using Falcon.Hosting;
using Falcon.Roles.Agent;
using Falcon.Roles.Agent.Upgrade;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Agent.Upgrade;

public sealed class AgentSelfUpgradeExtensionsTests
{
    [Test]
    public void AddAgentSelfUpgrade_PutsTheWatchdogBeforeEveryOtherHostedService()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHostedService<OtherService>();

        builder.AddAgentSelfUpgrade();
        using var host = builder.Build();

        Assert.That(host.Services.GetServices<IHostedService>().First(), Is.TypeOf<UpgradeWatchdogService>());
    }

    [TestCase(null, true)]
    [TestCase("false", false)]
    [TestCase("true", true)]
    public void AddAgentSelfUpgrade_TakesTheSwitchFromAgentSelfUpgrade(string? value, bool enabled)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (value is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("agent:selfUpgrade", value)]);
        }

        builder.AddAgentSelfUpgrade();
        using var host = builder.Build();

        Assert.That(host.Services.GetRequiredService<IOptions<SelfUpgradeOptions>>().Value.Enabled, Is.EqualTo(enabled));
    }

    [TestCase(null, false)]
    [TestCase("false", false)]
    [TestCase("true", true)]
    public void AddAgentSelfUpgrade_BesideServerRoles_IsOffUnlessTurnedOn(string? value, bool enabled)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(new HostFootprint(Lightweight: false) { ServerRoles = ["hbs", "judge"] });
        if (value is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("agent:selfUpgrade", value)]);
        }

        builder.AddAgentSelfUpgrade();
        using var host = builder.Build();

        Assert.That(host.Services.GetRequiredService<IOptions<SelfUpgradeOptions>>().Value.Enabled, Is.EqualTo(enabled));
    }

    [Test]
    public void Restart_BesideServerRoles_StopsTheWholeProcessAndSaysWhy()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var logs = new RecordingLoggerProvider();
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(new HostFootprint(Lightweight: false) { ServerRoles = ["hbs", "judge"] });
        builder.Configuration.AddInMemoryCollection([new("agent:selfUpgrade", "true")]);
        builder.AddAgentSelfUpgrade();
        using var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        host.Services.GetRequiredService<IUpgradeRestart>().Restart("start version 7.1.0");

        Assert.That(lifetime.ApplicationStopping.IsCancellationRequested, Is.True);
        Assert.That(logs.Messages, Has.Some.Contains("restarting the whole process, hbs, judge included, to start version 7.1.0"));
    }

    [Test]
    public void AddAgentSelfUpgrade_GivesOneUpgraderThatTheHostDisposesCleanly()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("agent:upgrade:binaryPath", "/tmp/falcon-test-no-such-binary")]);
        builder.AddAgentSelfUpgrade();
        var host = builder.Build();

        Assert.That(host.Services.GetRequiredService<ISelfUpgrade>(), Is.SameAs(host.Services.GetRequiredService<SelfUpgrader>()));
        Assert.DoesNotThrow(host.Dispose);
    }

    private sealed class OtherService : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
