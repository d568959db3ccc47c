using System.Text;
using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>
/// The registered method a connection called last with its handler: an agent calls the same method again and
/// again, and matching its raw bytes spares a string and a lookup per request.
/// </summary>
internal sealed class JsonRpcRecentMethod(string name, JsonRpcHandler handler)
{
    private readonly byte[] _utf8 = Encoding.UTF8.GetBytes(name);

    public string Name { get; } = name;

    public JsonRpcHandler Handler { get; } = handler;

    /// <summary>True when the JSON string <paramref name="value"/> (escapes decoded) is this method's name.</summary>
    public bool Matches(JsonElement value) => value.ValueEquals(_utf8);
}
