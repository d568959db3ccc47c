using System.Text.Json;

namespace Falcon.Roles.Transfer.Ingest;

/// <summary>Writes Go's TransferResponse exactly (PascalCase, no json tags): <c>{"Message":"ok","Total":n,"Invalid":k,"Latency":ms}</c>.</summary>
internal static class TransferResponseJson
{
    public static void Write(Utf8JsonWriter writer, IngestResult result, long latencyMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("Message"u8, "ok"u8);
        writer.WriteNumber("Total"u8, result.Total);
        writer.WriteNumber("Invalid"u8, result.Invalid);
        writer.WriteNumber("Latency"u8, latencyMilliseconds);
        writer.WriteEndObject();
    }
}
