using System.Text.Json;
using System.Text.Json.Serialization;
using Falcon.Roles.Console.Api;
using Falcon.Roles.Console.Auth;

namespace Falcon.Roles.Console;

/// <summary>Source-generated JSON of the console API (NativeAOT-safe); camelCase like the alarm API it sits beside.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(ConsoleMessage))]
[JsonSerializable(typeof(SignInRequest))]
[JsonSerializable(typeof(SessionInfo))]
[JsonSerializable(typeof(AckRequest))]
[JsonSerializable(typeof(IReadOnlyList<CaseNote>))]
[JsonSerializable(typeof(SilenceRequest))]
[JsonSerializable(typeof(AlarmSilenceAdd))]
[JsonSerializable(typeof(SilenceList))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(HbsHeartbeats))]
[JsonSerializable(typeof(AgentRow[]))]
[JsonSerializable(typeof(SeriesData[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
