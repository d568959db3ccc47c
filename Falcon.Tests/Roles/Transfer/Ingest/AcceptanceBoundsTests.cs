using System.Globalization;
using Falcon.Roles.Transfer;
using Falcon.Roles.Transfer.Ingest;
using Falcon.Roles.Transfer.Sinks;
using Falcon.Shared.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Transfer.Ingest;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class AcceptanceBoundsTests : IDisposable
{
    private const long Now = 1_700_000_000;
    private readonly TestMeterFactory _meters = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(Now));
    private readonly Sink _sink = new();

    public void Dispose() => _meters.Dispose();

    [TestCase(-7 * 86_400, true, TestName = "Receive_SevenDaysBack_IsAccepted")]
    [TestCase((-7 * 86_400) - 1, false, TestName = "Receive_JustOverSevenDaysBack_IsInvalid")]
    [TestCase(600, true, TestName = "Receive_TenMinutesAhead_IsAccepted")]
    [TestCase(601, false, TestName = "Receive_JustOverTenMinutesAhead_IsInvalid")]
    public void Receive_TimestampWindow_AroundTheReceiveTime(long offset, bool accepted)
    {
        var result = Ingest().Receive([Item(timestamp: Now + offset)]);

        Assert.That((result.Invalid, _sink.Received.Count), Is.EqualTo(accepted ? (0, 1) : (1, 0)));
    }

    [Test]
    public void Receive_The1970s_IsInvalid_AndCountedWithItsReason()
    {
        var result = Ingest().Receive([Item(timestamp: 1), Item()]);

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new IngestResult(2, 1, null)));
            Assert.That(_meters.Sum("falcon.transfer.points.out_of_bounds"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Receive_TheWindow_FollowsTheClock()
    {
        var ingest = Ingest();
        _time.Advance(TimeSpan.FromDays(8));

        Assert.That(ingest.Receive([Item(timestamp: Now)]).Invalid, Is.EqualTo(1), "a point from the start is now eight days old");
    }

    [Test]
    public void Receive_AConfiguredWindow_IsUsed()
    {
        var ingest = Ingest(new TransferOptions { AcceptPast = TimeSpan.FromHours(1), AcceptFuture = TimeSpan.Zero });

        var result = ingest.Receive([Item(timestamp: Now - 3_601), Item(timestamp: Now + 1), Item(timestamp: Now - 3_600)]);

        Assert.That(result.Invalid, Is.EqualTo(2));
    }

    [Test]
    public void Receive_ATimestampOfZero_IsNowAsInOpenFalcon()
    {
        Assert.That(Ingest().Receive([Item(timestamp: 0)]).Invalid, Is.Zero);
    }

    [TestCase(255, 0)]
    [TestCase(256, 1)]
    [TestCase(900_000, 1)]
    public void Receive_EndpointLength_IsBoundedInBytes(int length, int invalid)
    {
        Assert.That(Ingest().Receive([Item(endpoint: new string('e', length))]).Invalid, Is.EqualTo(invalid));
    }

    [Test]
    public void Receive_EndpointLength_CountsUtf8Bytes()
    {
        // 'é' is two bytes: 127 of them fit in 255 bytes, 128 do not.
        var result = Ingest().Receive([Item(endpoint: new string('é', 127)), Item(endpoint: new string('é', 128))]);

        Assert.That(result.Invalid, Is.EqualTo(1));
    }

    [TestCase(255, 0)]
    [TestCase(256, 1)]
    public void Receive_MetricLength_IsBounded(int length, int invalid)
    {
        Assert.That(Ingest().Receive([Item(metric: new string('m', length))]).Invalid, Is.EqualTo(invalid));
    }

    [TestCase(27, 0)]
    [TestCase(28, 1)]
    public void Receive_TagCount_IsBoundedBelowTheTsdbLabelLimit(int tags, int invalid)
    {
        var text = string.Join(',', Enumerable.Range(0, tags).Select(i => string.Create(CultureInfo.InvariantCulture, $"k{i}=v")));

        Assert.That(Ingest().Receive([Item(tags: text)]).Invalid, Is.EqualTo(invalid));
    }

    [Test]
    public void Receive_TagKeyAndValueLengths_AreBounded()
    {
        var result = Ingest().Receive([
            Item(tags: new string('k', 128) + "=v"),
            Item(tags: new string('k', 129) + "=v"),
            Item(tags: "k=" + new string('v', 255)),
            Item(tags: "k=" + new string('v', 256)),
        ]);

        Assert.That(result.Invalid, Is.EqualTo(2));
    }

    private static MetricValue Item(string endpoint = "h1", string metric = "cpu.idle", string tags = "", long timestamp = Now) => new()
    {
        Endpoint = endpoint,
        Metric = metric,
        Tags = tags,
        Value = MetricRawValue.FromNumber(1),
        Step = 60,
        CounterType = "GAUGE",
        Timestamp = timestamp,
    };

    private TransferIngest Ingest(TransferOptions? options = null) =>
        new([_sink], Options.Create(options ?? new TransferOptions()), new TransferMetrics(_meters), _time, NullLogger<TransferIngest>.Instance);

    private sealed class Sink : ITransferSink
    {
        public List<MetricSample> Received { get; } = [];

        public string Name => "recording";

        public bool TryAccept(IReadOnlyList<MetricSample> samples)
        {
            Received.AddRange(samples);
            return true;
        }
    }
}
