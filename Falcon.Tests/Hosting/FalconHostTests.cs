using Falcon.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Falcon.Hosting.Configuration;
using Falcon.Hosting.Http;

namespace Falcon.Tests.Hosting;

public sealed class FalconHostTests
{
    private static readonly ConfigurationSource NoFile = new("does-not-exist.yaml", PathGivenExplicitly: false, []);

    [Test]
    public async Task RoleListener_ServesHealthMetricsAndTheRoleRoutes()
    {
        using var host = FalconHost.CreateBuilder(NoFile, [TestRole.Descriptor("127.0.0.1:0")]).Build();
        await host.StartAsync();
        try
        {
            var address = host.Services.GetServices<RoleHttpServer>().Single().BoundAddress!;
            using var http = new HttpClient { BaseAddress = address };

            var health = await http.GetStringAsync(new Uri("/health", UriKind.Relative));
            var ping = await http.GetStringAsync(new Uri("/ping", UriKind.Relative));
            var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

            Assert.Multiple(() =>
            {
                Assert.That(health, Is.EqualTo("ok"));
                Assert.That(ping, Is.EqualTo("pong"));
                Assert.That(metrics, Does.Contain("falcon_testrole_pings"));
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public async Task ALightweightRoleAlone_IsServedByTheSmallServer_WithHealthMetricsAndItsRoutes()
    {
        using var host = FalconHost.CreateBuilder(NoFile, [TestRole.LightweightDescriptor("127.0.0.1:0")]).Build();
        await host.StartAsync();
        try
        {
            var server = host.Services.GetServices<RoleHttpServer>().Single();
            using var http = new HttpClient { BaseAddress = server.BoundAddress };

            var ping = await http.GetStringAsync(new Uri("/ping", UriKind.Relative));
            var health = await http.GetStringAsync(new Uri("/health", UriKind.Relative));
            using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            var exposition = await metrics.Content.ReadAsStringAsync();

            Assert.Multiple(() =>
            {
                Assert.That(server.ServedBySmallServer, Is.True);
                Assert.That((ping, health), Is.EqualTo(("pong", "ok")));
                Assert.That(metrics.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
                Assert.That(exposition, Does.Contain("falcon_lightrole_pings"));
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public async Task ALightweightRoleBesideAnother_IsServedByKestrel_WithTheSameRoutes()
    {
        using var host = FalconHost.CreateBuilder(NoFile, [TestRole.Descriptor("127.0.0.1:0"), TestRole.LightweightDescriptor("127.0.0.1:0")]).Build();
        await host.StartAsync();
        try
        {
            var server = host.Services.GetServices<RoleHttpServer>().Single(s => s.Role == TestRole.LightName);
            using var http = new HttpClient { BaseAddress = server.BoundAddress };

            var ping = await http.GetStringAsync(new Uri("/ping", UriKind.Relative));
            var health = await http.GetStringAsync(new Uri("/health", UriKind.Relative));

            Assert.Multiple(() =>
            {
                Assert.That(server.ServedBySmallServer, Is.False);
                Assert.That((ping, health), Is.EqualTo(("pong", "ok")));
            });
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Health_WhenARoleCheckFails_Answers503NamingTheCheck()
    {
        using var host = FalconHost.CreateBuilder(NoFile, [TestRole.Descriptor("127.0.0.1:0", TestRole.AddFailingHealthCheck)]).Build();
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = host.Services.GetServices<RoleHttpServer>().Single().BoundAddress };

            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));

            Assert.That((int)response.StatusCode, Is.EqualTo(503));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("queue").And.Contain("queue is full"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Test]
    public async Task Stop_WaitsForHostedServicesToDrain()
    {
        var drained = new TaskCompletionSource();
        var role = new RoleDescriptor("drainer", "test", b => b.Services.AddHostedService(_ => new DrainingService(drained)));
        using var host = FalconHost.CreateBuilder(NoFile, [role]).Build();
        await host.StartAsync();

        await host.StopAsync();

        Assert.That(drained.Task.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    public async Task RunAsync_WithAnInvalidValue_PrintsOneLineNamingTheKeyAndReturns1()
    {
        using var error = new StringWriter();
        var source = NoFile with { Overrides = ["host.shutdownTimeout=soon"] };

        var code = await FalconHost.RunAsync(source, [TestRole.Descriptor("127.0.0.1:0")], error, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(error.ToString().Trim(), Is.EqualTo("config: host.shutdownTimeout: cannot use 'soon', expected a duration like 00:00:30"));
    }

    private sealed class DrainingService(TaskCompletionSource drained) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await Task.Yield();
            drained.SetResult();
        }
    }
}
