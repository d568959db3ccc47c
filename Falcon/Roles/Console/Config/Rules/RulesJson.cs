using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Falcon.Roles.Console.Config.Rules;

/// <summary>
/// The JSON of the rules kinds: the source-generated context with non-ASCII text written as itself (a Chinese note
/// stays readable in the audit and its diff). Deterministic: properties in declaration order, no indentation.
/// </summary>
internal static class RulesJson
{
    public static RulesJsonContext Context { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    /// <summary>Parses a kind's JSON; a body that is not JSON of that shape is refused on <paramref name="field"/>.</summary>
    public static T Parse<T>(string json, JsonTypeInfo<T> type, string field)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new ConfigValidationException(field, "the JSON is null");
        }
        catch (JsonException e)
        {
            throw new ConfigValidationException(e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : field, $"not valid JSON here: {e.Message}");
        }
    }
}
