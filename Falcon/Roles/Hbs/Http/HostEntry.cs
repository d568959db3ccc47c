using System.Text.Json.Serialization;

namespace Falcon.Roles.Hbs.Http;

/// <summary>A host as /hosts lists it: open-falcon's model.Host (`Id`, `Name`) plus its IP.</summary>
internal sealed record HostEntry(
    [property: JsonPropertyName("Id")] long Id,
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("IP")] string IP);
