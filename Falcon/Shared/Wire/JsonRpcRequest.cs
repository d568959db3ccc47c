using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>
/// One request envelope, <c>{"method":"Svc.M","params":[arg],"id":N}</c>, read as Go's jsonrpc server codec
/// reads it: field names in any case, last duplicate wins, null treated as absent.
/// </summary>
internal readonly struct JsonRpcRequest
{
    private const string CannotDecode = "rpc: server cannot decode request: ";

    private enum Field
    {
        Other,
        Method,
        Params,
        Id,
    }

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

    /// <summary>Reads the envelope; a method equal to <paramref name="recent"/>'s is that same string instance.</summary>
    public static JsonRpcRequest Parse(JsonElement root, JsonRpcRecentMethod? recent = null)
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
            var field = FieldOf(property);
            if (field == Field.Method)
            {
                if (value.ValueKind == JsonValueKind.String)
                {
                    method = recent is not null && recent.Matches(value) ? recent.Name : value.GetString()!;
                }
                else if (value.ValueKind != JsonValueKind.Null)
                {
                    error ??= $"{CannotDecode}json: cannot unmarshal {GoKind(value)} into Go struct field serverRequest.method of type string";
                }
            }
            else if (field == Field.Params)
            {
                parameters = value.ValueKind == JsonValueKind.Null ? default : value;
            }
            else if (field == Field.Id)
            {
                id = value.ValueKind == JsonValueKind.Null ? default : value;
            }
        }

        return new JsonRpcRequest { Method = method, Params = parameters, Id = id, Error = error };
    }

    /// <summary>
    /// Go's case-insensitive field match. The names exactly as Go's client writes them are recognised from their
    /// raw bytes; only another spelling is made into a string.
    /// </summary>
    private static Field FieldOf(JsonProperty property)
    {
        if (property.NameEquals("method"u8))
        {
            return Field.Method;
        }

        if (property.NameEquals("params"u8))
        {
            return Field.Params;
        }

        if (property.NameEquals("id"u8))
        {
            return Field.Id;
        }

        var name = property.Name;
        return string.Equals(name, "method", StringComparison.OrdinalIgnoreCase) ? Field.Method
            : string.Equals(name, "params", StringComparison.OrdinalIgnoreCase) ? Field.Params
            : string.Equals(name, "id", StringComparison.OrdinalIgnoreCase) ? Field.Id
            : Field.Other;
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
