using System.Text;
using Falcon.Shared.Model;
using Falcon.Shared.Tsdb;
using Google.Protobuf;
using Snappier;

namespace Falcon.Tests.Shared.Tsdb;

public sealed class RemoteWriteEncoderTests
{
    [Test]
    public void Encode_OneSample_MatchesTheHandComputedWriteRequest()
    {
        var sample = Sample("h", "m", "", 1.0, timestamp: 1);

        using var bytes = RemoteWriteEncoder.Encode([sample]);

        byte[] expected =
        [
            0x0A, 0x42,                                            // WriteRequest.timeseries, 66 bytes
            0x0A, 0x0D, 0x0A, 0x08, .. Ascii("__name__"), 0x12, 0x01, .. Ascii("m"),
            0x0A, 0x14, 0x0A, 0x0B, .. Ascii("counterType"), 0x12, 0x05, .. Ascii("GAUGE"),
            0x0A, 0x0D, 0x0A, 0x08, .. Ascii("endpoint"), 0x12, 0x01, .. Ascii("h"),
            0x12, 0x0C,                                            // TimeSeries.samples, 12 bytes
            0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,  // value 1.0, little-endian double
            0x10, 0xE8, 0x07,                                      // timestamp 1000 ms
        ];
        Assert.That(bytes.Span.ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void EncodeCompressed_IsSnappyBlockFormat_AndDecodesBackToEverySeries()
    {
        MetricSample[] batch =
        [
            Sample("host-1", "disk.io.avgqu-sz", "device=sda", 0.25, 1_700_000_000),
            Sample("host-2", "net.if.in.bytes", "iface=eth0", 123456789012, 1_700_000_060, CounterType.Counter),
            Sample("host-3", "url.check.health", "url=http://x/y?a=b,timeout=3", -1.5e-300, 1_700_000_120),
        ];

        using var compressed = RemoteWriteEncoder.EncodeCompressed(batch);
        var decoded = Decode(Snappy.DecompressToArray(compressed.Span));

        Assert.That(decoded, Has.Count.EqualTo(batch.Length));
        for (int i = 0; i < batch.Length; i++)
        {
            var (labels, value, timestampMs) = decoded[i];
            Assert.Multiple(() =>
            {
                Assert.That(labels, Is.EqualTo(SeriesMapping.ToLabels(batch[i])));
                Assert.That(value, Is.EqualTo(batch[i].Value));
                Assert.That(timestampMs, Is.EqualTo(batch[i].Timestamp * 1000));
            });
        }
    }

    [Test]
    public void Encode_WideAndNonAsciiSeries_DecodesBackExactly()
    {
        // Multi-byte text, hex-encoded and empty tag keys, a series with more labels than fit on the stack, and a
        // 300-character metric (its lengths take two varint bytes): every size written must match what follows it.
        var manyTags = string.Join(",", Enumerable.Range(0, 20).Select(i => $"k{i:00}=v{i}"));
        MetricSample[] batch =
        [
            Sample("主机-1", "磁盘.使用率", "挂载点=/数据,dev ice=sda,empty=,=novalue", 99.5, 1_700_000_000),
            Sample("host-2", "m", manyTags, 1, 1_700_000_060, CounterType.Derive),
            Sample("host-3", new string('x', 300), "a=" + new string('é', 200), 0, 1),
        ];

        using var raw = RemoteWriteEncoder.Encode(batch);
        var decoded = Decode(raw.Span.ToArray());

        Assert.That(decoded, Has.Count.EqualTo(batch.Length));
        for (int i = 0; i < batch.Length; i++)
        {
            Assert.That(decoded[i].Labels, Is.EqualTo(SeriesMapping.ToLabels(batch[i])), $"series {i}");
        }
    }

    [Test]
    public void Encode_EmptyBatch_IsAnEmptyWriteRequest()
    {
        using var bytes = RemoteWriteEncoder.Encode([]);

        Assert.That(bytes.Length, Is.Zero);
    }

    internal static MetricSample Sample(string endpoint, string metric, string tags, double value, long timestamp, CounterType type = CounterType.Gauge) => new()
    {
        Endpoint = endpoint,
        Metric = metric,
        Tags = TagSet.Parse(tags),
        Value = value,
        Step = 60,
        CounterType = type,
        Timestamp = timestamp,
    };

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    // A minimal reader for the three messages of remote.proto, independent of the encoder.
    private static List<(List<KeyValuePair<string, string>> Labels, double Value, long TimestampMs)> Decode(byte[] request)
    {
        var result = new List<(List<KeyValuePair<string, string>>, double, long)>();
        var input = new CodedInputStream(request);
        while (!input.IsAtEnd)
        {
            Assert.That(input.ReadTag(), Is.EqualTo(0x0Au));
            var series = new CodedInputStream(input.ReadBytes().ToByteArray());
            var labels = new List<KeyValuePair<string, string>>();
            double value = double.NaN;
            long timestamp = -1;
            while (!series.IsAtEnd)
            {
                uint tag = series.ReadTag();
                var message = new CodedInputStream(series.ReadBytes().ToByteArray());
                if (tag == 0x0A)
                {
                    Assert.That(message.ReadTag(), Is.EqualTo(0x0Au));
                    var name = message.ReadString();
                    Assert.That(message.ReadTag(), Is.EqualTo(0x12u));
                    labels.Add(new(name, message.ReadString()));
                }
                else
                {
                    Assert.That(tag, Is.EqualTo(0x12u));
                    Assert.That(message.ReadTag(), Is.EqualTo(0x09u));
                    value = message.ReadDouble();
                    Assert.That(message.ReadTag(), Is.EqualTo(0x10u));
                    timestamp = message.ReadInt64();
                }
            }

            result.Add((labels, value, timestamp));
        }

        return result;
    }
}
