using Falcon.Roles.Agent.Collectors;
using Falcon.Shared.Model.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Falcon.Tests.Roles.Agent.Collectors;

public class UrlHealthCollectorTests
{
    private WebApplication _app = null!;
    private string _base = "";
    private int _heads;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Map("/{**path}", async context =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                Interlocked.Increment(ref _heads);
            }

            switch (context.Request.Path.Value)
            {
                case "/ok":
                    context.Response.StatusCode = 200;
                    break;
                case "/moved":
                    context.Response.StatusCode = 301;
                    context.Response.Headers.Location = "/ok";
                    break;
                case "/slow":
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    break;
                default:
                    context.Response.StatusCode = 500;
                    break;
            }
        });
        await _app.StartAsync();
        _base = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Check_IsOneOnlyFor200AndTagsTheSourceHost()
    {
        var builtins = new BuiltinMetricSet();
        builtins.Replace(
        [
            new BuiltinMetric("url.check.health", $"url={_base}/ok,timeout=5"),
            new BuiltinMetric("url.check.health", $"url={_base}/moved,timeout=5"),
            new BuiltinMetric("url.check.health", $"url={_base}/error,timeout=5"),
            new BuiltinMetric("url.check.health", $"url={_base}/slow,timeout=1"),
            new BuiltinMetric("url.check.health", "url=http://127.0.0.1:1/refused,timeout=2"),
            new BuiltinMetric("url.check.health", "url=ftp://example.com/,timeout=2"),
            new BuiltinMetric("url.check.health", "timeout=2,url=http://127.0.0.1:1/"),
        ], "c");
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        var collector = new UrlHealthCollector(builtins, client, "web01", TimeSpan.FromSeconds(60));
        int headsBefore = Volatile.Read(ref _heads);

        var writer = await RecordingWriter.CollectAsync(collector);

        Assert.Multiple(() =>
        {
            Assert.That(writer.Value("url.check.health", $"url={_base}/ok,timeout=5,src=web01"), Is.EqualTo(1));
            Assert.That(writer.Value("url.check.health", $"url={_base}/moved,timeout=5,src=web01"), Is.Zero);
            Assert.That(writer.Value("url.check.health", $"url={_base}/error,timeout=5,src=web01"), Is.Zero);
            Assert.That(writer.Value("url.check.health", $"url={_base}/slow,timeout=1,src=web01"), Is.Zero);
            Assert.That(writer.Value("url.check.health", "url=http://127.0.0.1:1/refused,timeout=2,src=web01"), Is.Zero);
            Assert.That(writer.Value("url.check.health", "url=ftp://example.com/,timeout=2,src=web01"), Is.Zero);
            Assert.That(writer.Points, Has.Count.EqualTo(6), "tags in the wrong order are skipped");
            Assert.That(Volatile.Read(ref _heads) - headsBefore, Is.EqualTo(4), "HEAD requests, like curl -I");
        });
    }
}
