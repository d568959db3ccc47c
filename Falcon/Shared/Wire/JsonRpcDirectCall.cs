using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>
/// A request read in one pass for an <see cref="IJsonRpcDirectMethod"/>: the envelope exactly as Go's client writes it,
/// <c>{"method":"…","params":[…],"id":n}</c>. Anything else (other key order or spelling, escapes, a string id, a bad
/// parameter) is left to the general path, which reads it as before and words any error.
/// </summary>
internal sealed class JsonRpcDirectCall
{
    private JsonRpcDirectCall(string method, IJsonRpcDirectMethod handler, object? param, byte[]? id)
    {
        Method = method;
        Handler = handler;
        Param = param;
        RawId = id;
    }

    public string Method { get; }

    public IJsonRpcDirectMethod Handler { get; }

    public object? Param { get; }

    /// <summary>The id's number as sent, or null for a missing or null id.</summary>
    public byte[]? RawId { get; }

    /// <summary>The id as an element, for the error replies (rare: parsed on demand).</summary>
    public JsonElement Id => RawId is null ? default : JsonElement.Parse(RawId);

    /// <summary>Reads <paramref name="request"/> (one whole JSON value) when it calls one of <paramref name="methods"/> in Go's shape.</summary>
    /// <returns>The call, or null when the general path must read the request.</returns>
    public static JsonRpcDirectCall? TryRead(ReadOnlySpan<byte> request, IReadOnlyList<JsonRpcDirectEntry> methods)
    {
        if (methods.Count == 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(request);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !NextIsName(ref reader, "method"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped
                || Find(ref reader, methods) is not { } entry
                || !NextIsName(ref reader, "params"u8)
                || !reader.Read() || reader.TokenType != JsonTokenType.StartArray
                || !reader.Read())
            {
                return null;
            }

            object? param = null;
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                param = entry.Handler.ReadParam(ref reader);

                // Go reads params into a one-element array and drops the rest.
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    reader.Skip();
                }
            }

            byte[]? id = null;
            if (!reader.Read())
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("id"u8) || reader.ValueIsEscaped || !reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.Number)
                {
                    id = reader.ValueSpan.ToArray();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return null;
                }

                if (!reader.Read())
                {
                    return null;
                }
            }

            // Nothing after the envelope's end: the request is one value, so Read finds no more tokens.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read()
                ? new JsonRpcDirectCall(entry.Method, entry.Handler, param, id)
                : null;
        }
        catch (Exception)
        {
            // Whatever the method's reading makes of it (JsonException, or a converter's own exception), the general
            // path reads the request again and answers it as before.
            return null;
        }
    }

    private static bool NextIsName(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName && !reader.ValueIsEscaped && reader.ValueTextEquals(name);

    private static JsonRpcDirectEntry? Find(ref Utf8JsonReader reader, IReadOnlyList<JsonRpcDirectEntry> methods)
    {
        for (var i = 0; i < methods.Count; i++)
        {
            if (reader.ValueTextEquals(methods[i].Utf8Method))
            {
                return methods[i];
            }
        }

        return null;
    }
}
