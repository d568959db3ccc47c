using System.Buffers;
using System.Text;
using System.Text.Json;
using Falcon.Shared.Judging;
using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Judging;

public sealed class JudgeItemJsonTests
{
    [Test]
    public void WriteThenRead_KeepsEveryField_WithGosFieldNames()
    {
        JudgeItem[] items =
        [
            new("web-01", "cpu.busy", TagSet.Empty, 95.5, 1_700_000_040, CounterType.Gauge),
            new("web-02", "net.if.in.bytes", TagSet.Parse("iface=eth0,dc=bj"), 12345, 1_700_000_100, CounterType.Counter),
        ];

        var json = Write(items);
        var read = JudgeItemJson.ReadArray(JsonDocument.Parse(json).RootElement, out var invalid, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(json, Does.StartWith("""[{"endpoint":"web-01","metric":"cpu.busy","value":95.5,"timestamp":1700000040,"judgeType":"GAUGE","tags":{}}"""));
            Assert.That(invalid, Is.Zero, error);
            Assert.That(read, Is.EqualTo(items));
        });
    }

    [Test]
    public void Read_SkipsAndCountsBadItems_AndKeepsTheGoodOnes()
    {
        const string json = """
            [{"endpoint":"a","metric":"m","value":1,"timestamp":60,"judgeType":"GAUGE","tags":null},
             {"endpoint":"","metric":"m","value":1,"timestamp":60,"judgeType":"GAUGE"},
             {"endpoint":"a","metric":"m","value":"1","timestamp":60,"judgeType":"GAUGE"},
             {"endpoint":"a","metric":"m","value":1,"timestamp":60,"judgeType":"gauge"},
             {"endpoint":"a","metric":"m","value":1,"timestamp":60,"judgeType":"GAUGE","tags":{"k":1}},
             42,
             {"endpoint":"b","metric":"m","value":2,"timestamp":120,"judgeType":"DERIVE"}]
            """;

        var read = JudgeItemJson.ReadArray(JsonDocument.Parse(json).RootElement, out var invalid, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(read.Select(i => i.Endpoint), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(read[1].JudgeType, Is.EqualTo(CounterType.Derive));
            Assert.That(invalid, Is.EqualTo(5));
            Assert.That(error, Does.StartWith("item 1: endpoint and metric"));
        });
    }

    [Test]
    public void Read_OfSomethingOtherThanAnArray_SaysWhatItWanted()
    {
        var ex = Assert.Throws<FormatException>(() => JudgeItemJson.ReadArray(JsonDocument.Parse("""{"a":1}""").RootElement, out _, out _));

        Assert.That(ex!.Message, Does.Contain("JSON array"));
    }

    [Test]
    public void From_AppliesTheStepRule_AsTransfersSenderDoes()
    {
        var sample = new MetricSample
        {
            Endpoint = "e",
            Metric = "m",
            Tags = TagSet.Empty,
            Value = 1,
            Step = 10,
            CounterType = CounterType.Gauge,
            Timestamp = 1_700_000_047,
        };

        Assert.That(JudgeItem.From(sample, minStep: 30).Timestamp, Is.EqualTo(1_700_000_040));
    }

    private static string Write(IReadOnlyList<JudgeItem> items)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JudgeItemJson.WriteArray(writer, items);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
