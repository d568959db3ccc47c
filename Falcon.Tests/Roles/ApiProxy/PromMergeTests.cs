using System.Text;
using System.Text.Json;
using Falcon.Roles.ApiProxy.Prometheus;

namespace Falcon.Tests.Roles.ApiProxy;

public sealed class PromMergeTests
{
    [Test]
    public void WriteQueryData_LabelsOnlyTheSeriesThatComeFromSeveralDatacenters()
    {
        var dc1 = Data("""{"resultType":"vector","result":[{"metric":{"endpoint":"a"},"value":[1,"1"]},{"metric":{},"value":[1,"5"]}]}""");
        var dc2 = Data("""{"resultType":"vector","result":[{"metric":{"endpoint":"b"},"value":[1,"2"]},{"metric":{},"value":[1,"7"]}]}""");

        var (json, warnings) = Merge([("dc1", dc1), ("dc2", dc2)], 100);

        Assert.That(json, Is.EqualTo("""{"resultType":"vector","result":[{"metric":{"endpoint":"a"},"value":[1,"1"]},{"metric":{"datacenter":"dc1"},"value":[1,"5"]},{"metric":{"endpoint":"b"},"value":[1,"2"]},{"metric":{"datacenter":"dc2"},"value":[1,"7"]}]}"""));
        Assert.That(warnings, Is.Empty);
    }

    [Test]
    public void WriteQueryData_BeyondMaxSeries_Throws()
    {
        var dc1 = Data("""{"resultType":"vector","result":[{"metric":{"endpoint":"a"},"value":[1,"1"]},{"metric":{"endpoint":"b"},"value":[1,"1"]}]}""");

        Assert.Throws<PromLimitException>(() => Merge([("dc1", dc1)], 1));
    }

    [Test]
    public void WriteQueryData_OfDifferentScalars_AnswersTheFirstAndWarns()
    {
        var (json, warnings) = Merge([("dc1", Data("""{"resultType":"scalar","result":[1,"1"]}""")), ("dc2", Data("""{"resultType":"scalar","result":[1,"2"]}"""))], 10);

        Assert.That(json, Is.EqualTo("""{"resultType":"scalar","result":[1,"1"]}"""));
        Assert.That(warnings.Single(), Does.Contain("dc1"));
    }

    private static JsonElement Data(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static (string Json, List<string> Warnings) Merge((string, JsonElement)[] answers, int maxSeries)
    {
        var warnings = new List<string>();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            PromMerge.WriteQueryData(writer, answers, warnings, maxSeries);
        }

        return (Encoding.UTF8.GetString(stream.ToArray()), warnings);
    }
}
