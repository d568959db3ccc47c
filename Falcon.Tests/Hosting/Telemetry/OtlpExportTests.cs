using System.Net;
using Falcon.Hosting;
using Falcon.Hosting.Configuration;

namespace Falcon.Tests.Hosting.Telemetry;

public sealed class OtlpExportTests
{
    [Test]
    public async Task WithOtelExporterOtlpEndpointSet_MetricsArePostedToIt()
    {
        // A stand-in OTLP/HTTP collector on loopback: it only records which paths were posted to.
        using var collector = new HttpListener();
        var port = Integration.Servers.ServerProcess.FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                var context = await collector.GetContextAsync();
                received.TrySetResult(context.Request.Url!.AbsolutePath);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var variables = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        };
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            using var host = FalconHost.CreateBuilder(new ConfigurationSource("none.yaml", false, []), [TestRole.Descriptor("127.0.0.1:0")]).Build();
            await host.StartAsync();
            TestRole.Meter.CreateCounter<long>("falcon.testrole.otlp").Add(1);

            var path = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));
            await host.StopAsync();

            Assert.That(path, Is.EqualTo("/v1/metrics"));
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            collector.Stop();
        }
    }
}
