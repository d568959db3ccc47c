using System.Buffers;
using System.Text.Json;

namespace Falcon.Shared.Wire;

internal sealed partial class JsonRpcServerConnection
{
    /// <summary>Answers one request; never throws, always returns the slot and the document.</summary>
    private async Task ProcessAsync(JsonDocument document)
    {
        try
        {
            var reply = await BuildReplyAsync(document.RootElement);
            await WriteAsync(reply.WrittenMemory);
        }
        catch (Exception ex)
        {
            // Only a reply that cannot be encoded at all gets here; the caller will time out.
            _server.Metrics.ServerError("reply");
            _server.Logger.HandlerFailed("?", Remote, ex);
        }
        finally
        {
            document.Dispose();
            _slots.Release();
        }
    }

    private async ValueTask<ArrayBufferWriter<byte>> BuildReplyAsync(JsonElement root)
    {
        JsonRpcRequest request;
        try
        {
            request = JsonRpcRequest.Parse(root);
        }
        catch (InvalidOperationException ex)
        {
            // A method name with invalid UTF-16 escapes.
            return Reject(default, $"rpc: server cannot decode request: {ex.Message}", "malformed");
        }

        _server.Metrics.RequestReceived(_server.MetricName(request.Method));
        if (request.Error is not null)
        {
            return Reject(request.Id, request.Error, "malformed");
        }

        var handler = _server.Resolve(request.Method, out var error);
        if (handler is null)
        {
            return Reject(request.Id, error, "unknown_method");
        }

        if (request.ParamsError is { } paramsError)
        {
            return Reject(request.Id, paramsError, "bad_params");
        }

        try
        {
            return await JsonRpcReply.SuccessAsync(request.Id, handler, request.Param, _active.Token);
        }
        catch (JsonException ex)
        {
            return Reject(request.Id, ex.Message, "bad_params");
        }
        catch (JsonRpcRefusedException ex)
        {
            _server.Metrics.ServerError("refused");
            return JsonRpcReply.Error(request.Id, ex.Message);
        }
        catch (Exception ex)
        {
            _server.Metrics.ServerError("handler");
            _server.Logger.HandlerFailed(request.Method, Remote, ex);
            return JsonRpcReply.Error(request.Id, ex.Message);
        }
    }

    private ArrayBufferWriter<byte> Reject(JsonElement id, string error, string errorType)
    {
        _server.Metrics.ServerError(errorType);
        _server.Logger.RequestRejected(Remote, error);
        return JsonRpcReply.Error(id, error);
    }
}
