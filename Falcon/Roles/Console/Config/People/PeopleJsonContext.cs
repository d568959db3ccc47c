using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Falcon.Roles.Console.Config.People;

/// <summary>
/// Source-generated JSON of users and teams (NativeAOT-safe). The kinds' JSON is written with it too, so property
/// order and spelling are fixed: the audit compares texts.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(UserObject))]
[JsonSerializable(typeof(TeamObject))]
[JsonSerializable(typeof(List<UserListItem>))]
[JsonSerializable(typeof(UserListItem))]
[JsonSerializable(typeof(List<TeamObject>))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(PasswordRequest))]
[JsonSerializable(typeof(TeamRequest))]
internal sealed partial class PeopleJsonContext : JsonSerializerContext
{
    /// <summary>
    /// For the kinds' JSON (audit rows, history, export): '+' and non-ASCII letters as themselves, so a phone number or
    /// a Chinese name reads as typed. It is always served as JSON, never placed into HTML unescaped.
    /// </summary>
    public static PeopleJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
