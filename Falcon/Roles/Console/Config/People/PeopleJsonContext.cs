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
internal sealed partial class PeopleJsonContext : JsonSerializerContext;
