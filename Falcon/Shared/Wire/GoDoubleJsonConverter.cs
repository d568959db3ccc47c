using System.Text.Json;
using System.Text.Json.Serialization;

namespace Falcon.Shared.Wire;

/// <summary>
/// Writes <see cref="double"/> as Go's encoding/json does (<c>100</c>, <c>1e+21</c>, <c>1e-7</c>). Add it to a
/// source-generated context with <c>[JsonSourceGenerationOptions(Converters = [typeof(GoDoubleJsonConverter)])]</c>.
/// </summary>
internal sealed class GoDoubleJsonConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
        GoJson.WriteDouble(writer, value);
}
