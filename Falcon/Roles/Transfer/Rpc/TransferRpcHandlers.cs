using System.Text.Json;
using Falcon.Roles.Transfer.Ingest;
using Falcon.Shared.Model;
using Falcon.Shared.Wire;

namespace Falcon.Roles.Transfer.Rpc;

/// <summary>open-falcon's `Transfer.Update` and `Transfer.Ping`, written straight to the reply without serializer types.</summary>
internal sealed class TransferRpcHandlers(TransferIngest ingest, TimeProvider timeProvider)
{
    public ValueTask UpdateAsync(JsonElement param, Utf8JsonWriter result, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        // Go's client always sends one argument; `[]` (no argument) decodes as an empty batch, as a nil slice does.
        var items = param.ValueKind == JsonValueKind.Undefined ? [] : MetricValueJson.ReadArray(param);
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
