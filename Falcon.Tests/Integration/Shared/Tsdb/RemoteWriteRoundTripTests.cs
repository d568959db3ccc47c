using System.Net;
using System.Net.Sockets;
using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;
using Falcon.Tests.Shared.Tsdb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Integration.Shared.Tsdb;

[Category("Integration")]
public sealed class RemoteWriteRoundTripTests
{
    private static readonly HttpClient Http = new();

    [Test]
    public async Task WrittenSamples_AreReadBackWithTheirNamesLabelsTimestampsAndValues()
    {
        var server = await TestServers.VictoriaMetricsAsync();
        var (writer, reader) = Clients(server.WriteUrl, server.BaseAddress);
        var endpoint = Unique("h");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60;
        MetricSample[] batch =
        [
            RemoteWriteEncoderTests.Sample(endpoint, "cpu.idle", "", 97.5, now - 60),
            RemoteWriteEncoderTests.Sample(endpoint, "cpu.idle", "", 12.25, now),
            RemoteWriteEncoderTests.Sample(endpoint, "disk.io.avgqu-sz", "device=sda", 0.5, now),
            RemoteWriteEncoderTests.Sample(endpoint, "url.check.health", "url=http://x/y?a=b,timeout=3,a-b=1", 1, now),
        ];

        var outcome = await writer.WriteAsync(batch, CancellationToken.None);

        Assert.That(outcome.Status, Is.EqualTo(RemoteWriteStatus.Success), outcome.Error);
        await ForceFlushAsync(server.BaseAddress);
        var range = await Poll.ForAsync(
            () => reader.QueryRangeAsync($"{{__name__=\"cpu.idle\",endpoint=\"{endpoint}\"}}",
                DateTimeOffset.FromUnixTimeSeconds(now - 60), DateTimeOffset.FromUnixTimeSeconds(now), TimeSpan.FromSeconds(60)),
            r => r.Series.Count == 1 && r.Series[0].Samples.Count == 2);
        var series = await reader.SeriesAsync([$"{{endpoint=\"{endpoint}\"}}"], DateTimeOffset.FromUnixTimeSeconds(now - 3600));
        var instant = await reader.QueryAsync($"{{__name__=\"url.check.health\",endpoint=\"{endpoint}\"}}", DateTimeOffset.FromUnixTimeSeconds(now));

        Assert.Multiple(() =>
        {
            Assert.That(range.ResultType, Is.EqualTo("matrix"));
            Assert.That(range.Series[0].Samples, Is.EqualTo(new[] { new PromSample(now - 60, 97.5), new PromSample(now, 12.25) }));
            Assert.That(range.Series[0].Labels, Is.EquivalentTo(SeriesMapping.ToLabels(batch[0])));
            Assert.That(series.Select(s => SeriesMapping.FromLabels(s)).Select(s => SeriesKey.Of(s.Endpoint, s.Metric, s.Tags)),
                Is.EquivalentTo(batch.Skip(1).Select(s => SeriesKey.Of(s.Endpoint, s.Metric, s.Tags))));
            Assert.That(instant.ResultType, Is.EqualTo("vector"));
            Assert.That(instant.Series.Single().Samples.Single(), Is.EqualTo(new PromSample(now, 1)));
            Assert.That(SeriesMapping.FromLabels(instant.Series[0].Labels).Tags, Is.EqualTo(batch[3].Tags));
        });
    }

    [Test]
    public async Task Counter_IsStoredRaw_AndLabelledSoReadersComputeTheRate()
    {
        var server = await TestServers.VictoriaMetricsAsync();
        var (writer, reader) = Clients(server.WriteUrl, server.BaseAddress);
        var endpoint = Unique("c");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60;
        MetricSample[] batch =
        [
            RemoteWriteEncoderTests.Sample(endpoint, "net.if.in.bytes", "iface=eth0", 1_000_000, now - 60, CounterType.Counter),
            RemoteWriteEncoderTests.Sample(endpoint, "net.if.in.bytes", "iface=eth0", 1_600_000, now, CounterType.Counter),
        ];

        var outcome = await writer.WriteAsync(batch, CancellationToken.None);

        Assert.That(outcome.IsSuccess, Is.True, outcome.Error);
        await ForceFlushAsync(server.BaseAddress);
        var selector = $"{{__name__=\"net.if.in.bytes\",endpoint=\"{endpoint}\",counterType=\"COUNTER\"}}";
        var raw = await Poll.ForAsync(() => reader.QueryAsync(selector, DateTimeOffset.FromUnixTimeSeconds(now)), r => r.Series.Count == 1);
        var values = await reader.LabelValuesAsync("iface", [selector]);
        var names = await reader.LabelsAsync([selector]);

        Assert.Multiple(() =>
        {
            Assert.That(raw.Series[0].Samples[0].Value, Is.EqualTo(1_600_000));
            Assert.That(SeriesMapping.FromLabels(raw.Series[0].Labels).CounterType, Is.EqualTo(CounterType.Counter));
            Assert.That(values, Is.EqualTo(new[] { "eth0" }));
            Assert.That(names, Is.SupersetOf(new[] { "__name__", "counterType", "endpoint", "iface" }));
        });
    }

    [Test]
    public async Task BadQuery_ThrowsWithTheServersErrorText()
    {
        var server = await TestServers.VictoriaMetricsAsync();
        var (_, reader) = Clients(server.WriteUrl, server.BaseAddress);

        Assert.That(async () => await reader.QueryAsync("sum("),
            Throws.TypeOf<PrometheusQueryException>().With.Message.Contains("sum("));
    }

    [Test]
    public async Task WriteToAPathThatAnswers4xx_IsAPermanentFailureWithTheResponseText()
    {
        var server = await TestServers.VictoriaMetricsAsync();
        var (writer, _) = Clients(new Uri(server.BaseAddress, "/no-such-path"), server.BaseAddress);

        var outcome = await writer.WriteAsync([RemoteWriteEncoderTests.Sample(Unique("p"), "cpu.idle", "", 1, 1_700_000_000)], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(RemoteWriteStatus.PermanentFailure));
            Assert.That(outcome.HttpStatus, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(outcome.Error, Does.Contain("no-such-path"));
        });
    }

    [Test]
    public async Task ConnectionRefused_IsRetryable()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var (writer, _) = Clients(new Uri($"http://127.0.0.1:{port}/api/v1/write"), new Uri($"http://127.0.0.1:{port}"));

        var outcome = await writer.WriteAsync([RemoteWriteEncoderTests.Sample("h", "cpu.idle", "", 1, 1_700_000_000)], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Status, Is.EqualTo(RemoteWriteStatus.RetryableFailure));
            Assert.That(outcome.HttpStatus, Is.Null);
        });
    }

    private static (RemoteWriteClient Writer, PrometheusQueryClient Reader) Clients(Uri writeUrl, Uri queryUrl)
    {
        var options = Options.Create(new TsdbOptions { WriteUrl = writeUrl.ToString(), QueryUrl = queryUrl.ToString(), Timeout = TimeSpan.FromSeconds(5) });
        return (new RemoteWriteClient(Http, options, NullLogger<RemoteWriteClient>.Instance), new PrometheusQueryClient(Http, options));
    }

    // VictoriaMetrics buffers fresh rows for a few seconds before search sees them; force_flush makes them visible now.
    private static async Task ForceFlushAsync(Uri baseAddress)
    {
        using var response = await Http.GetAsync(new Uri(baseAddress, "/internal/force_flush"));
        response.EnsureSuccessStatusCode();
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
