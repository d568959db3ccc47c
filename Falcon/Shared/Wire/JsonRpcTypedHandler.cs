using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Falcon.Shared.Wire;

/// <summary>Adapts a typed <c>Func&lt;TRequest, CancellationToken, ValueTask&lt;TResponse&gt;&gt;</c> to a <see cref="JsonRpcHandler"/>.</summary>
internal static class JsonRpcTypedHandler
{
    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}"u8);
    private static readonly JsonElement EmptyArray = JsonElement.Parse("[]"u8);
    private static readonly JsonElement Null = JsonElement.Parse("null"u8);

    /// <summary>Builds the handler; throws if <paramref name="requestType"/> reads field names case-sensitively.</summary>
    public static JsonRpcHandler Create<TRequest, TResponse>(
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<TRequest, CancellationToken, ValueTask<TResponse>> handler)
    {
        ArgumentNullException.ThrowIfNull(requestType);
        ArgumentNullException.ThrowIfNull(responseType);
        ArgumentNullException.ThrowIfNull(handler);
        if (!requestType.Options.PropertyNameCaseInsensitive)
        {
            throw new ArgumentException(
                $"The request type info of {typeof(TRequest).Name} must come from options with PropertyNameCaseInsensitive = true: Go matches field names in any case.",
                nameof(requestType));
        }

        // Go peers write nil slices and maps as null: read them as empty, not as a null the handler trips on.
        requestType = GoNullTolerance.For(requestType);
        return async (param, result, cancellationToken) =>
        {
            // Read the element's own UTF-8 bytes: JsonElement.Deserialize would first write the element out again.
            var request = JsonSerializer.Deserialize(JsonMarshal.GetRawUtf8Value(ZeroIfAbsent(param, requestType)), requestType)!;
            var response = await handler(request, cancellationToken);
            JsonSerializer.Serialize(result, response, responseType);
        };
    }

    /// <summary>Go leaves the argument at its zero value for <c>[]</c> or <c>[null]</c>: an empty struct, slice or map.</summary>
    private static JsonElement ZeroIfAbsent(JsonElement param, JsonTypeInfo requestType)
    {
        if (param.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            return param;
        }

        return requestType.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => EmptyObject,
            JsonTypeInfoKind.Enumerable => EmptyArray,
            _ => Null,
        };
    }
}
