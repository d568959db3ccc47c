using System.Text;
using Falcon.Roles.Transfer;
using Falcon.Roles.Transfer.Ingest;
using Falcon.Roles.Transfer.Sinks;
using Falcon.Roles.Transfer.Tsdb;
using Falcon.Shared.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Falcon.Tests.Roles.Transfer.Ingest;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class TransferIngestTests : IDisposable
{
    private const long Now = 1_700_000_000;
    private readonly TestMeterFactory _meters = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(Now));

    public void Dispose() => _meters.Dispose();

    [Test]
    public void Receive_CountsInvalidItemsAsOpenFalconDoes_AndHandsTheValidOnesToEverySink()
    {
        var (first, second) = (new RecordingSink(), new RecordingSink());
        var ingest = Ingest(first, second);

        var result = ingest.Receive(Read("""
            [
              {"endpoint":"h1","metric":"cpu.idle","value":90,"step":60,"counterType":"GAUGE","tags":"","timestamp":1699999980},
              null,
              {"endpoint":"h1","metric":"kernel.hostname","value":"h1","step":60,"counterType":"GAUGE","tags":"","timestamp":1699999980},
              {"endpoint":"","metric":"cpu.idle","value":1,"step":60,"counterType":"GAUGE","tags":"","timestamp":1699999980},
              {"endpoint":"h1","metric":"cpu.idle","value":1,"step":60,"counterType":"gauge","tags":"","timestamp":1699999980},
              {"endpoint":"h1","metric":"cpu.idle","value":"","step":60,"counterType":"GAUGE","tags":"","timestamp":1699999980},
              {"endpoint":"h1","metric":"cpu.idle","value":1,"step":0,"counterType":"GAUGE","tags":"","timestamp":1699999980},
              {"endpoint":"h1","metric":"cpu.idle","value":true,"step":60,"counterType":"GAUGE","tags":"","timestamp":1699999980},
              {"endpoint":"h1","metric":"net.if.in.bytes","value":"12.5","step":60,"counterType":"COUNTER","tags":"iface=eth0","timestamp":1699999980}
            ]
            """));

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new IngestResult(9, 7, null)));
            Assert.That(first.Received.Select(s => s.Metric), Is.EqualTo(new[] { "cpu.idle", "net.if.in.bytes" }));
            Assert.That(second.Received, Is.EqualTo(first.Received));
            Assert.That(_meters.Sum("falcon.transfer.points.invalid"), Is.EqualTo(7));
            Assert.That(_meters.Sum("falcon.transfer.points.accepted"), Is.EqualTo(2));
        });
    }

    [Test]
    public void Receive_OfPushedJson_CountsInvalidItems_AndKeepsTheValidOnesWithTheirParsedValues()
    {
        // "now" on a step boundary, so the step rule leaves the timestamp given to an item without one as it is.
        const long now = 1_700_000_040;
        _time.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(now));
        var sink = new RecordingSink();

        var result = Ingest(sink).Receive(Read("""
            [
              {"endpoint":"h1","metric":"cpu.idle","value":99.5,"step":60,"counterType":"GAUGE","tags":"","timestamp":1700000000},
              {"endpoint":"h1","metric":"cpu.busy","value":true,"step":60,"counterType":"GAUGE"},
              null,
              {"endpoint":"h1","metric":"load.1min","value":"0.5","step":"60","counterType":"GAUGE"},
              {"endpoint":"h1","metric":"net.if.in.bytes","value":"123","step":60,"counterType":"COUNTER","tags":"iface=eth0"}
            ]
            """));

        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new IngestResult(5, 3, null)));
            Assert.That(string.Join(" ", sink.Received.Select(sample => sample.Metric)), Is.EqualTo("cpu.idle net.if.in.bytes"));
            Assert.That(sink.Received[1].Value, Is.EqualTo(123d));
            Assert.That(sink.Received[1].Timestamp, Is.EqualTo(now), "an item without a timestamp gets the time it arrived");
        });
    }

    [Test]
    public void Receive_RaisesTheStepToMinStep_AndAlignsTheTimestamp()
    {
        var sink = new RecordingSink();
        var ingest = Ingest(sink);

        ingest.Receive(Read("""
            [{"endpoint":"h1","metric":"a","value":1,"step":10,"counterType":"GAUGE","tags":"","timestamp":1699999995},
             {"endpoint":"h1","metric":"b","value":1,"step":60,"counterType":"GAUGE","tags":"","timestamp":1699999995},
             {"endpoint":"h1","metric":"c","value":1,"step":60,"counterType":"GAUGE","tags":"","timestamp":0}]
            """));

        Assert.That(
            sink.Received.Select(s => $"{s.Metric} {s.Step} {s.Timestamp}"),
            Is.EqualTo(new[] { "a 30 1699999980", "b 60 1699999980", "c 60 1699999980" }));
    }

    [Test]
    public void Receive_WhenASinkCannotTakeTheBatch_RejectsTheWholeBatch()
    {
        var full = new RecordingSink { Full = true };
        var ingest = Ingest(full);

        var result = ingest.Receive(Read("""[{"endpoint":"h1","metric":"a","value":1,"step":60,"counterType":"GAUGE","tags":"","timestamp":1699999980}]"""));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsRejected, Is.True);
            Assert.That(result.Rejection, Does.Contain("full").Or.Contain("overloaded"));
            Assert.That(_meters.Sum("falcon.transfer.points.rejected_full"), Is.EqualTo(1));
            Assert.That(_meters.Sum("falcon.transfer.points.accepted"), Is.Zero);
        });
    }

    [Test]
    public void Receive_AnEmptyBatch_AnswersTotalZeroWithoutCallingSinks()
    {
        var sink = new RecordingSink { Full = true };

        Assert.That(Ingest(sink).Receive([]), Is.EqualTo(new IngestResult(0, 0, null)));
    }

    private static List<MetricValue?> Read(string json) => MetricValueJson.ReadArray(Encoding.UTF8.GetBytes(json));

    private TransferIngest Ingest(params ITransferSink[] sinks) =>
        new(sinks, Options.Create(new TransferOptions()), new TransferMetrics(_meters, new TsdbWriteQueue(1)), _time, NullLogger<TransferIngest>.Instance);

    private sealed class RecordingSink : ITransferSink
    {
        public bool Full { get; init; }

        public List<MetricSample> Received { get; } = [];

        public string Name => "recording";

        public bool TryAccept(IReadOnlyList<MetricSample> samples)
        {
            if (Full)
            {
                return false;
            }

            Received.AddRange(samples);
            return true;
        }
    }
}
