using System.Text.Json;
using Falcon.Roles.Transfer.Ingest;
using Falcon.Shared.Model;
using Falcon.Shared.Wire;

namespace Falcon.Roles.Transfer.Rpc;

/// <summary>open-falcon's `Transfer.Update` and `Transfer.Ping`, written straight to the reply without serializer types.</summary>
/// <remarks>
/// Update is a direct method: a push in Go's shape is read in the same pass as its envelope, with no document of
/// the whole request (see <see cref="IJsonRpcDirectMethod"/>).
/// </remarks>
internal sealed class TransferRpcHandlers(TransferIngest ingest, TimeProvider timeProvider) : IJsonRpcDirectMethod
{
    /// <summary>Reads Transfer.Update's parameter: the array of metric values (a JSON null is an empty batch).</summary>
    public object ReadParam(ref Utf8JsonReader reader) => MetricValueJson.ReadArray(ref reader);

    /// <summary>Serves Transfer.Update with the items <see cref="ReadParam"/> read (none when params was empty).</summary>
    public ValueTask RunAsync(object? param, Utf8JsonWriter result, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        // Go's client always sends one argument; `[]` (no argument) decodes as an empty batch, as a nil slice does.
        var items = param as List<MetricValue?> ?? [];
        var outcome = ingest.Receive(items);
        if (outcome.Rejection is { } rejection)
        {
            // The JSON-RPC server turns an exception into `"error":"<message>"`, which Go's agent logs and retries.
            throw new JsonRpcRefusedException(rejection);
        }

        TransferResponseJson.Write(result, outcome, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return ValueTask.CompletedTask;
    }

    public static ValueTask PingAsync(JsonElement param, Utf8JsonWriter result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.WriteStartObject();
        result.WriteNumber("code"u8, 0);
        result.WriteEndObject();
        return ValueTask.CompletedTask;
    }
}
