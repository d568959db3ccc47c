using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Falcon.Shared.Wire;

internal sealed partial class JsonRpcServer
{
    private readonly Dictionary<string, JsonRpcHandler> _handlers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);
    private readonly List<JsonRpcDirectEntry> _direct = [];

    /// <summary>The methods registered with <see cref="RegisterDirect"/>.</summary>
    internal IReadOnlyList<JsonRpcDirectEntry> DirectMethods => _direct;

    /// <summary>Registers the handler of <paramref name="method"/> ("Service.Method"); only before <see cref="Start"/>.</summary>
    public void Register(string method, JsonRpcHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(handler);
        var dot = method.LastIndexOf('.');
        if (dot <= 0 || dot == method.Length - 1)
        {
            throw new ArgumentException($"'{method}' is not Service.Method", nameof(method));
        }

        if (_listener is not null)
        {
            throw new InvalidOperationException("Handlers are registered before the server starts.");
        }

        _handlers.Add(method, handler);
        _services.Add(method[..dot]);
    }

    /// <summary>
    /// Registers a method whose requests in Go's shape are read in one pass (see <see cref="IJsonRpcDirectMethod"/>);
    /// other requests for it are served by the same method from the parsed document.
    /// </summary>
    public void RegisterDirect(string method, IJsonRpcDirectMethod handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Register(method, (param, result, cancellationToken) =>
        {
            if (param.ValueKind == JsonValueKind.Undefined)
            {
                return handler.RunAsync(null, result, cancellationToken);
            }

            var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(param));
            reader.Read();
            return handler.RunAsync(handler.ReadParam(ref reader), result, cancellationToken);
        });
        _direct.Add(new JsonRpcDirectEntry(method, Encoding.UTF8.GetBytes(method), handler));
    }

    /// <summary>
    /// Registers a typed handler: params[0] is read with <paramref name="requestType"/> (which must come from
    /// options with <c>PropertyNameCaseInsensitive</c>, as Go matches field names in any case) and the result is
    /// written with <paramref name="responseType"/>.
    /// </summary>
    public void Register<TRequest, TResponse>(
        string method,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<TRequest, CancellationToken, ValueTask<TResponse>> handler) =>
        Register(method, JsonRpcTypedHandler.Create(requestType, responseType, handler));

    /// <summary>The handler of <paramref name="method"/>, or null and the error string Go's net/rpc would send.</summary>
    internal JsonRpcHandler? Resolve(string method, out string error)
    {
        if (_handlers.TryGetValue(method, out var handler))
        {
            error = "";
            return handler;
        }

        // net/rpc (server.go readRequestHeader) splits at the last dot and names the whole method in both errors.
        var dot = method.LastIndexOf('.');
        error = dot < 0 ? $"rpc: service/method request ill-formed: {method}"
            : _services.Contains(method[..dot]) ? $"rpc: can't find method {method}"
            : $"rpc: can't find service {method}";
        return null;
    }
}
