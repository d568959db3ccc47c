using System.Text.Json;

namespace Falcon.Roles.ApiProxy.Prometheus;

/// <summary>
/// Merges the `data` of several datacenters' Prometheus answers into one. Series lists are concatenated; a series
/// whose labels come back from more than one datacenter gets a `datacenter` label on each copy, so none hides another
/// (the same aggregate computed in two datacenters, or a host that moved). Label lists are unioned and sorted.
/// </summary>
internal static class PromMerge
{
    public const string DatacenterLabel = "datacenter";

    /// <summary>Writes the merged `data` of a query or query_range; returns the number of series written.</summary>
    public static int WriteQueryData(Utf8JsonWriter writer, IReadOnlyList<(string Datacenter, JsonElement Data)> answers, List<string> warnings, int maxSeries)
    {
        var resultType = answers.Select(a => a.Data.TryGetProperty("resultType", out var t) ? t.GetString() : null).FirstOrDefault(t => t is not null) ?? "vector";
        if (resultType is "scalar" or "string")
        {
            writer.WriteStartObject();
            writer.WriteString("resultType", resultType);
            writer.WritePropertyName("result");
            // One value per datacenter cannot be told apart: the first is answered, and a difference is said.
            var first = answers[0].Data.GetProperty("result");
            if (answers.Skip(1).Any(a => a.Data.GetProperty("result").GetRawText() != first.GetRawText()))
            {
                warnings.Add($"the {resultType} result differs between datacenters; this is {answers[0].Datacenter}'s");
            }

            first.WriteTo(writer);
            writer.WriteEndObject();
            return 1;
        }

        var all = new List<(string Datacenter, JsonElement Series, string Key)>();
        foreach (var (dc, data) in answers)
        {
            if (!data.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var series in result.EnumerateArray())
            {
                all.Add((dc, series, LabelKey(series.TryGetProperty("metric", out var m) ? m : default)));
                if (all.Count > maxSeries)
                {
                    throw new PromLimitException($"the query returns more than apiproxy.maxSeries ({maxSeries}) series over all datacenters; narrow the selector");
                }
            }
        }

        writer.WriteStartObject();
        writer.WriteString("resultType", resultType);
        writer.WritePropertyName("result");
        var counts = all.GroupBy(s => s.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(s => s.Datacenter).Distinct().Count(), StringComparer.Ordinal);
        writer.WriteStartArray();
        foreach (var (dc, series, key) in all)
        {
            if (counts[key] < 2)
            {
                series.WriteTo(writer);
                continue;
            }

            writer.WriteStartObject();
            foreach (var property in series.EnumerateObject())
            {
                if (property.NameEquals("metric"))
                {
                    writer.WriteStartObject("metric");
                    foreach (var label in property.Value.EnumerateObject())
                    {
                        if (!label.NameEquals(DatacenterLabel))
                        {
                            label.WriteTo(writer);
                        }
                    }

                    writer.WriteString(DatacenterLabel, dc);
                    writer.WriteEndObject();
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        return all.Count;
    }

    /// <summary>Writes the union of the label sets of /api/v1/series, each once.</summary>
    public static void WriteSeries(Utf8JsonWriter writer, IEnumerable<JsonElement> answers, int maxSeries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartArray();
        foreach (var data in answers.Where(d => d.ValueKind == JsonValueKind.Array))
        {
            foreach (var labels in data.EnumerateArray())
            {
                if (seen.Add(LabelKey(labels)))
                {
                    if (seen.Count > maxSeries)
                    {
                        throw new PromLimitException($"more than apiproxy.maxSeries ({maxSeries}) series match over all datacenters; narrow the selector or the time range");
                    }

                    labels.WriteTo(writer);
                }
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the sorted union of string lists (/api/v1/labels, /api/v1/label/&lt;name&gt;/values).</summary>
    public static void WriteStrings(Utf8JsonWriter writer, IEnumerable<JsonElement> answers)
    {
        var union = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var data in answers.Where(d => d.ValueKind == JsonValueKind.Array))
        {
            union.UnionWith(data.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }

        writer.WriteStartArray();
        foreach (var value in union)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the union of /api/v1/metadata objects: metric → its distinct entries from every datacenter.</summary>
    public static void WriteMetadata(Utf8JsonWriter writer, IEnumerable<JsonElement> answers)
    {
        var merged = new SortedDictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (var data in answers.Where(d => d.ValueKind == JsonValueKind.Object))
        {
            foreach (var metric in data.EnumerateObject())
            {
                if (!merged.TryGetValue(metric.Name, out var list))
                {
                    merged[metric.Name] = list = [];
                }

                foreach (var entry in metric.Value.ValueKind == JsonValueKind.Array ? metric.Value.EnumerateArray() : default)
                {
                    if (!list.Any(e => e.GetRawText() == entry.GetRawText()))
                    {
                        list.Add(entry);
                    }
                }
            }
        }

        writer.WriteStartObject();
        foreach (var (name, entries) in merged)
        {
            writer.WriteStartArray(name);
            entries.ForEach(e => e.WriteTo(writer));
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    // Label sets compare by their sorted name=value pairs, whatever order the TSDB wrote them in.
    private static string LabelKey(JsonElement labels) =>
        labels.ValueKind != JsonValueKind.Object
            ? ""
            : string.Join('\u0001', labels.EnumerateObject()
                .Where(l => !l.NameEquals(DatacenterLabel))
                .Select(l => l.Name + "\u0002" + l.Value.GetString())
                .Order(StringComparer.Ordinal));
}
