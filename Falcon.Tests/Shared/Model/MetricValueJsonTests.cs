using System.Text;
using System.Text.Json;
using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Model;

public sealed class MetricValueJsonTests
{
    private const string GoodItem =
        """{"endpoint":"h1","metric":"cpu.idle","value":99.5,"step":60,"counterType":"GAUGE","tags":"","timestamp":1700000000}""";

    [Test]
    public void ReadArray_ReadsEveryField()
    {
        var items = Read(
            """[{"endpoint":"h1","metric":"df.bytes.free","value":12,"step":60,"counterType":"GAUGE","tags":"mount=/,fstype=ext4","timestamp":1700000000}]""");

        var item = items.Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(item.Endpoint, Is.EqualTo("h1"));
            Assert.That(item.Metric, Is.EqualTo("df.bytes.free"));
            Assert.That(item.Value, Is.EqualTo(MetricRawValue.FromNumber(12)));
            Assert.That(item.Step, Is.EqualTo(60));
            Assert.That(item.CounterType, Is.EqualTo("GAUGE"));
            Assert.That(item.Tags, Is.EqualTo("mount=/,fstype=ext4"));
            Assert.That(item.Timestamp, Is.EqualTo(1_700_000_000));
            Assert.That(item.DecodeError, Is.Null);
        });
    }

    [Test]
    public void ReadArray_WhenOneItemHasWrongTypes_StillReadsTheOthers()
    {
        var items = Read($$"""
            [{{GoodItem}},
             {"endpoint":42,"metric":"m","value":1,"step":"60","counterType":"GAUGE","timestamp":1.5},
             {"endpoint":"h2","metric":"mem.memfree","value":"1024","step":60,"counterType":"GAUGE"}]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Count.EqualTo(3));
            Assert.That(items[0]!.DecodeError, Is.Null);
            Assert.That(items[1]!.DecodeError, Is.EqualTo("endpoint is not a string"));
            Assert.That(items[2]!.DecodeError, Is.Null);
            Assert.That(items[2]!.Endpoint, Is.EqualTo("h2"));
            Assert.That(items[2]!.Value, Is.EqualTo(MetricRawValue.FromString("1024")));
        });
    }

    [TestCase("""{"value":1.25}""", nameof(MetricValueKind.Number))]
    [TestCase("""{"value":"12.5"}""", nameof(MetricValueKind.String))]
    [TestCase("""{"value":true}""", nameof(MetricValueKind.True))]
    [TestCase("""{"value":false}""", nameof(MetricValueKind.False))]
    [TestCase("""{"value":null}""", nameof(MetricValueKind.Null))]
    [TestCase("""{}""", nameof(MetricValueKind.Missing))]
    [TestCase("""{"value":{"a":[1]}}""", nameof(MetricValueKind.Other))]
    [TestCase("""{"value":[1,2]}""", nameof(MetricValueKind.Other))]
    public void ReadArray_KeepsTheValueKind(string item, string kind)
    {
        var read = Read("[" + item + "]").Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(read.Value.Kind, Is.EqualTo(Enum.Parse<MetricValueKind>(kind)));
            Assert.That(read.DecodeError, Is.Null);
        });
    }

    [Test]
    public void ReadArray_WhenElementIsNull_YieldsNull()
    {
        var items = Read($"[null,{GoodItem}]");

        Assert.Multiple(() =>
        {
            Assert.That(items[0], Is.Null);
            Assert.That(items[1], Is.Not.Null);
        });
    }

    [TestCase("5")]
    [TestCase("\"text\"")]
    [TestCase("[1,{\"a\":2}]")]
    [TestCase("true")]
    public void ReadArray_WhenElementIsNotAnObject_YieldsItemWithDecodeError(string element)
    {
        var items = Read($"[{element},{GoodItem}]");

        Assert.Multiple(() =>
        {
            Assert.That(items[0]!.DecodeError, Is.EqualTo("item is not a JSON object"));
            Assert.That(items[1]!.Metric, Is.EqualTo("cpu.idle"));
        });
    }

    [Test]
    public void ReadArray_MatchesFieldNamesCaseInsensitively()
    {
        var item = Read(
            """[{"Endpoint":"h1","METRIC":"m","Value":1,"STEP":60,"countertype":"GAUGE","Tags":"a=1","TimeStamp":5}]""").Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(item.Endpoint, Is.EqualTo("h1"));
            Assert.That(item.Metric, Is.EqualTo("m"));
            Assert.That(item.Value.Kind, Is.EqualTo(MetricValueKind.Number));
            Assert.That(item.Step, Is.EqualTo(60));
            Assert.That(item.CounterType, Is.EqualTo("GAUGE"));
            Assert.That(item.Tags, Is.EqualTo("a=1"));
            Assert.That(item.Timestamp, Is.EqualTo(5));
        });
    }

    [Test]
    public void ReadArray_FoldsNamesAsGoDoes_IncludingEscapesAndUnicodeFolds()
    {
        // "\u0065ndpoint" is an escaped "endpoint"; U+017F (long s) and U+212A (Kelvin) fold to s and k in Go.
        var item = Read("[{\"\\u0065ndpoint\":\"h1\",\"\u017Ftep\":30,\"counterType\":\"GAUGE\",\"metric\":\"m\",\"tag\u017F\":\"\u212A=v\"}]").Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(item.Endpoint, Is.EqualTo("h1"));
            Assert.That(item.Step, Is.EqualTo(30));
            Assert.That(item.Tags, Is.EqualTo("\u212A=v"));
        });
    }

    [Test]
    public void ReadArray_WhenFieldRepeated_LastValueWins()
    {
        var item = Read("""[{"metric":"a","Metric":"b","step":1,"step":2}]""").Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(item.Metric, Is.EqualTo("b"));
            Assert.That(item.Step, Is.EqualTo(2));
        });
    }

    [Test]
    public void ReadArray_WhenFieldIsNull_LeavesItAsGoDoes()
    {
        var item = Read("""[{"endpoint":"h1","endpoint":null,"step":null,"tags":null}]""").Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(item.Endpoint, Is.EqualTo("h1"));
            Assert.That(item.Step, Is.Zero);
            Assert.That(item.Tags, Is.Empty);
            Assert.That(item.DecodeError, Is.Null);
        });
    }

    [TestCase("""{"step":60.0}""", "step is not an integer")]
    [TestCase("""{"step":6e1}""", "step is not an integer")]
    [TestCase("""{"step":"60"}""", "step is not an integer")]
    [TestCase("""{"step":9223372036854775808}""", "step is not an integer")]
    [TestCase("""{"timestamp":"1700000000"}""", "timestamp is not an integer")]
    [TestCase("""{"timestamp":true}""", "timestamp is not an integer")]
    [TestCase("""{"metric":["m"]}""", "metric is not a string")]
    [TestCase("""{"tags":{"a":"1"}}""", "tags is not a string")]
    [TestCase("""{"counterType":1}""", "counterType is not a string")]
    [TestCase("""{"value":1e400}""", "value is out of the float64 range")]
    public void ReadArray_WhenFieldHasWrongType_SetsDecodeError(string item, string error)
    {
        Assert.That(Read("[" + item + "]").Single()!.DecodeError, Is.EqualTo(error));
    }

    [Test]
    public void ReadArray_WhenSeveralFieldsWrong_KeepsFirstError()
    {
        var item = Read("""[{"step":"x","endpoint":1}]""").Single()!;

        Assert.That(item.DecodeError, Is.EqualTo("step is not an integer"));
    }

    [Test]
    public void ReadArray_SkipsUnknownFields()
    {
        var item = Read("""[{"extra":{"deep":[1,{"x":null}]},"endpoint":"h1","counterTypeX":"no","metric":"m"}]""").Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(item.Endpoint, Is.EqualTo("h1"));
            Assert.That(item.Metric, Is.EqualTo("m"));
            Assert.That(item.CounterType, Is.Empty);
            Assert.That(item.DecodeError, Is.Null);
        });
    }

    [Test]
    public void ReadArray_WhenStringHasInvalidUtf8_ReplacesItAsGoDoes()
    {
        byte[] json = [.. "[{\"endpoint\":\"h"u8, 0xFF, .. "\"}]"u8];

        var item = MetricValueJson.ReadArray(json).Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(item.Endpoint, Is.EqualTo("h\uFFFD"));
            Assert.That(item.DecodeError, Is.Null);
        });
    }

    [Test]
    public void ReadArray_WhenStringHasEscapedLoneSurrogate_SetsDecodeError()
    {
        var item = Read("""[{"endpoint":"h\ud800"}]""").Single()!;

        Assert.That(item.DecodeError, Is.EqualTo("endpoint is not valid text"));
    }

    [Test]
    public void ReadArray_DecodesEscapedStrings()
    {
        var item = Read("""[{"tags":"path=C:\\data,name=\u0041"}]""").Single()!;

        Assert.That(item.Tags, Is.EqualTo("path=C:\\data,name=A"));
    }

    [Test]
    public void ReadArray_WhenItemsRepeatAnEndpoint_SharesOneStringAndKeepsEachValue()
    {
        var items = Read(
            """[{"endpoint":"web-01"},{"endpoint":"web-01"},{"endpoint":"web-0"},{"endpoint":"web-01x"},{"endpoint":"web\u002D01"},{"endpoint":null},{"endpoint":"web-01"},{"endpoint":5}]""");

        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i!.Endpoint), Is.EqualTo((string[])["web-01", "web-01", "web-0", "web-01x", "web-01", "", "web-01", ""]));
            Assert.That(items[0]!.Endpoint, Is.SameAs(items[1]!.Endpoint));
            Assert.That(items[7]!.DecodeError, Is.EqualTo("endpoint is not a string"));
        });
    }

    [Test]
    public void ReadArray_WhenAFieldNameDiffersOnlyInCase_StillMatchesIt()
    {
        // The exact-bytes match is only a shortcut: names Go folds onto a field still reach it.
        var item = Read("""[{"Endpoint":"h","METRIC":"m","counterType":"GAUGE","CounterType":"COUNTER","ſtep":30}]""").Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(item.Endpoint, Is.EqualTo("h"));
            Assert.That(item.Metric, Is.EqualTo("m"));
            Assert.That(item.CounterType, Is.EqualTo("COUNTER"));
            Assert.That(item.Step, Is.EqualTo(30));
        });
    }

    [TestCase("[")]
    [TestCase("[{\"endpoint\":}]")]
    [TestCase("[{\"endpoint\":\"h1\"]")]
    [TestCase("[1,]")]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("nope")]
    public void ReadArray_WhenJsonMalformed_Throws(string json)
    {
        Assert.That(() => Read(json), Throws.InstanceOf<JsonException>());
    }

    [TestCase("{}")]
    [TestCase("5")]
    [TestCase("\"[]\"")]
    public void ReadArray_WhenNotAnArray_Throws(string json)
    {
        Assert.That(() => Read(json), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void ReadArray_WhenNull_IsEmptyBatch()
    {
        Assert.That(Read("null"), Is.Empty);
    }

    [Test]
    public void ReadArray_IgnoresContentAfterTheArray()
    {
        Assert.That(Read($"[{GoodItem}] trailing"), Has.Count.EqualTo(1));
    }

    [Test]
    public void ReadArray_FromJsonRpcParamsElement_ReadsItems()
    {
        using var document = JsonDocument.Parse($$"""{"method":"Transfer.Update","params":[[{{GoodItem}},null]],"id":0}""");
        var parameter = document.RootElement.GetProperty("params")[0];

        var items = MetricValueJson.ReadArray(parameter);

        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Count.EqualTo(2));
            Assert.That(items[0]!.Metric, Is.EqualTo("cpu.idle"));
            Assert.That(items[1], Is.Null);
        });
    }

    [Test]
    public void Deserialize_ThroughContext_IsTolerantPerItem()
    {
        var items = JsonSerializer.Deserialize($$"""[{{GoodItem}},{"step":"x"},null]""", ModelJsonContext.Default.ListMetricValue)!;

        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Count.EqualTo(3));
            Assert.That(items[0].Metric, Is.EqualTo("cpu.idle"));
            Assert.That(items[1].DecodeError, Is.EqualTo("step is not an integer"));
            Assert.That(items[2], Is.Null);
        });
    }

    [Test]
    public void Serialize_WritesLowercaseFieldsInGoOrder()
    {
        List<MetricValue> items =
        [
            new() { Endpoint = "h1", Metric = "cpu.idle", Value = MetricRawValue.FromNumber(100), Step = 60, CounterType = "GAUGE", Tags = "a=1", Timestamp = 1_700_000_000 },
            new() { Endpoint = "h1", Metric = "x", Value = MetricRawValue.FromString("12.5"), Step = 60, CounterType = "COUNTER" },
        ];

        string json = JsonSerializer.Serialize(items, ModelJsonContext.Default.ListMetricValue);

        Assert.That(json, Is.EqualTo(
            """[{"endpoint":"h1","metric":"cpu.idle","value":100,"step":60,"counterType":"GAUGE","tags":"a=1","timestamp":1700000000},"""
            + """{"endpoint":"h1","metric":"x","value":"12.5","step":60,"counterType":"COUNTER","tags":"","timestamp":0}]"""));
    }

    [TestCase(nameof(MetricValueKind.True), "true")]
    [TestCase(nameof(MetricValueKind.False), "false")]
    [TestCase(nameof(MetricValueKind.Null), "null")]
    [TestCase(nameof(MetricValueKind.Missing), "null")]
    [TestCase(nameof(MetricValueKind.Other), "null")]
    public void Serialize_WritesNonNumericValueKinds(string kind, string expected)
    {
        var value = Enum.Parse<MetricValueKind>(kind) switch
        {
            MetricValueKind.True => MetricRawValue.FromBoolean(true),
            MetricValueKind.False => MetricRawValue.FromBoolean(false),
            MetricValueKind.Null => MetricRawValue.Null,
            MetricValueKind.Other => MetricRawValue.Other,
            _ => MetricRawValue.Missing,
        };

        string json = JsonSerializer.Serialize(new MetricValue { Value = value }, ModelJsonContext.Default.MetricValue);

        Assert.That(json, Does.Contain("\"value\":" + expected + ","));
    }

    [Test]
    public void Serialize_ThenRead_RoundTrips()
    {
        var original = new MetricValue
        {
            Endpoint = "主机",
            Metric = "disk.io.util",
            Value = MetricRawValue.FromNumber(0.1),
            Step = 30,
            CounterType = "DERIVE",
            Tags = "device=sda",
            Timestamp = 42,
        };

        byte[] json = JsonSerializer.SerializeToUtf8Bytes(original, ModelJsonContext.Default.MetricValue);
        var read = MetricValueJson.ReadArray([(byte)'[', .. json, (byte)']']).Single()!;

        Assert.Multiple(() =>
        {
            Assert.That(read.Endpoint, Is.EqualTo(original.Endpoint));
            Assert.That(read.Metric, Is.EqualTo(original.Metric));
            Assert.That(read.Value, Is.EqualTo(original.Value));
            Assert.That(read.Step, Is.EqualTo(original.Step));
            Assert.That(read.CounterType, Is.EqualTo(original.CounterType));
            Assert.That(read.Tags, Is.EqualTo(original.Tags));
            Assert.That(read.Timestamp, Is.EqualTo(original.Timestamp));
        });
    }

    private static List<MetricValue?> Read(string json) => MetricValueJson.ReadArray(Encoding.UTF8.GetBytes(json));
}
