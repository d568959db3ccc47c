using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Falcon.Shared.Model;

/// <summary>Reads and writes <see cref="MetricValue"/> in open-falcon's push format, one item at a time and without ever failing on a field's type.</summary>
internal sealed class MetricValueJsonConverter : JsonConverter<MetricValue>
{
    // Escapes take up to six bytes a character, so a longer raw name cannot fold to "counterType".
    private const int MaxRawNameBytes = 11 * 6;

    private enum Field
    {
        Unknown,
        Endpoint,
        Metric,
        Value,
        Step,
        CounterType,
        Tags,
        Timestamp,
    }

    public override MetricValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var endpoints = default(RepeatedText);
        return ReadItem(ref reader, ref endpoints);
    }

    public override void Write(Utf8JsonWriter writer, MetricValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("endpoint"u8, value.Endpoint);
        writer.WriteString("metric"u8, value.Metric);
        writer.WritePropertyName("value"u8);
        WriteValue(writer, value.Value);
        writer.WriteNumber("step"u8, value.Step);
        writer.WriteString("counterType"u8, value.CounterType);
        writer.WriteString("tags"u8, value.Tags);
        writer.WriteNumber("timestamp"u8, value.Timestamp);
        writer.WriteEndObject();
    }

    /// <summary>Reads the item at the reader's current token (not a JSON null) and leaves the reader on the item's last token.</summary>
    /// <param name="reader">The reader, on the item's first token.</param>
    /// <param name="endpoints">The endpoint text of the previous item of the batch, reused when this item repeats it.</param>
    internal static MetricValue ReadItem(ref Utf8JsonReader reader, ref RepeatedText endpoints)
    {
        // Go's decoder fails a whole batch when one field has the wrong type; here that item gets a DecodeError
        // instead and counts as invalid, so one bad plugin cannot drop every other metric of the push.
        // Malformed JSON still throws JsonException: past it there is no telling where the next item starts.
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new MetricValue { DecodeError = "item is not a JSON object" };
        }

        string endpoint = "", metric = "", counterType = "", tags = "";
        long step = 0, timestamp = 0;
        var value = MetricRawValue.Missing;
        string? error = null;

        // As in Go, a repeated field takes its last value and a JSON null leaves a field as it was.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Field field = MatchField(ref reader);
            reader.Read();
            switch (field)
            {
                case Field.Endpoint:
                    // An agent pushes one endpoint for a whole batch: one string for all of its items.
                    if (!endpoints.TryReuse(ref reader, ref endpoint))
                    {
                        ReadString(ref reader, "endpoint", ref endpoint, ref error);
                        endpoints.Remember(ref reader, endpoint);
                    }

                    break;
                case Field.Metric:
                    ReadString(ref reader, "metric", ref metric, ref error);
                    break;
                case Field.Value:
                    value = ReadValue(ref reader, value, ref error);
                    break;
                case Field.Step:
                    ReadInt64(ref reader, "step", ref step, ref error);
                    break;
                case Field.CounterType:
                    if (!TryReadKnownCounterType(ref reader, ref counterType))
                    {
                        ReadString(ref reader, "counterType", ref counterType, ref error);
                    }

                    break;
                case Field.Tags:
                    ReadString(ref reader, "tags", ref tags, ref error);
                    break;
                case Field.Timestamp:
                    ReadInt64(ref reader, "timestamp", ref timestamp, ref error);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new MetricValue
        {
            Endpoint = endpoint,
            Metric = metric,
            Value = value,
            Step = step,
            CounterType = counterType,
            Tags = tags,
            Timestamp = timestamp,
            DecodeError = error,
        };
    }

    private static Field MatchField(ref Utf8JsonReader reader)
    {
        // Agents send the names exactly as Go writes them: compare the raw bytes first, fold only otherwise.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var exact = ExactField(reader.ValueSpan);
            if (exact != Field.Unknown)
            {
                return exact;
            }
        }

        long rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > MaxRawNameBytes)
        {
            return Field.Unknown;
        }

        Span<char> name = stackalloc char[MaxRawNameBytes];
        int length;
        try
        {
            length = reader.CopyString(name);
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8: Go turns it into U+FFFD, which matches no field either.
            return Field.Unknown;
        }

        return Fold(name[..length]);
    }

    private static Field ExactField(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("tags"u8) => Field.Tags,
        4 when name.SequenceEqual("step"u8) => Field.Step,
        5 when name.SequenceEqual("value"u8) => Field.Value,
        6 when name.SequenceEqual("metric"u8) => Field.Metric,
        8 when name.SequenceEqual("endpoint"u8) => Field.Endpoint,
        9 when name.SequenceEqual("timestamp"u8) => Field.Timestamp,
        11 when name.SequenceEqual("counterType"u8) => Field.CounterType,
        _ => Field.Unknown,
    };

    // Go's encoding/json matches names case-insensitively by folding each rune to ToUpper(ToLower(r)),
    // which also maps four non-ASCII letters onto ASCII ones ("ſtep" is "step" to Go).
    private static Field Fold(ReadOnlySpan<char> name)
    {
        Span<char> folded = stackalloc char[11];
        if (name.Length > folded.Length)
        {
            return Field.Unknown;
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            char f = c switch
            {
                >= 'a' and <= 'z' => c,
                >= 'A' and <= 'Z' => (char)(c + ('a' - 'A')),
                '\u017F' => 's', // LATIN SMALL LETTER LONG S
                '\u0130' or '\u0131' => 'i', // LATIN CAPITAL LETTER I WITH DOT ABOVE, LATIN SMALL LETTER DOTLESS I
                '\u212A' => 'k', // KELVIN SIGN
                _ => '\0',
            };
            if (f == '\0')
            {
                return Field.Unknown;
            }

            folded[i] = f;
        }

        return (ReadOnlySpan<char>)folded[..name.Length] switch
        {
            "endpoint" => Field.Endpoint,
            "metric" => Field.Metric,
            "value" => Field.Value,
            "step" => Field.Step,
            "countertype" => Field.CounterType,
            "tags" => Field.Tags,
            "timestamp" => Field.Timestamp,
            _ => Field.Unknown,
        };
    }

    private static void ReadString(ref Utf8JsonReader reader, string name, ref string field, ref string? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                string? text = GetText(ref reader);
                if (text is null)
                {
                    error ??= name + " is not valid text";
                }
                else
                {
                    field = text;
                }

                break;
            case JsonTokenType.Null:
                break;
            default:
                error ??= name + " is not a string";
                reader.Skip();
                break;
        }
    }

    private static void ReadInt64(ref Utf8JsonReader reader, string name, ref long field, ref string? error)
    {
        switch (reader.TokenType)
        {
            // Like Go's int64 fields: an integer literal in range; "60.0", "6e1" and "60" (a string) are errors.
            case JsonTokenType.Number when reader.TryGetInt64(out long number):
                field = number;
                break;
            case JsonTokenType.Null:
                break;
            default:
                error ??= name + " is not an integer";
                reader.Skip();
                break;
        }
    }

    private static MetricRawValue ReadValue(ref Utf8JsonReader reader, MetricRawValue current, ref string? error)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                // Go decodes a number into interface{} as float64 and rejects one out of its range.
                if (reader.TryGetDouble(out double number) && double.IsFinite(number))
                {
                    return MetricRawValue.FromNumber(number);
                }

                error ??= "value is out of the float64 range";
                return current;
            case JsonTokenType.String:
                string? text = GetText(ref reader);
                if (text is null)
                {
                    error ??= "value is not valid text";
                    return current;
                }

                return MetricRawValue.FromString(text);
            case JsonTokenType.True:
                return MetricRawValue.FromBoolean(true);
            case JsonTokenType.False:
                return MetricRawValue.FromBoolean(false);
            case JsonTokenType.Null:
                return MetricRawValue.Null;
            default:
                reader.Skip();
                return MetricRawValue.Other;
        }
    }

    // Nearly every item carries one of three counter types; returning the constants saves a string each.
    private static bool TryReadKnownCounterType(ref Utf8JsonReader reader, ref string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        string? known = reader.ValueTextEquals("GAUGE"u8) ? CounterTypes.Gauge
            : reader.ValueTextEquals("COUNTER"u8) ? CounterTypes.Counter
            : reader.ValueTextEquals("DERIVE"u8) ? CounterTypes.Derive
            : null;
        if (known is null)
        {
            return false;
        }

        field = known;
        return true;
    }

    private static string? GetText(ref Utf8JsonReader reader)
    {
        // Go replaces invalid UTF-8 with U+FFFD rather than failing, and so does Encoding.UTF8.
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800"), which Go would decode as U+FFFD.
            return null;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, MetricRawValue value)
    {
        switch (value.Kind)
        {
            case MetricValueKind.Number:
                writer.WriteNumberValue(value.Number);
                break;
            case MetricValueKind.String:
                writer.WriteStringValue(value.Text);
                break;
            case MetricValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case MetricValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                // Go writes a nil interface{} as null; object and array values are not kept.
                writer.WriteNullValue();
                break;
        }
    }
}
