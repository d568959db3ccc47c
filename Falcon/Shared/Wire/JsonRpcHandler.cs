using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>
/// Serves one JSON-RPC method: reads <paramref name="param"/> (the request's <c>params[0]</c>, or an
/// undefined element when Go sent <c>[]</c>; valid only until the returned task completes, so Clone() what
/// must outlive it) and writes exactly one JSON value, the reply's <c>result</c>, to <paramref name="result"/>.
/// An exception becomes an error reply carrying its message.
/// </summary>
internal delegate ValueTask JsonRpcHandler(JsonElement param, Utf8JsonWriter result, CancellationToken cancellationToken);
