using System.Net;
using System.Net.Sockets;
using Falcon.Roles.Agent.Collectors;
using Falcon.Roles.Agent.Ntp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Falcon.Tests.Roles.Agent.Ntp;

public sealed class NtpCollectorTests
{
    [Test]
    public void Collector_IsNamedNtpAndRunsInTheSixtySecondTier()
    {
        var collector = Create([]);

        Assert.That(collector.Name, Is.EqualTo("ntp"));
        Assert.That(collector.DefaultIntervalSeconds, Is.EqualTo(60));
    }

    [Test]
    public async Task Collect_WithNoServersConfigured_WritesNothing()
    {
        var writer = new RecordingWriter();

        await Create([]).CollectAsync(writer, CancellationToken.None);

        Assert.That(writer.Points, Is.Empty);
    }

    [Test]
    public async Task Collect_WritesTheOffsetInMillisecondsPositiveWhenTheLocalClockIsAhead()
    {
        using var server = new SntpResponder(TimeSpan.FromSeconds(-2));
        var writer = new RecordingWriter();

        await Create([server.Address.ToString()]).CollectAsync(writer, CancellationToken.None);

        Assert.That(writer.Points, Has.Count.EqualTo(1));
        Assert.That(writer.Points[0].Metric, Is.EqualTo("sys.ntp.offset"));
        Assert.That(writer.Points[0].Value, Is.EqualTo(2000).Within(50));
    }

    [Test]
    public async Task Collect_WhenOneServerIsSilent_UsesTheOneThatAnswers()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var server = new SntpResponder(TimeSpan.FromSeconds(7));
        var writer = new RecordingWriter();

        await Create([$"127.0.0.1:{((IPEndPoint)silent.Client.LocalEndPoint!).Port}", server.Address.ToString()])
            .CollectAsync(writer, CancellationToken.None);

        Assert.That(writer.Points.Single().Value, Is.EqualTo(-7000).Within(50));
    }

    [Test]
    public async Task Collect_WhenNoServerAnswers_WritesNothing()
    {
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var writer = new RecordingWriter();

        await Create([$"127.0.0.1:{((IPEndPoint)silent.Client.LocalEndPoint!).Port}"]).CollectAsync(writer, CancellationToken.None);

        Assert.That(writer.Points, Is.Empty);
    }

    private static NtpCollector Create(List<string> servers) => new(
        new SntpClient(TimeProvider.System),
        Options.Create(new NtpOptions { Servers = servers, Timeout = TimeSpan.FromMilliseconds(300) }),
        NullLogger<NtpCollector>.Instance);

    private sealed class RecordingWriter : IMetricWriter
    {
        public List<(string Metric, double Value, string Tags)> Points { get; } = [];

        public void Gauge(string metric, double value, string tags = "") => Points.Add((metric, value, tags));

        public void Counter(string metric, double value, string tags = "") => Points.Add((metric, value, tags));
    }
}
