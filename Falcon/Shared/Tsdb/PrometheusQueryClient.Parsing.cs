using System.Globalization;
using System.Text.Json;

namespace Falcon.Shared.Tsdb;

internal sealed partial class PrometheusQueryClient
{
    private static readonly JsonElement EmptyArray = JsonElement.Parse("[]");

    private static PromQueryResult ParseQueryData(JsonElement data)
    {
        var resultType = data.TryGetProperty("resultType", out var type) ? type.GetString() ?? "" : "";
        if (!data.TryGetProperty("result", out var result))
        {
            throw new PrometheusQueryException("query answer has no result");
        }

        var series = new List<PromSeries>();
        switch (resultType)
        {
            case "vector":
                foreach (var item in Array(result))
                {
                    series.Add(new PromSeries(ParseLabels(item.GetProperty("metric")), [ParseSample(item.GetProperty("value"))]));
                }

                break;
            case "matrix":
                foreach (var item in Array(result))
                {
                    var samples = new List<PromSample>();
                    foreach (var value in Array(item.GetProperty("values")))
                    {
                        samples.Add(ParseSample(value));
                    }

                    series.Add(new PromSeries(ParseLabels(item.GetProperty("metric")), samples));
                }

                break;
            case "scalar":
                series.Add(new PromSeries(new Dictionary<string, string>(), [ParseSample(result)]));
                break;
            default:
                throw new PrometheusQueryException($"unsupported resultType '{resultType}'");
        }

        return new PromQueryResult(resultType, series);
    }

    private static Dictionary<string, string> ParseLabels(JsonElement labels)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (labels.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in labels.EnumerateObject())
            {
                result[label.Name] = label.Value.GetString() ?? "";
            }
        }

        return result;
    }

    // [1435781451.781, "1"]: seconds as a JSON number, the value as a string so NaN and infinities survive.
    private static PromSample ParseSample(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
        {
            throw new PrometheusQueryException($"a sample must be [time, \"value\"], got {pair.GetRawText()}");
        }

        return new PromSample(pair[0].GetDouble(), ParseValue(pair[1].GetString() ?? ""));
    }

    private static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PrometheusQueryException($"sample value '{text}' is not a number"),
    };

    private static List<string> Strings(JsonElement data)
    {
        var result = new List<string>();
        foreach (var item in Array(data))
        {
            result.Add(item.GetString() ?? "");
        }

        return result;
    }

    // A null data (VictoriaMetrics' empty series list can be null in some versions) reads as empty.
    private static JsonElement.ArrayEnumerator Array(JsonElement element) =>
        (element.ValueKind == JsonValueKind.Array ? element : EmptyArray).EnumerateArray();
}
