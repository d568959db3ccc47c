using System.Text.Json;
using Falcon.Shared.Model;

namespace Falcon.Shared.Judging;

/// <summary>
/// JudgeItem arrays as JSON, with Go's JudgeItem field names (<c>endpoint, metric, value, timestamp, judgeType, tags</c>),
/// written and read by hand: this runs for every point transfer routes to a judge.
/// </summary>
internal static class JudgeItemJson
{
    public static void WriteArray(Utf8JsonWriter writer, IReadOnlyList<JudgeItem> items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        writer.WriteStartArray();
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writer.WriteString("endpoint"u8, item.Endpoint);
            writer.WriteString("metric"u8, item.Metric);
            writer.WriteNumber("value"u8, item.Value);
            writer.WriteNumber("timestamp"u8, item.Timestamp);
            writer.WriteString("judgeType"u8, item.JudgeType.ToWireString());
            writer.WriteStartObject("tags"u8);
            foreach (var (key, value) in item.Tags)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Reads an array of items; an item that is not a well-formed JudgeItem is skipped and counted, never the whole batch.
    /// <paramref name="firstError"/> says what was wrong with the first skipped item.
    /// </summary>
    /// <exception cref="FormatException"><paramref name="array"/> is not a JSON array.</exception>
    public static List<JudgeItem> ReadArray(JsonElement array, out int invalid, out string? firstError)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"Judge.Send takes a JSON array of items, got {array.ValueKind}");
        }

        var items = new List<JudgeItem>(array.GetArrayLength());
        invalid = 0;
        firstError = null;
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (TryRead(element, out var item, out var error))
            {
                items.Add(item);
            }
            else
            {
                invalid++;
                firstError ??= $"item {index}: {error}";
            }

            index++;
        }

        return items;
    }

    private static bool TryRead(JsonElement element, out JudgeItem item, out string error)
    {
        item = null!;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "not a JSON object";
            return false;
        }

        string? endpoint = null, metric = null, judgeType = null;
        double? value = null;
        long? timestamp = null;
        var tags = TagSet.Empty;
        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "endpoint":
                    endpoint = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "metric":
                    metric = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "judgeType":
                    judgeType = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    break;
                case "value":
                    value = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var v) && double.IsFinite(v) ? v : null;
                    break;
                case "timestamp":
                    timestamp = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var t) ? t : null;
                    break;
                case "tags":
                    if (!TryReadTags(property.Value, out tags))
                    {
                        error = "tags must be an object of strings";
                        return false;
                    }

                    break;
            }
        }

        if (string.IsNullOrEmpty(endpoint) || string.IsNullOrEmpty(metric))
        {
            error = "endpoint and metric must be non-empty strings";
            return false;
        }

        if (value is null || timestamp is null)
        {
            error = "value must be a finite number and timestamp an integer";
            return false;
        }

        if (!CounterTypes.TryParse(judgeType, out var type))
        {
            error = $"judgeType must be GAUGE, COUNTER or DERIVE, got '{judgeType}'";
            return false;
        }

        item = new JudgeItem(endpoint, metric, tags, value.Value, timestamp.Value, type);
        error = "";
        return true;
    }

    private static bool TryReadTags(JsonElement element, out TagSet tags)
    {
        tags = TagSet.Empty;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            pairs.Add(new(property.Name, property.Value.GetString()!));
        }

        tags = pairs.Count == 0 ? TagSet.Empty : TagSet.From(pairs);
        return true;
    }
}
