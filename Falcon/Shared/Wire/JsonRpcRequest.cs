using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>
/// One request envelope, <c>{"method":"Svc.M","params":[arg],"id":N}</c>, read as Go's jsonrpc server codec
/// reads it: field names in any case, last duplicate wins, null treated as absent.
/// </summary>
internal readonly struct JsonRpcRequest
{
    private const string CannotDecode = "rpc: server cannot decode request: ";

    /// <summary>The method name, empty when absent.</summary>
    public string Method { get; init; }

    /// <summary>The raw <c>params</c> value; undefined when absent or null.</summary>
    public JsonElement Params { get; init; }

    /// <summary>The raw id to echo; undefined (echoed as null) when absent or null.</summary>
    public JsonElement Id { get; init; }

    /// <summary>Set when the envelope itself cannot be decoded.</summary>
    public string? Error { get; init; }

    /// <summary>What Go's codec reports when <c>params</c> cannot become the handler's argument, or null.</summary>
    public string? ParamsError => Params.ValueKind switch
    {
        JsonValueKind.Undefined => "jsonrpc: request body missing params",
        JsonValueKind.Array => null,
        _ => $"json: cannot unmarshal {GoKind(Params)} into Go value of type [1]interface {{}}",
    };

    /// <summary><c>params[0]</c>; undefined for <c>[]</c>. Go ignores any further elements.</summary>
    public JsonElement Param =>
        Params.ValueKind == JsonValueKind.Array && Params.GetArrayLength() > 0 ? Params[0] : default;

    public static JsonRpcRequest Parse(JsonElement root)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Object:
                break;
            case JsonValueKind.Null:
                // Go decodes null into an empty request, which then fails as an ill-formed method.
                return new JsonRpcRequest { Method = "" };
            default:
                return new JsonRpcRequest
                {
                    Method = "",
                    Error = $"{CannotDecode}json: cannot unmarshal {GoKind(root)} into Go value of type jsonrpc.serverRequest",
                };
        }

        var method = "";
        JsonElement parameters = default, id = default;
        string? error = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            if (string.Equals(property.Name, "method", StringComparison.OrdinalIgnoreCase))
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    method = value.GetString()!;
                }
                else if (value.ValueKind != JsonValueKind.Null)
                {
                    error ??= $"{CannotDecode}json: cannot unmarshal {GoKind(value)} into Go struct field serverRequest.method of type string";
                }
            }
            else if (string.Equals(property.Name, "params", StringComparison.OrdinalIgnoreCase))
            {
                parameters = value.ValueKind == JsonValueKind.Null ? default : value;
            }
            else if (string.Equals(property.Name, "id", StringComparison.OrdinalIgnoreCase))
            {
                id = value.ValueKind == JsonValueKind.Null ? default : value;
            }
        }

        return new JsonRpcRequest { Method = method, Params = parameters, Id = id, Error = error };
    }

    /// <summary>The JSON kind as Go's <c>UnmarshalTypeError</c> names it.</summary>
    private static string GoKind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}
