using System.Text.Json;

namespace Falcon.Shared.Wire;

internal sealed partial class JsonRpcClientConnection
{
    private static readonly JsonElement Null = JsonElement.Parse("null"u8);

    /// <summary>
    /// Completes the call a reply answers, reading it as Go's client codec does: a non-null error fails
    /// the call (an empty string becomes "unspecified error"). A reply without a numeric id breaks the connection.
    /// </summary>
    private void Dispatch(JsonElement reply)
    {
        if (reply.ValueKind != JsonValueKind.Object)
        {
            throw new JsonRpcException($"jsonrpc: reply from {Address} is not an object: {Excerpt(reply)}");
        }

        JsonElement id = default, result = default, error = default;
        foreach (var property in reply.EnumerateObject())
        {
            if (string.Equals(property.Name, "id", StringComparison.OrdinalIgnoreCase))
            {
                id = property.Value;
            }
            else if (string.Equals(property.Name, "result", StringComparison.OrdinalIgnoreCase))
            {
                result = property.Value;
            }
            else if (string.Equals(property.Name, "error", StringComparison.OrdinalIgnoreCase))
            {
                error = property.Value;
            }
        }

        if (id.ValueKind != JsonValueKind.Number || !id.TryGetUInt64(out var seq))
        {
            throw new JsonRpcException($"jsonrpc: reply from {Address} has no numeric id: {Excerpt(reply)}");
        }

        if (!_pending.TryRemove(seq, out var call))
        {
            // The caller timed out or gave up; Go drops such replies too.
            _logger.ClientUnexpectedReply(Address, seq);
            return;
        }

        if (error.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            call.TrySetResult(result.ValueKind == JsonValueKind.Undefined ? Null : result.Clone());
            return;
        }

        var message = error.ValueKind == JsonValueKind.String
            ? error.GetString() is { Length: > 0 } text ? text : "unspecified error"
            : $"invalid error {error.GetRawText()}";
        call.TrySetException(new JsonRpcException(message));
    }

    private static string Excerpt(JsonElement reply)
    {
        var text = reply.GetRawText();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
