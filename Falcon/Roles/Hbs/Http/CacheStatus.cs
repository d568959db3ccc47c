using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Http;

/// <summary>What /cache reports: which configuration generation this instance serves, how old it is and where it came from.</summary>
internal sealed record CacheStatus(
    [property: JsonPropertyName("generation")] long Generation,
    [property: JsonPropertyName("ageSeconds")] double AgeSeconds,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("leader")] bool Leader,
    [property: JsonPropertyName("agents")] int Agents,
    [property: JsonPropertyName("hostRowsPending")] int HostRowsPending);
